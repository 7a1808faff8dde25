package io.flowhost.plugins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars in tests: Java sources compiled in memory against the plugin API, a PF4J
 * MANIFEST and an extension index, or raw bytes for a corrupt jar.
 *
 * <pre>{@code
 * Path jar = PluginJars.builder("hello").action("demo.hello").build(dir);
 * }</pre>
 */
public final class PluginJars {
    private final String pluginId;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();
    private final List<String> omitted = new ArrayList<>();
    private String fileName;

    private PluginJars(String pluginId) {
        this.pluginId = pluginId;
        if (pluginId != null) {
            manifest.put("Plugin-Id", pluginId);
            manifest.put("Plugin-Version", "1.0.0");
            manifest.put("Plugin-Requires", ">=0.1.0");
        }
        this.fileName = (pluginId == null ? "plain" : pluginId) + ".jar";
    }

    /** @return a builder of a plugin with this id, version 1.0.0, requiring host >=0.1.0 */
    public static PluginJars builder(String pluginId) {
        return new PluginJars(pluginId);
    }

    /** @return a builder of a jar without any plugin descriptor */
    public static PluginJars plainJar() {
        return new PluginJars(null);
    }

    /** Writes bytes that are not a zip file. */
    public static Path corrupt(Path dir, String fileName) throws IOException {
        return Files.write(dir.resolve(fileName), "PK\u0003\u0004 definitely not a zip".getBytes(StandardCharsets.UTF_8));
    }

    public PluginJars fileName(String fileName) {
        this.fileName = fileName;
        return this;
    }

    /** Sets (or, with {@code null}, removes) a MANIFEST attribute. */
    public PluginJars manifest(String name, String value) {
        if (value == null) {
            manifest.remove(name);
        } else {
            manifest.put(name, value);
        }
        return this;
    }

    /** Adds a Java source file; {@code className} is its fully qualified name. */
    public PluginJars source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Lists a class in META-INF/extensions.idx (whether or not it exists). */
    public PluginJars extension(String className) {
        extensions.add(className);
        return this;
    }

    /** Compiles a class but leaves it out of the jar, as if a dependency were missing at run time. */
    public PluginJars omit(String className) {
        omitted.add(className);
        return this;
    }

    public PluginJars resource(String name, String content) {
        resources.put(name, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Adds an action with this id whose {@code run} returns {@code body} (Java statements ending in
     * a return of a StepResult) and that the index lists.
     */
    public PluginJars action(String actionId, String body) {
        String simple = "Action_" + actionId.replaceAll("[^A-Za-z0-9]", "_");
        String className = "test." + pluginId.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT) + "." + simple;
        source(className, """
                package %s;
                import io.flowhost.api.*;
                public final class %s implements Action {
                    public ActionDescriptor descriptor() {
                        return ActionDescriptor.builder("%s").summary("test action").build();
                    }
                    public StepResult run(ActionContext context) throws Exception {
                        %s
                    }
                }
                """.formatted(className.substring(0, className.lastIndexOf('.')), simple, actionId, body));
        return extension(className);
    }

    /** An action that returns its id as its text output. */
    public PluginJars action(String actionId) {
        return action(actionId, "return StepResult.ok(\"" + actionId + "\");");
    }

    /** Compiles the sources and writes the jar into {@code dir}. */
    public Path build(Path dir) throws IOException {
        Map<String, byte[]> classes = compile();
        Path jar = dir.resolve(fileName);
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((name, value) -> mf.getMainAttributes().putValue(name, value));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf)) {
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                if (omitted.contains(entry.getKey())) {
                    continue;
                }
                write(out, entry.getKey().replace('.', '/') + ".class", entry.getValue());
            }
            if (!extensions.isEmpty()) {
                write(out, "META-INF/extensions.idx", (String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> entry : resources.entrySet()) {
                write(out, entry.getKey(), entry.getValue());
            }
        }
        return jar;
    }

    private static void write(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private Map<String, byte[]> compile() {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        if (sources.isEmpty()) {
            return classes;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
        var manager = new ForwardingJavaFileManager<StandardJavaFileManager>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return new ByteArrayOutputStream() {
                            @Override
                            public void close() {
                                classes.put(className, toByteArray());
                            }
                        };
                    }
                };
            }
        };
        List<JavaFileObject> units = sources.entrySet().stream()
                .map(e -> (JavaFileObject) new SimpleJavaFileObject(
                        URI.create("string:///" + e.getKey().replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return e.getValue();
                    }
                })
                .toList();
        List<String> options = List.of("-proc:none", "--release", "21", "-classpath", classPath());
        boolean ok = compiler.getTask(null, manager, diagnostics, options, null, units).call();
        if (!ok) {
            throw new IllegalStateException("test plugin sources do not compile: " + diagnostics.getDiagnostics());
        }
        return classes;
    }

    /** The plugin API and what it shares, found from the classes themselves (surefire hides java.class.path). */
    private static String classPath() {
        return List.of(io.flowhost.api.Action.class, org.pf4j.Extension.class, com.fasterxml.jackson.databind.JsonNode.class,
                        com.fasterxml.jackson.core.JsonParser.class)
                .stream()
                .map(type -> {
                    try {
                        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                    } catch (URISyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .distinct()
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
