package io.flowhost.plugins;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars for tests: Java sources compiled on the fly against the test class path,
 * a PF4J MANIFEST, and a {@code META-INF/extensions.idx} listing the extension classes.
 *
 * <pre>{@code
 * Path jar = PluginJars.plugin("acme")
 *         .action("com.acme.Hello", "acme.hello")           // an Action returning "acme.hello"
 *         .writeTo(dir.resolve("acme.jar"));
 * PluginJars.writeBytes(dir.resolve("corrupt.jar"), "not a zip".getBytes());
 * }</pre>
 *
 * One javac run per jar; build the jars a test class needs once (e.g. in a static {@code @TempDir})
 * and copy them into per-test folders with {@link #copy}.
 */
public final class PluginJars {
    private PluginJars() {}

    /**
     * @param pluginId the {@code Plugin-Id}
     * @return a builder for a jar with {@code Plugin-Version: 1.0.0} and {@code Plugin-Requires: >=0.1.0}
     */
    public static Builder plugin(String pluginId) {
        return new Builder().manifestEntry("Plugin-Id", pluginId);
    }

    /** @return a builder for a jar whose MANIFEST has no PF4J entries at all */
    public static Builder jarWithoutPluginId() {
        return new Builder().manifestEntry("Plugin-Version", null).manifestEntry("Plugin-Requires", null);
    }

    /**
     * Writes any bytes as a "jar", e.g. a corrupt one.
     *
     * @return {@code file}
     */
    public static Path writeBytes(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies jars into a folder (created if needed), keeping their file names.
     *
     * @return {@code folder}
     */
    public static Path copy(Path folder, Path... jars) {
        try {
            Files.createDirectories(folder);
            for (Path jar : jars) {
                Files.copy(jar, folder.resolve(jar.getFileName()));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The source of a minimal {@code @Extension} action.
     *
     * @param className        the fully qualified class name
     * @param actionId         the action id
     * @param resultExpression a Java expression; {@code run} returns {@code StepResult.ok(String.valueOf(it))}
     * @return the Java source
     */
    public static String actionSource(String className, String actionId, String resultExpression) {
        int dot = className.lastIndexOf('.');
        return (dot > 0 ? "package " + className.substring(0, dot) + ";\n" : "")
                + "import io.flowhost.api.*;\n"
                + "@org.pf4j.Extension\n"
                + "public final class " + className.substring(dot + 1) + " implements Action {\n"
                + "  public ActionDescriptor descriptor() {\n"
                + "    return ActionDescriptor.builder(\"" + actionId + "\").summary(\"test action\").build();\n"
                + "  }\n"
                + "  public StepResult run(ActionContext context) {\n"
                + "    return StepResult.ok(String.valueOf(" + resultExpression + "));\n"
                + "  }\n"
                + "  static String exit(Runnable exit) {\n"
                + "    exit.run();\n"
                + "    return \"still running\";\n"
                + "  }\n"
                + "}\n";
    }

    /** Builds one jar. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String> manifest = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final Set<String> extensions = new LinkedHashSet<>();
        private final Set<String> omitted = new LinkedHashSet<>();
        private final Map<String, byte[]> resources = new LinkedHashMap<>();

        private Builder() {
            manifest.put("Plugin-Version", "1.0.0");
            manifest.put("Plugin-Requires", ">=0.1.0");
        }

        /** Sets a MANIFEST main attribute; {@code null} removes it. */
        public Builder manifestEntry(String name, String value) {
            if (value == null) {
                manifest.remove(name);
            } else {
                manifest.put(name, value);
            }
            return this;
        }

        public Builder version(String version) {
            return manifestEntry("Plugin-Version", version);
        }

        public Builder requires(String requires) {
            return manifestEntry("Plugin-Requires", requires);
        }

        public Builder description(String description) {
            return manifestEntry("Plugin-Description", description);
        }

        /** Sets {@code Plugin-Class}; add its source with {@link #source} unless it should be missing. */
        public Builder pluginClass(String className) {
            return manifestEntry("Plugin-Class", className);
        }

        /** Adds a Java source to compile; its classes go into the jar. */
        public Builder source(String className, String javaSource) {
            sources.put(className, javaSource);
            return this;
        }

        /** Adds an action returning its id as text, listed in the extension index. */
        public Builder action(String className, String actionId) {
            return action(className, actionId, "\"" + actionId + "\"");
        }

        /** Adds an action returning {@code String.valueOf(resultExpression)}, listed in the extension index. */
        public Builder action(String className, String actionId, String resultExpression) {
            return source(className, actionSource(className, actionId, resultExpression)).extension(className);
        }

        /** Lists a class in {@code META-INF/extensions.idx} (whether or not it is in the jar). */
        public Builder extension(String className) {
            extensions.add(className);
            return this;
        }

        /** Compiles the class but leaves it out of the jar (a missing dependency). */
        public Builder omitClass(String className) {
            omitted.add(className);
            return this;
        }

        /** Adds a file to the jar, e.g. {@code com/acme/data.txt}, or raw bytes at a class's path. */
        public Builder resource(String path, byte[] bytes) {
            resources.put(path, bytes.clone());
            return this;
        }

        /**
         * Compiles the sources and writes the jar.
         *
         * @return {@code file}
         * @throws AssertionError with javac's diagnostics if the sources do not compile
         */
        public Path writeTo(Path file) {
            try {
                Path work = Files.createTempDirectory("plugin-jar");
                try {
                    Path classes = compile(work);
                    write(file, classes);
                } finally {
                    deleteTree(work);
                }
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Path compile(Path work) throws IOException {
            Path src = Files.createDirectories(work.resolve("src"));
            Path classes = Files.createDirectories(work.resolve("classes"));
            if (sources.isEmpty()) {
                return classes;
            }
            List<File> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path path = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(path.getParent());
                Files.writeString(path, source.getValue());
                files.add(path.toFile());
            }
            JavaCompiler javac = Objects.requireNonNull(ToolProvider.getSystemJavaCompiler(), "tests need a JDK, not a JRE");
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                List<String> options = List.of(
                        "-d", classes.toString(),
                        "-classpath", classPath(),
                        "-proc:none", "-nowarn", "-Xlint:none", "--release", "21");
                boolean ok = javac.getTask(null, fileManager, diagnostics, options, null,
                                fileManager.getJavaFileObjectsFromFiles(files))
                        .call();
                if (!ok) {
                    throw new AssertionError("plugin sources do not compile: " + diagnostics.getDiagnostics());
                }
            }
            return classes;
        }

        private void write(Path file, Path classes) throws IOException {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Manifest mf = new Manifest();
            mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.forEach((name, value) -> mf.getMainAttributes().putValue(name, value));
            try (OutputStream out = Files.newOutputStream(file);
                    JarOutputStream jar = new JarOutputStream(out, mf);
                    Stream<Path> compiled = Files.walk(classes)) {
                for (Path path : compiled.filter(Files::isRegularFile).sorted().toList()) {
                    String name = classes.relativize(path).toString().replace(File.separatorChar, '/');
                    String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                    if (!omitted.contains(className) && !resources.containsKey(name)) {
                        entry(jar, name, Files.readAllBytes(path));
                    }
                }
                if (!extensions.isEmpty()) {
                    entry(jar, "META-INF/extensions.idx",
                            (String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
                    entry(jar, resource.getKey(), resource.getValue());
                }
            }
        }

        private static void entry(JarOutputStream jar, String name, byte[] bytes) throws IOException {
            jar.putNextEntry(new JarEntry(name));
            jar.write(bytes);
            jar.closeEntry();
        }
    }

    /** The test class path, plus the jars of the API a plugin compiles against in case it is hidden. */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (Class<?> type : List.of(io.flowhost.api.Action.class, org.pf4j.Extension.class,
                com.fasterxml.jackson.databind.JsonNode.class, PluginJars.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
