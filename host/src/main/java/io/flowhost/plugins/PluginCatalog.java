package io.flowhost.plugins;

import io.flowhost.api.Action;
import io.flowhost.api.ActionDescriptor;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.processor.ExtensionStorage;

/**
 * The actions of the plugin jars in the plugins folders, and the host's built-in ones.
 *
 * <p>Every {@code *.jar} directly in a plugins folder is a plugin. Jars are loaded one at a time in
 * file-name order, each in its own {@linkplain IsolatingClassLoader class loader}; a jar that
 * cannot be loaded is skipped, fully unloaded, and reported in {@link #failures()} with its file
 * name and the reason, and the others load as if it were not there. PF4J reads the descriptors,
 * builds the class loaders, runs the plugins' lifecycles and reads the extension indexes; this
 * class drives it jar by jar so that every failure has a clear reason.
 *
 * <p>Thread-safe once loaded.
 */
public final class PluginCatalog implements ActionCatalog, AutoCloseable {
    private static final String EXTENSIONS_INDEX = IsolatingClassLoader.EXTENSIONS_INDEX;
    private final Manager manager;
    private final String hostVersion;
    private final Map<String, RegisteredAction> actions = new TreeMap<>();
    private final Map<String, Path> pluginFiles = new LinkedHashMap<>();
    private final List<PluginInfo> plugins = new ArrayList<>();
    private final List<PluginFailure> failures = new ArrayList<>();
    private boolean closed;

    private PluginCatalog(String hostVersion) {
        this.hostVersion = hostVersion;
        this.manager = new Manager(hostVersion);
    }

    /**
     * Loads the plugins of the given folders.
     *
     * @param pluginDirs  folders of plugin jars, in order; a missing folder is reported as a failure
     * @param hostVersion this host's version, checked against each jar's {@code Plugin-Requires}
     * @param builtIns    the host's own actions; a plugin that provides one of their ids is skipped
     * @return the catalog, never failing because of a plugin
     */
    public static PluginCatalog load(List<Path> pluginDirs, String hostVersion, List<RegisteredAction> builtIns) {
        Objects.requireNonNull(pluginDirs, "pluginDirs");
        Objects.requireNonNull(hostVersion, "hostVersion");
        PluginCatalog catalog = new PluginCatalog(hostVersion);
        for (RegisteredAction action : builtIns) {
            if (catalog.actions.putIfAbsent(action.id(), action) != null) {
                throw new IllegalArgumentException("built-in action '" + action.id() + "' is registered twice");
            }
        }
        for (Path dir : pluginDirs) {
            if (!Files.isDirectory(dir)) {
                catalog.failures.add(new PluginFailure(dir, "no such plugins folder"));
                continue;
            }
            for (Path jar : jars(dir, catalog.failures)) {
                catalog.loadJar(jar);
            }
        }
        return catalog;
    }

