package io.flowhost.plugins;

import java.net.URL;
import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.LegacyExtensionFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * The class loader of one plugin jar: plugin-first for everything (so a plugin's bundled Guava wins
 * over the host's), except the packages the host shares with every plugin.
 *
 * <p>Shared packages come in two strengths. The plugin API, PF4J and GraalVM/Truffle are
 * host-only: a copy inside a plugin jar is never defined, because a second {@code Action} class
 * would make the plugin's actions invisible to the host, and GraalJS must live in the host's loader
 * only (its sandbox and its one shared engine depend on that). Jackson and SLF4J are parent-first:
 * the host's classes win, so JSON values and loggers cross the boundary, but a plugin may still
 * bring a Jackson module or an SLF4J add-on the host does not have.
 */
final class PluginJarClassLoader extends PluginClassLoader {
    static final List<String> HOST_ONLY_PACKAGES =
            List.of("io.flowhost.api.", "org.pf4j.", "org.graalvm.", "com.oracle.truffle.");
    static final List<String> PARENT_FIRST_PACKAGES = List.of("com.fasterxml.jackson.", "org.slf4j.");

    static {
        registerAsParallelCapable();
    }

    PluginJarClassLoader(PluginManager pluginManager, PluginDescriptor descriptor, ClassLoader parent) {
        // PDA: plugin, then its PF4J dependencies (none: Flowhost rejects Plugin-Dependencies), then the host.
        super(pluginManager, descriptor, parent, ClassLoadingStrategy.PDA);
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        if (startsWithAny(className, HOST_ONLY_PACKAGES)) {
            return getParent().loadClass(className);
        }
        if (startsWithAny(className, PARENT_FIRST_PACKAGES)) {
            synchronized (getClassLoadingLock(className)) {
                Class<?> loaded = findLoadedClass(className);
                if (loaded != null) {
                    return loaded;
                }
                try {
                    return getParent().loadClass(className);
                } catch (ClassNotFoundException notInHost) {
                    return findClass(className);
                }
            }
        }
        return super.loadClass(className);
    }

    @Override
    public URL getResource(String name) {
        // PF4J reads the extension index plugin-first but falls back to the host's class path; a jar
        // without an index would then borrow the host's and report the host's extensions as its own.
        if (LegacyExtensionFinder.EXTENSIONS_RESOURCE.equals(name)) {
            return findResource(name);
        }
        return super.getResource(name);
    }

    private static boolean startsWithAny(String className, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
