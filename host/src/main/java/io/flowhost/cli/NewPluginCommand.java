package io.flowhost.cli;

import io.flowhost.plugins.HostVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowhost new-plugin DIR --id ID [--package P]}: writes a plugin project that builds with
 * one command ({@code ./build}) into a jar that works in {@code plugins/}: a pom with Flowhost's
 * plugin parent, one action, its test, a sample job, and the build script. The templates are
 * resources beside this class.
 */
@Command(name = "new-plugin",
        description = "Write a new plugin project into DIR: one example action, its test, a sample job, and ./build, "
                + "which finds a JDK 21+, installs Flowhost's plugin kit into the local Maven repository when it is "
                + "missing, and builds the plugin's jar.")
final class NewPluginCommand implements Callable<Integer> {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Where to write the project; must not exist or be empty.")
    Path dir;

    @Option(names = "--id", required = true, paramLabel = "ID",
            description = "The plugin id, e.g. acme: lowercase words joined by '-'. Its example action is ID.hello.")
    String id;

    @Option(names = "--package", paramLabel = "P",
            description = "The Java package of its classes (and its Maven groupId). Default: com.example.ID.")
    String javaPackage;

    @Override
    public Integer call() throws IOException {
        if (!ID.matcher(id).matches()) {
            throw new UserError("--id '" + id + "' must be lowercase words joined by '-', e.g. 'acme' or 'acme-tools'");
        }
        String pkg = javaPackage != null ? javaPackage : "com.example." + id.replace("-", "");
        if (!SourceVersion.isName(pkg) || !pkg.equals(pkg.toLowerCase(Locale.ROOT))) {
            throw new UserError("--package '" + pkg + "' is not a lowercase Java package name, e.g. 'org.acme.tools'");
        }
        if (Files.exists(dir) && !isEmptyFolder(dir)) {
            throw new UserError(dir + " already exists and is not an empty folder");
        }
        String home = home();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("@ID@", id);
        values.put("@PACKAGE_PATH@", pkg.replace('.', '/'));
        values.put("@PACKAGE@", pkg);
        values.put("@GROUP@", pkg);
        values.put("@FLOWHOST_VERSION@", HostVersion.hostVersion());
        values.put("@FLOWHOST_HOME@", home);

        String sources = pkg.replace('.', '/');
        write("pom.xml.template", "pom.xml", values);
        write("Action.java.template", "src/main/java/" + sources + "/HelloAction.java", values);
        write("ActionTest.java.template", "src/test/java/" + sources + "/HelloActionTest.java", values);
        write("hello.json.template", "jobs/hello.json", values);
        write("README.md.template", "README.md", values);
        write("gitignore.template", ".gitignore", values);
        Path build = write("build.template", "build", values);
        try {
            Files.setPosixFilePermissions(build, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: 'bash build' still works
        }
        var out = spec.commandLine().getOut();
        out.println("wrote the plugin '" + id + "' into " + dir + ": action " + id + ".hello in " + pkg + ".HelloAction");
        out.println("build it:  cd " + dir + " && ./build");
        out.println("use it:    cp " + dir.resolve("target/" + id + "-0.1.0.jar") + " "
                + (home.isEmpty() ? "<flowhost>" : home) + "/plugins/");
        out.flush();
        return Flowhost.OK;
    }

    /** The Flowhost checkout the launcher runs from, for the build script's first kit install; empty when unknown. */
    private static String home() {
        String home = System.getProperty("flowhost.home", System.getProperty("flowhost.root", ""));
        return home.isEmpty() ? "" : Path.of(home).toAbsolutePath().normalize().toString();
    }

    private static boolean isEmptyFolder(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }

    private Path write(String template, String relative, Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = NewPluginCommand.class.getResourceAsStream("newplugin/" + template)) {
            if (in == null) {
                throw new IllegalStateException("template " + template + " is missing from the host jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace(value.getKey(), value.getValue());
        }
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