    private static List<Path> jars(Path dir, List<PluginFailure> failures) {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jar")) {
            stream.forEach(jar -> {
                if (Files.isRegularFile(jar)) {
                    jars.add(jar);
                }
            });
        } catch (IOException e) {
            failures.add(new PluginFailure(dir, "cannot list the plugins folder: " + e.getMessage()));
        }
        Collections.sort(jars);
        return jars;
    }

    /** Why a jar is skipped; thrown inside {@link #loadJar} only. */
    private static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private void loadJar(Path jar) {
        String pluginId = null;
        try {
            Attributes manifest = manifest(jar);
            pluginId = value(manifest, "Plugin-Id");
            if (pluginId == null) {
                throw new Rejected("not a plugin: its MANIFEST has no Plugin-Id");
            }
            String version = value(manifest, "Plugin-Version");
            if (version == null) {
                throw new Rejected("plugin '" + pluginId + "' has no Plugin-Version in its MANIFEST");
            }
            checkRequires(pluginId, value(manifest, "Plugin-Requires"));
            Path other = pluginFiles.get(pluginId);
            if (other != null) {
                String id = pluginId;
                pluginId = null; // the loaded one is not ours to unload
                throw new Rejected("plugin id '" + id + "' is already loaded from " + other.getFileName());
            }
            try {
                manager.loadPlugin(jar);
            } catch (RuntimeException e) {
                String id = pluginId;
                pluginId = null;
                throw new Rejected("cannot load plugin '" + id + "': " + describe(e));
            }
            start(pluginId);
            List<RegisteredAction> found = actionsOf(pluginId, jar);
            found.forEach(action -> actions.put(action.id(), action));
            pluginFiles.put(pluginId, jar);
            PluginDescriptor descriptor = manager.getPlugin(pluginId).getDescriptor();
            plugins.add(new PluginInfo(pluginId, version, jar, descriptor.getPluginDescription(),
                    found.stream().map(RegisteredAction::id).sorted().toList()));
        } catch (Rejected e) {
            failures.add(new PluginFailure(jar, e.getMessage()));
            if (pluginId != null && manager.getPlugin(pluginId) != null) {
                unload(pluginId);
            }
        }
    }

    private static Attributes manifest(Path jar) throws Rejected {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new Rejected("not a readable jar file (" + e.getMessage() + ")");
        }
        if (manifest == null) {
            throw new Rejected("not a plugin: the jar has no MANIFEST");
        }
        return manifest.getMainAttributes();
    }

    private static String value(Attributes attributes, String name) {
        String value = attributes.getValue(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private void checkRequires(String pluginId, String requires) throws Rejected {
        if (requires == null) {
            return;
        }
        // PF4J reads a bare version as an exact one only when told to; a plugin built for 0.1.0
        // expects any later compatible host, as PF4J's default does.
        String constraint = requires.matches("\\d+\\.\\d+\\.\\d+") ? ">=" + requires : requires;
        boolean satisfied;
        try {
            satisfied = manager.getVersionManager().checkVersionConstraint(hostVersion, constraint);
        } catch (RuntimeException e) {
            throw new Rejected("plugin '" + pluginId + "' has an invalid Plugin-Requires '" + requires + "'");
        }
        if (!satisfied) {
            throw new Rejected("plugin '" + pluginId + "' requires Flowhost " + requires + ", this host is " + hostVersion);
        }
    }

    private void start(String pluginId) throws Rejected {
        PluginWrapper wrapper = manager.getPlugin(pluginId);
        try {
            if (wrapper.getPlugin() == null) {
                throw new Rejected("plugin '" + pluginId + "': its Plugin-Class '" + wrapper.getDescriptor().getPluginClass()
                        + "' cannot be created (missing, abstract, or not an org.pf4j.Plugin)");
            }
            PluginState state = manager.startPlugin(pluginId);
            if (state != PluginState.STARTED) {
                throw new Rejected("plugin '" + pluginId + "' did not start (state " + state + ")");
            }
        } catch (RuntimeException | LinkageError e) {
            throw new Rejected("plugin '" + pluginId + "' failed to start: " + describe(e));
        }
    }

    private List<RegisteredAction> actionsOf(String pluginId, Path jar) throws Rejected {
        ClassLoader loader = manager.getPluginClassLoader(pluginId);
        List<RegisteredAction> found = new ArrayList<>();
        for (String className : extensionIndex(pluginId, loader)) {
            Class<?> type;
            try {
                type = Class.forName(className, true, loader);
            } catch (ClassNotFoundException e) {
                throw new Rejected("extension class " + className + " is listed in META-INF/extensions.idx but is not in the jar");
            } catch (LinkageError e) {
                throw new Rejected("extension class " + className + " cannot be loaded: " + describe(e));
            }
            if (!Action.class.isAssignableFrom(type)) {
                continue; // an extension of another extension point: not ours to run
            }
            ActionDescriptor descriptor;
            Action action;
            try {
                action = (Action) type.getDeclaredConstructor().newInstance();
                descriptor = Objects.requireNonNull(action.descriptor(), "descriptor() returned null");
            } catch (InvocationTargetException e) {
                throw new Rejected("action class " + className + " failed: " + describe(e.getCause()));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                throw new Rejected("action class " + className + " failed: " + describe(e));
            }
            String id = descriptor.id();
            RegisteredAction taken = actions.get(id);
            if (taken != null) {
                throw new Rejected("action id '" + id + "' is already provided by " + taken.origin());
            }
            if (found.stream().anyMatch(a -> a.id().equals(id))) {
                throw new Rejected("action id '" + id + "' is declared twice in this jar");
            }
            found.add(new RegisteredAction(descriptor, action, jar.getFileName().toString()));
        }
        if (found.isEmpty()) {
            throw new Rejected("plugin '" + pluginId + "' has no actions: META-INF/extensions.idx lists no "
                    + "io.flowhost.api.Action (is org.pf4j:pf4j in the compiler's annotationProcessorPaths?)");
        }
        return found;
    }

    /** The class names of the plugin jar's own extension index, read with PF4J's reader. */
    private static Set<String> extensionIndex(String pluginId, ClassLoader loader) throws Rejected {
        Set<String> names = new TreeSet<>();
        URL index = ((IsolatingClassLoader) loader).findResource(EXTENSIONS_INDEX);
        if (index == null) {
            return names;
        }
        try (Reader reader = new InputStreamReader(index.openStream(), StandardCharsets.UTF_8)) {
            ExtensionStorage.read(reader, names);
        } catch (IOException e) {
            throw new Rejected("plugin '" + pluginId + "': cannot read " + EXTENSIONS_INDEX + ": " + e.getMessage());
        }
        return names;
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause instanceof InvocationTargetException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private void unload(String pluginId) {
        try {
            manager.unloadPlugin(pluginId);
        } catch (RuntimeException | LinkageError e) {
            // A plugin that cannot even be stopped is dropped all the same: its failure is reported already.
        }
    }

    @Override
    public Optional<RegisteredAction> find(String id) {
        return Optional.ofNullable(actions.get(id));
    }

    @Override
    public List<RegisteredAction> all() {
        return List.copyOf(actions.values());
    }

    /** @return the plugins that were loaded, in load order */
    public List<PluginInfo> plugins() {
        return List.copyOf(plugins);
    }

    /** @return the jars (and folders) that were skipped, with the reason, in load order */
    public List<PluginFailure> failures() {
        return List.copyOf(failures);
    }

    /** Stops and unloads every plugin. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (String pluginId : List.copyOf(pluginFiles.keySet()).reversed()) {
            unload(pluginId);
        }
    }

    /** PF4J's jar plugin manager, with isolating class loaders and nothing read from the plugins folders' config files. */
    private static final class Manager extends JarPluginManager {
        Manager(String hostVersion) {
            super(Path.of("."));
            setSystemVersion(hostVersion);
        }

        @Override
        protected PluginLoader createPluginLoader() {
            return new JarPluginLoader(this) {
                @Override
                public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
                    IsolatingClassLoader loader = new IsolatingClassLoader(pluginManager, descriptor, getClass().getClassLoader());
                    loader.addFile(pluginPath.toFile());
                    return loader;
                }
            };
        }

            @Override
        protected PluginStatusProvider createPluginStatusProvider() {
            return new PluginStatusProvider() {
                @Override
                public boolean isPluginDisabled(String pluginId) {
                    return false;
                }

                @Override
                public void disablePlugin(String pluginId) {}

                @Override
                public void enablePlugin(String pluginId) {}
            };
        }
    }
}
