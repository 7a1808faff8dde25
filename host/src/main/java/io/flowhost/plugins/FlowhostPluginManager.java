package io.flowhost.plugins;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pf4j.JarPluginManager;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J's jar plugin manager with Flowhost's class loaders, no enabled/disabled files, no
 * development mode, and a plugin factory that says why it cannot create a plugin instead of
 * returning {@code null}. {@link PluginCatalog} drives it one jar at a time.
 */
final class FlowhostPluginManager extends JarPluginManager {
    private static final ClassLoader HOST_LOADER = FlowhostPluginManager.class.getClassLoader();

    /** Every loader this manager created, so that tests can check failed jars were closed. */
    private final List<PluginJarClassLoader> createdLoaders = new CopyOnWriteArrayList<>();

    FlowhostPluginManager(String hostVersion) {
        setSystemVersion(hostVersion);
    }

    PluginDescriptorFinder descriptorFinder() {
        return getPluginDescriptorFinder();
    }

    List<PluginJarClassLoader> createdLoaders() {
        return List.copyOf(createdLoaders);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        // The pf4j.mode system property would otherwise switch to loading class folders from ../plugins.
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new PluginLoader() {
            @Override
            public boolean isApplicable(Path pluginPath) {
                return true;
            }

            @Override
            public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
                PluginJarClassLoader loader = new PluginJarClassLoader(FlowhostPluginManager.this, descriptor, HOST_LOADER);
                loader.addFile(pluginPath.toFile());
                createdLoaders.add(loader);
                return loader;
            }
        };
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        // PF4J would read enabled.txt/disabled.txt from the first plugins folder; Flowhost loads every
        // jar it is given, so a stray file there cannot silently disable a plugin.
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
                throw new UnsupportedOperationException("Flowhost does not disable plugins");
            }

            @Override
            public void enablePlugin(String pluginId) {}
        };
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return FlowhostPluginManager::createPlugin;
    }

    private static Plugin createPlugin(PluginWrapper wrapper) {
        String className = wrapper.getDescriptor().getPluginClass();
        Class<?> pluginClass;
        try {
            pluginClass = wrapper.getPluginClassLoader().loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new PluginRuntimeException("Plugin-Class " + className + " not found");
        }
        if (!Plugin.class.isAssignableFrom(pluginClass)
                || Modifier.isAbstract(pluginClass.getModifiers())
                || pluginClass.isInterface()) {
            throw new PluginRuntimeException("Plugin-Class " + className + " is not a concrete subclass of org.pf4j.Plugin");
        }
        try {
            try {
                return (Plugin) pluginClass.getConstructor(PluginWrapper.class).newInstance(wrapper);
            } catch (NoSuchMethodException e) {
                return (Plugin) pluginClass.getConstructor().newInstance();
            }
        } catch (InvocationTargetException e) {
            throw new PluginRuntimeException(
                    "Plugin-Class " + className + " cannot be created: " + PluginCatalog.describe(e.getCause()));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PluginRuntimeException(
                    "Plugin-Class " + className + " cannot be created: " + PluginCatalog.describe(e));
        }
    }
}
