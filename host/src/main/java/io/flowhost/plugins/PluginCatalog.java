package io.flowhost.plugins;

import io.flowhost.api.Action;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.HostSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The actions of the plugin jars in a few folders, plus the host's built-in actions.
 *
 * <p>{@link #load} takes every {@code *.jar} directly inside each folder (folders in the order
 * given, jars sorted by file name; the jars of the {@code core} plugin first, wherever they are) and
 * loads it with PF4J as a plugin: its MANIFEST must name a {@code Plugin-Id} and
 * {@code Plugin-Version}, and its {@code Plugin-Requires} (a SemVer expression such as
 * {@code >=0.1.0}; a bare version means "at least") must accept the host's version. Each plugin gets
 * its own class loader ({@link PluginJarClassLoader}), which shows it only its own jar, the JDK, and
 * the packages the host shares: {@code io.flowhost.api}, PF4J, Jackson and SLF4J. Its actions are
 * the {@code @Extension} classes listed in its {@code META-INF/extensions.idx}.
 *
 * <p>A jar that cannot be loaded is not an error: each of its problems is recorded in
 * {@link #failures()} with its file and a one-line reason (all of them, not only the first), the jar
 * is fully unloaded (class loader closed, nothing left in PF4J), and the next jar is loaded. A broken
 * jar is rejected as a whole, never half-loaded: when one of its actions cannot be created, when its
 * own classes use a class it cannot see (checked when it loads: see {@link ClassReferences}), or
 * when its index lists no extension (a plugin without actions is almost always a build mistake: the
 * PF4J annotation processor did not run).
 *
 * <p>Action ids are first come, first served, in this order: the host's built-ins, the {@code core}
 * plugin, then the other jars in load order. An action whose id is taken is refused on its own, with
 * a failure naming the jar that has it; the plugin's other actions load. (A jar named {@code a-x.jar}
 * declaring {@code core.log} used to drop the whole core plugin.) An action id need not start with its
 * plugin's id: the id is what jobs name, and it may outlive the jar that provides it today.
 *
 * <p>Plugin dependencies ({@code Plugin-Dependencies}) are not supported: such a jar is rejected.
 *
 * <p>Thread-safe. {@link #close()} stops and unloads every plugin; after it only the built-in
 * actions remain.
 */
public final class PluginCatalog implements ActionCatalog, AutoCloseable {
    /** The origin of actions built into the host. */
    public static final String BUILT_IN = "built-in";

    /** PF4J's convention for "version unknown" (a build without filtered resources): accept any plugin. */
    private static final String UNKNOWN_VERSION = "0.0.0";

    static final String NO_PLUGIN_ID = "no Plugin-Id in META-INF/MANIFEST.MF: not a plugin jar";
    /** The plugin whose actions win over every other plugin's. */
    static final String CORE = "core";

    /** What a plugin sees of the host, in the words of error messages. */
    public static final String SHARED_WORDS =
            "a plugin sees only flowhost-plugin-api, PF4J, Jackson, SLF4J and the JDK from the host";

    static final String NO_ACTIONS = "contributes no actions: META-INF/extensions.idx is missing or empty"
            + " (is org.pf4j:pf4j in the compiler's annotationProcessorPaths?)";

    private final FlowhostPluginManager manager;
    private final String hostVersion;
    private final Map<String, RegisteredAction> builtIns;
    private final List<PluginInfo> plugins = new ArrayList<>();
    private final List<PluginFailure> failures = new ArrayList<>();
    private final Map<String, Path> pluginFiles = new HashMap<>();
    private final Map<String, RegisteredAction> loading;
    private final Function<String, HostSettings> settings;
    private volatile Map<String, RegisteredAction> actions;
    private boolean closed;

    private PluginCatalog(List<Path> pluginDirs, String hostVersion, List<RegisteredAction> builtIns,
            Function<String, HostSettings> settings) {
        this.hostVersion = hostVersion;
        this.settings = settings;
        this.manager = new FlowhostPluginManager(hostVersion);
        try {
            manager.getVersionManager().compareVersions(hostVersion, hostVersion);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Host version '" + hostVersion + "' is not a SemVer version", e);
        }
        Map<String, RegisteredAction> byId = new TreeMap<>();
        for (RegisteredAction action : builtIns) {
            if (byId.put(action.id(), action) != null) {
                throw new IllegalArgumentException("Built-in action '" + action.id() + "' is registered twice");
            }
        }
        this.builtIns = Collections.unmodifiableMap(byId);
        this.loading = new TreeMap<>(byId);
        loadFolders(pluginDirs);
        this.actions = Collections.unmodifiableMap(loading);
    }

    /**
     * Loads the plugin jars of {@code pluginDirs}. Never fails because of a jar or a folder: see
     * {@link #failures()}.
     *
     * @param pluginDirs  the folders to look in, in order; a missing folder is a failure entry
     * @param hostVersion the host's version, checked against each jar's {@code Plugin-Requires};
     *                    {@code 0.0.0} means unknown and accepts every plugin, as in PF4J
     * @param builtIns    the host's own actions; a plugin action with the same id is a failure of
     *                    its jar
     * @return the catalog; close it to unload the plugins
     * @throws IllegalArgumentException if {@code hostVersion} is not SemVer or two built-ins share
     *                                  an id
     */
    public static PluginCatalog load(List<Path> pluginDirs, String hostVersion, List<RegisteredAction> builtIns) {
        Objects.requireNonNull(pluginDirs, "pluginDirs");
        Objects.requireNonNull(hostVersion, "hostVersion");
        Objects.requireNonNull(builtIns, "builtIns");
        return load(pluginDirs, hostVersion, builtIns, pluginId -> HostSettings.empty());
    }

    /**
     * As {@link #load(List, String, List)}, giving each plugin's actions their settings.
     *
     * @param settings a plugin's section of the host configuration, by plugin id; it may throw an
     *                 {@link RuntimeException} to reject the jar (e.g. a secret it names is missing)
     */
    public static PluginCatalog load(List<Path> pluginDirs, String hostVersion, List<RegisteredAction> builtIns,
            Function<String, HostSettings> settings) {
        Objects.requireNonNull(pluginDirs, "pluginDirs");
        Objects.requireNonNull(hostVersion, "hostVersion");
        Objects.requireNonNull(builtIns, "builtIns");
        Objects.requireNonNull(settings, "settings");
        return new PluginCatalog(List.copyOf(pluginDirs), hostVersion, List.copyOf(builtIns), settings);
    }

    /** @return the plugins that loaded, in load order */
    public List<PluginInfo> plugins() {
        return Collections.unmodifiableList(plugins);
    }

    /** @return the jars and folders that did not load, in the order they were tried */
    public List<PluginFailure> failures() {
        return Collections.unmodifiableList(failures);
    }

    @Override
    public Optional<RegisteredAction> find(String id) {
        return Optional.ofNullable(actions.get(id));
    }

    @Override
    public List<RegisteredAction> all() {
        return List.copyOf(actions.values());
    }

    /**
     * Stops and unloads every plugin and closes their class loaders; only the built-in actions
     * remain. An action that is still running may then fail to load classes. Calling it again
     * does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        actions = builtIns;
        List<PluginInfo> reversed = new ArrayList<>(plugins);
        Collections.reverse(reversed);
        // One plugin at a time rather than stopPlugins(): PF4J's stopPlugins() aborts on the first
        // stop() that throws anything but PluginRuntimeException, while unloadPlugin() stops the
        // plugin, logs such a failure and still closes the class loader.
        for (PluginInfo plugin : reversed) {
            unloadQuietly(plugin.id());
        }
        manager.unloadPlugins();
    }

    /** The ids PF4J holds; after a failed jar or {@link #close()} none may be left over. */
    Set<String> pf4jPluginIds() {
        return manager.getPlugins().stream().map(PluginWrapper::getPluginId).collect(Collectors.toSet());
    }

    /** Every class loader created so far, for tests that check failed jars were closed. */
    List<PluginJarClassLoader> createdClassLoaders() {
        return manager.createdLoaders();
    }

    /** The jars of a folder, sorted by file name; a folder that cannot be listed is a failure. */
    private List<Path> jarsOf(Path dir) {
        if (!Files.exists(dir)) {
            failures.add(new PluginFailure(dir, "plugin folder does not exist"));
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            failures.add(new PluginFailure(dir, "not a folder"));
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            failures.add(new PluginFailure(dir, "cannot list the plugin folder: " + describe(e), e));
            return List.of();
        }
    }

    /** Loads the jars of every folder: the core plugin's first, so that its actions win every clash. */
    private void loadFolders(List<Path> pluginDirs) {
        List<Path> jars = new ArrayList<>();
        for (Path dir : pluginDirs) {
            jars.addAll(jarsOf(Objects.requireNonNull(dir, "plugin folder")));
        }
        List<Path> ordered = new ArrayList<>(jars.stream().filter(jar -> CORE.equals(pluginIdOf(jar))).toList());
        jars.stream().filter(jar -> !ordered.contains(jar)).forEach(ordered::add);
        for (Path jar : ordered) {
            try {
                loadJar(jar);
            } catch (Rejected rejected) {
                for (Problem problem : rejected.problems) {
                    failures.add(new PluginFailure(jar, problem.reason(), problem.cause()));
                }
            } catch (RuntimeException | LinkageError e) {
                failures.add(new PluginFailure(jar, "unexpected error: " + describe(e), e));
            }
        }
    }

    /** The jar's {@code Plugin-Id}, or {@code null} when it has none or cannot be read (loading says why). */
    private static String pluginIdOf(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue("Plugin-Id");
        } catch (IOException e) {
            return null;
        }
    }

    private void loadJar(Path jar) {
        PluginDescriptor descriptor = readDescriptor(jar);
        String pluginId = descriptor.getPluginId();
        Path loadedFrom = pluginFiles.get(pluginId);
        if (loadedFrom != null) {
            throw new Rejected("plugin id '" + pluginId + "' is already loaded from " + loadedFrom.getFileName());
        }
        try {
            manager.loadPlugin(jar);
        } catch (RuntimeException | LinkageError e) {
            unloadIfFrom(pluginId, jar);
            throw new Rejected("PF4J cannot load it: " + describe(e), e);
        }
        try {
            PluginInfo info = startAndRegister(jar, descriptor);
            plugins.add(info);
            pluginFiles.put(pluginId, jar);
        } catch (RuntimeException | LinkageError e) {
            unloadQuietly(pluginId);
            throw e;
        }
    }

    /** Reads and checks the MANIFEST, before PF4J creates anything for the jar. */
    private PluginDescriptor readDescriptor(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String id = manifest == null ? null : manifest.getMainAttributes().getValue("Plugin-Id");
            if (id == null || id.isBlank()) {
                throw new Rejected(NO_PLUGIN_ID);
            }
        } catch (IOException e) {
            throw new Rejected("not a readable jar file (" + e.getMessage() + ")", e);
        }
        PluginDescriptor descriptor;
        try {
            descriptor = manager.descriptorFinder().find(jar);
        } catch (RuntimeException e) {
            throw new Rejected("cannot read its plugin descriptor: " + describe(e), e);
        }
        if (descriptor.getVersion() == null || descriptor.getVersion().isBlank()) {
            throw new Rejected("no Plugin-Version in META-INF/MANIFEST.MF");
        }
        if (!descriptor.getDependencies().isEmpty()) {
            throw new Rejected("declares Plugin-Dependencies, which Flowhost does not support");
        }
        checkRequires(descriptor);
        return descriptor;
    }

    private void checkRequires(PluginDescriptor descriptor) {
        String declared = descriptor.getRequires() == null ? "*" : descriptor.getRequires().trim();
        // PF4J's rule: a bare version in Plugin-Requires means "this version or newer".
        String requires = declared.matches("\\d+\\.\\d+\\.\\d+") ? ">=" + declared : declared;
        if (UNKNOWN_VERSION.equals(hostVersion)) {
            return;
        }
        boolean accepted;
        try {
            accepted = manager.getVersionManager().checkVersionConstraint(hostVersion, requires);
        } catch (RuntimeException e) {
            throw new Rejected("invalid Plugin-Requires '" + declared + "': " + e.getMessage(), e);
        }
        if (!accepted) {
            throw new Rejected("requires host " + requires + ", this host is " + hostVersion);
        }
    }

    private PluginInfo startAndRegister(Path jar, PluginDescriptor descriptor) {
        String pluginId = descriptor.getPluginId();
        PluginWrapper wrapper = manager.getPlugin(pluginId);
        String pluginClass = descriptor.getPluginClass();
        try {
            // Created apart from start() so that "cannot be created" and "failed to start" read differently.
            wrapper.getPlugin();
        } catch (PluginRuntimeException e) {
            throw new Rejected(e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            throw new Rejected("Plugin-Class " + pluginClass + " cannot be created: " + describe(e), e);
        }
        PluginState state;
        try {
            state = manager.startPlugin(pluginId);
        } catch (RuntimeException | LinkageError e) {
            throw new Rejected("Plugin-Class " + pluginClass + " failed to start: " + describe(e), e);
        }
        if (state != PluginState.STARTED) {
            throw new Rejected("PF4J did not start it (state " + state + ")");
        }
        Set<String> extensionClasses = new TreeSet<>(manager.getExtensionClassNames(pluginId));
        if (extensionClasses.isEmpty()) {
            throw new Rejected(NO_ACTIONS);
        }
        PluginJarClassLoader loader = (PluginJarClassLoader) wrapper.getPluginClassLoader();
        checkReferences(jar, extensionClasses, loader);
        String origin = jar.getFileName().toString();
        HostSettings pluginSettings;
        try {
            pluginSettings = settings.apply(pluginId);
        } catch (RuntimeException e) {
            throw new Rejected("its settings in the host configuration cannot be used: " + e.getMessage(), e);
        }
        Map<String, RegisteredAction> found = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (String className : extensionClasses) {
            RegisteredAction action;
            try {
                action = createAction(loader, className, origin, pluginSettings);
            } catch (Rejected rejected) {
                problems.addAll(rejected.problems);
                continue;
            }
            RegisteredAction twin = found.putIfAbsent(action.id(), action);
            if (twin != null) {
                problems.add(new Problem("action '" + action.id() + "' is declared twice, by "
                        + twin.action().getClass().getName() + " and " + className, null));
            }
        }
        if (!problems.isEmpty()) {
            throw new Rejected(problems);
        }
        List<PluginFailure> refused = new ArrayList<>();
        for (RegisteredAction action : List.copyOf(found.values())) {
            RegisteredAction taken = loading.get(action.id());
            if (taken != null) {
                found.remove(action.id());
                refused.add(new PluginFailure(jar, "action '" + action.id() + "' is already provided by " + taken.origin(),
                        null, false));
            }
        }
        if (found.isEmpty()) {
            throw new Rejected(refused.stream().map(f -> new Problem(f.reason(), null)).toList());
        }
        failures.addAll(refused);
        loading.putAll(found);
        return new PluginInfo(
                pluginId,
                descriptor.getVersion(),
                jar,
                descriptor.getPluginDescription() == null ? "" : descriptor.getPluginDescription(),
                found.keySet().stream().sorted().toList());
    }

    /** Rejects a jar whose own classes use classes it cannot see, naming every one of them. */
    private static void checkReferences(Path jar, Set<String> extensionClasses, PluginJarClassLoader loader) {
        Set<String> packages = new TreeSet<>();
        for (String className : extensionClasses) {
            int dot = className.lastIndexOf('.');
            packages.add(dot < 0 ? "" : className.substring(0, dot).replace('.', '/'));
        }
        List<ClassReferences.Missing> missing;
        try (JarFile file = new JarFile(jar.toFile())) {
            missing = ClassReferences.missing(file, packages, loader);
        } catch (IOException | RuntimeException e) {
            throw new Rejected("cannot read its classes: " + describe(e), e);
        }
        if (missing.isEmpty()) {
            return;
        }
        ClassLoader host = PluginCatalog.class.getClassLoader();
        throw new Rejected(missing.stream().map(m -> new Problem(m.usedBy() + " uses " + m.className()
                + (host.getResource(m.className().replace('.', '/') + ".class") != null
                        ? ", a class of the host that plugins do not see (" + SHARED_WORDS + "): bundle its library into the jar"
                        : ", which is not in the jar"), null)).toList());
    }

    private static RegisteredAction createAction(ClassLoader loader, String className, String origin,
            HostSettings settings) {
        String extension = "extension " + className;
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new Rejected(extension + " is listed in META-INF/extensions.idx but not in the jar");
        } catch (LinkageError e) {
            throw new Rejected(extension + " cannot be loaded: " + describe(e), e);
        }
        if (!Action.class.isAssignableFrom(type)) {
            throw new Rejected(extension + " does not implement " + Action.class.getName());
        }
        Action action;
        try {
            action = (Action) type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new Rejected(extension + " cannot be created: " + describe(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new Rejected(extension + " cannot be created: " + describe(e), e);
        }
        ActionDescriptor descriptor;
        try {
            descriptor = action.descriptor();
        } catch (RuntimeException | LinkageError e) {
            throw new Rejected(extension + ": descriptor() threw " + describe(e), e);
        }
        if (descriptor == null) {
            throw new Rejected(extension + ": descriptor() returned null");
        }
        return new RegisteredAction(descriptor, action, origin, settings);
    }

    private void unloadIfFrom(String pluginId, Path jar) {
        PluginWrapper wrapper = manager.getPlugin(pluginId);
        if (wrapper != null && wrapper.getPluginPath().equals(jar)) {
            unloadQuietly(pluginId);
        }
    }

    private void unloadQuietly(String pluginId) {
        PluginWrapper wrapper = manager.getPlugin(pluginId);
        if (wrapper == null) {
            return;
        }
        ClassLoader loader = wrapper.getPluginClassLoader();
        try {
            manager.unloadPlugin(pluginId);
        } catch (RuntimeException | LinkageError e) {
            // PF4J has already forgotten the plugin when closing its loader fails; nothing to report
            // beyond the failure the caller records, and the catalog must go on.
        }
        if (loader instanceof PluginJarClassLoader jarLoader && !jarLoader.isClosed()) {
            try {
                jarLoader.close();
            } catch (IOException e) {
                // Best effort: the loader is unreachable from here on either way.
            }
        }
    }

    /** {@code SimpleName: message} of a throwable, the cause of a reflective wrapper if there is one. */
    static String describe(Throwable error) {
        Throwable shown = error;
        while ((shown instanceof InvocationTargetException || shown instanceof ExceptionInInitializerError)
                && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage();
        return shown.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** One problem of a jar: the reason shown to the user, and what was thrown behind it, if anything. */
    private record Problem(String reason, Throwable cause) {}

    /** A jar is skipped, for one or more problems; the message is the first one's reason. */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Problem> problems;

        Rejected(String reason) {
            this(reason, null);
        }

        /** @param cause what the plugin or PF4J threw, kept for {@code --verbose} */
        Rejected(String reason, Throwable cause) {
            this(List.of(new Problem(reason, cause)));
        }

        Rejected(List<Problem> problems) {
            super(problems.get(0).reason(), problems.get(0).cause(), false, false);
            this.problems = List.copyOf(problems);
        }
    }
}
