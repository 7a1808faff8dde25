package io.flowhost.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pf4j.Extension;
import org.slf4j.Logger;

class PluginCatalogTest {
    private static final String HOST = "0.1.0";
    private static final Map<String, Path> JARS = new HashMap<>();

    @TempDir
    static Path jars;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildJars() {
        jar("good.jar", PluginJars.plugin("good").description("A good plugin")
                .action("com.acme.good.Hello", "good.hello"));
        jar("lib-one.jar", PluginJars.plugin("libone")
                .source("com.acme.lib.Version", version("1"))
                .action("com.acme.libone.Show", "libone.show", "com.acme.lib.Version.value()"));
        jar("lib-two.jar", PluginJars.plugin("libtwo")
                .source("com.acme.lib.Version", version("2"))
                .action("com.acme.libtwo.Show", "libtwo.show", "com.acme.lib.Version.value()"));
        jar("shadow.jar", PluginJars.plugin("shadow")
                .source("io.flowhost.plugins.ShadowedByPlugin", """
                        package io.flowhost.plugins;
                        public final class ShadowedByPlugin {
                          public static String origin() { return "plugin"; }
                        }
                        """)
                .action("com.acme.shadow.Show", "shadow.show", "io.flowhost.plugins.ShadowedByPlugin.origin()"));
        byte[] garbage = "not a class".getBytes(StandardCharsets.UTF_8);
        jar("shared.jar", PluginJars.plugin("shared")
                .action("com.acme.shared.Hello", "shared.hello")
                .source("org.graalvm.polyglot.OnlyInPlugin", "package org.graalvm.polyglot; public final class OnlyInPlugin {}")
                .source("com.fasterxml.jackson.fromplugin.Bundled",
                        "package com.fasterxml.jackson.fromplugin; public final class Bundled {}")
                .resource("io/flowhost/api/Action.class", garbage)
                .resource("org/pf4j/Extension.class", garbage)
                .resource("com/fasterxml/jackson/databind/JsonNode.class", garbage)
                .resource("org/slf4j/Logger.class", garbage)
                .resource("org/graalvm/polyglot/Context.class", garbage));

        JARS.put("corrupt.jar", PluginJars.writeBytes(jars.resolve("corrupt.jar"), "this is not a zip".getBytes(StandardCharsets.UTF_8)));
        jar("no-id.jar", PluginJars.jarWithoutPluginId().action("com.acme.noid.Hello", "noid.hello"));
        jar("no-version.jar", PluginJars.plugin("noversion").version(null).action("com.acme.nover.Hello", "nover.hello"));
        jar("too-new.jar", PluginJars.plugin("toonew").requires(">=2.0.0").action("com.acme.toonew.Hello", "toonew.hello"));
        jar("exact-too-new.jar", PluginJars.plugin("exact").requires("0.2.0").action("com.acme.exact.Hello", "exact.hello"));
        jar("bad-requires.jar", PluginJars.plugin("badreq").requires(">=banana").action("com.acme.badreq.Hello", "badreq.hello"));
        jar("depends.jar", PluginJars.plugin("depends").manifestEntry("Plugin-Dependencies", "other")
                .action("com.acme.depends.Hello", "depends.hello"));
        jar("z-same-id.jar", PluginJars.plugin("good").action("com.acme.sameid.Hello", "sameid.hello"));
        jar("z-same-action.jar", PluginJars.plugin("sameaction").action("com.acme.sameaction.Hello", "good.hello"));
        jar("builtin-clash.jar", PluginJars.plugin("clash").action("com.acme.clash.Echo", "builtin.echo"));
        jar("a-x.jar", PluginJars.plugin("x")
                .action("com.acme.x.Log", "core.log", "\"x\"")
                .action("com.acme.x.Hello", "x.hello"));
        jar("core.jar", PluginJars.plugin("core")
                .action("com.acme.core.Log", "core.log", "\"core\"")
                .action("com.acme.core.Set", "core.set"));
        jar("leaky.jar", PluginJars.plugin("leaky")
                .source("com.acme.leaky.Hello", PluginJars.actionSource("com.acme.leaky.Hello", "leaky.hello",
                        "org.apache.commons.lang3.StringUtils.capitalize(\"x\")"))
                .source("com.acme.leaky.Other", PluginJars.actionSource("com.acme.leaky.Other", "leaky.other",
                        "picocli.CommandLine.class.getName()"))
                .extension("com.acme.leaky.Hello")
                .extension("com.acme.leaky.Other"));
        jar("exits.jar", PluginJars.plugin("exits")
                .action("com.acme.exits.SystemExit", "exits.system", "exit(() -> System.exit(42))")
                .action("com.acme.exits.RuntimeExit", "exits.runtime", "exit(() -> Runtime.getRuntime().exit(43))")
                .action("com.acme.exits.Halt", "exits.halt", "exit(() -> Runtime.getRuntime().halt(44))")
                .action("com.acme.exits.Reference", "exits.reference",
                        "exit(() -> java.util.stream.IntStream.of(45).forEach(System::exit))")
                .action("com.acme.exits.Caught", "exits.caught",
                        "exit(() -> { try { System.exit(46); } catch (Exception e) { } })"));
        jar("a-start-fails.jar", PluginJars.plugin("good")
                .pluginClass("com.acme.boom.BoomPlugin")
                .source("com.acme.boom.BoomPlugin", """
                        package com.acme.boom;
                        public class BoomPlugin extends org.pf4j.Plugin {
                          @Override public void start() { throw new IllegalStateException("boom"); }
                        }
                        """)
                .action("com.acme.boom.Hello", "boom.hello"));
        jar("no-plugin-class.jar", PluginJars.plugin("noclass").pluginClass("com.acme.nope.NopePlugin")
                .action("com.acme.nope.Hello", "nope.hello"));
        jar("gone.jar", PluginJars.plugin("gone").extension("com.acme.gone.Gone"));
        jar("needs-dep.jar", PluginJars.plugin("needsdep")
                .source("com.acme.needsdep.Dep", "package com.acme.needsdep; public abstract class Dep {}")
                .source("com.acme.needsdep.NeedsDep", PluginJars.actionSource("com.acme.needsdep.NeedsDep", "needs.dep", "1")
                        .replace("implements Action", "extends Dep implements Action"))
                .extension("com.acme.needsdep.NeedsDep")
                .omitClass("com.acme.needsdep.Dep"));
        jar("bad-descriptor.jar", PluginJars.plugin("baddesc")
                .action("com.acme.baddesc.BadDescriptor", "Bad Id"));
        jar("not-an-action.jar", PluginJars.plugin("notaction")
                .source("com.acme.notaction.NotAnAction",
                        "package com.acme.notaction; public final class NotAnAction implements org.pf4j.ExtensionPoint {}")
                .extension("com.acme.notaction.NotAnAction"));
        jar("no-actions.jar", PluginJars.plugin("noactions")
                .source("com.acme.noactions.Util", "package com.acme.noactions; public final class Util {}"));
        jar("half-broken.jar", PluginJars.plugin("half")
                .action("com.acme.half.Ok", "half.ok")
                .extension("com.acme.half.Missing"));
        jar("ctor-throws.jar", PluginJars.plugin("ctor")
                .source("com.acme.ctor.Throws", PluginJars.actionSource("com.acme.ctor.Throws", "ctor.throws", "1")
                        .replace("implements Action {", "implements Action { public Throws() { throw new RuntimeException(\"no\"); }"))
                .extension("com.acme.ctor.Throws"));
        jar("no-ctor-and-missing.jar", PluginJars.plugin("two")
                .source("com.acme.two.Throws", PluginJars.actionSource("com.acme.two.Throws", "two.throws", "1")
                        .replace("implements Action {", "implements Action { public Throws() { throw new RuntimeException(\"no\"); }"))
                .extension("com.acme.two.Throws")
                .extension("com.acme.two.Missing"));
        jar("twice.jar", PluginJars.plugin("twice")
                .action("com.acme.twice.A", "twice.hello")
                .action("com.acme.twice.B", "twice.hello"));
    }

    static Stream<Arguments> brokenJars() {
        return Stream.of(
                Arguments.of("corrupt.jar", "not a readable jar file (zip END header not found)"),
                Arguments.of("no-id.jar", "no Plugin-Id in META-INF/MANIFEST.MF: not a plugin jar"),
                Arguments.of("no-version.jar", "no Plugin-Version in META-INF/MANIFEST.MF"),
                Arguments.of("too-new.jar", "requires host >=2.0.0, this host is 0.1.0"),
                Arguments.of("exact-too-new.jar", "requires host >=0.2.0, this host is 0.1.0"),
                Arguments.of("bad-requires.jar", "invalid Plugin-Requires '>=banana': Illegal character near 'banana'"),
                Arguments.of("depends.jar", "declares Plugin-Dependencies, which Flowhost does not support"),
                Arguments.of("z-same-id.jar", "plugin id 'good' is already loaded from good.jar"),
                Arguments.of("z-same-action.jar", "action 'good.hello' is already provided by good.jar"),
                Arguments.of("builtin-clash.jar", "action 'builtin.echo' is already provided by built-in"),
                Arguments.of("a-start-fails.jar",
                        "Plugin-Class com.acme.boom.BoomPlugin failed to start: IllegalStateException: boom"),
                Arguments.of("no-plugin-class.jar", "Plugin-Class com.acme.nope.NopePlugin not found"),
                Arguments.of("gone.jar",
                        "extension com.acme.gone.Gone is listed in META-INF/extensions.idx but not in the jar"),
                Arguments.of("needs-dep.jar",
                        "com.acme.needsdep.NeedsDep uses com.acme.needsdep.Dep, which is not in the jar"),
                Arguments.of("bad-descriptor.jar",
                        "extension com.acme.baddesc.BadDescriptor: descriptor() threw IllegalArgumentException: "
                                + "Action id 'Bad Id' must be lowercase words joined by dots, e.g. 'files.copy'"),
                Arguments.of("not-an-action.jar",
                        "extension com.acme.notaction.NotAnAction does not implement io.flowhost.api.Action"),
                Arguments.of("no-actions.jar", PluginCatalog.NO_ACTIONS),
                Arguments.of("half-broken.jar",
                        "extension com.acme.half.Missing is listed in META-INF/extensions.idx but not in the jar"),
                Arguments.of("no-ctor-and-missing.jar",
                        "extension com.acme.two.Missing is listed in META-INF/extensions.idx but not in the jar; "
                                + "extension com.acme.two.Throws cannot be created: RuntimeException: no"),
                Arguments.of("ctor-throws.jar", "extension com.acme.ctor.Throws cannot be created: RuntimeException: no"),
                Arguments.of("twice.jar",
                        "action 'twice.hello' is declared twice, by com.acme.twice.A and com.acme.twice.B"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenJars")
    void brokenJarIsReportedUnloadedAndTheGoodPluginBesideItStillWorks(String jarName, String reason) throws Exception {
        Path folder = PluginJars.copy(dir.resolve("plugins"), JARS.get("good.jar"), JARS.get(jarName));

        try (PluginCatalog catalog = load(folder)) {
            // every problem of the jar is reported, each as one failure
            assertThat(catalog.failures()).allSatisfy(f -> assertThat(f.file()).isEqualTo(folder.resolve(jarName)));
            assertThat(catalog.failures()).allMatch(PluginFailure::jarSkipped);
            assertThat(catalog.failures().stream().map(PluginFailure::reason).toList()).containsExactly(reason.split("; "));
            assertThat(catalog.failures().get(0)).hasToString(folder.resolve(jarName) + ": " + reason.split("; ")[0]);
            assertThat(catalog.plugins()).extracting(PluginInfo::id).containsExactly("good");
            assertThat(catalog.ids()).containsExactly("builtin.echo", "good.hello");
            assertThat(run(catalog, "good.hello").string()).isEqualTo("good.hello");
            assertThat(catalog.pf4jPluginIds()).containsExactly("good");
            ClassLoader goodLoader = catalog.find("good.hello").orElseThrow().action().getClass().getClassLoader();
            assertThat(catalog.createdClassLoaders())
                    .filteredOn(loader -> !loader.isClosed())
                    .containsExactly((PluginJarClassLoader) goodLoader);
        }
    }

    @Test
    void loadsTheCorePluginBuiltByTheReactor() throws Exception {
        Path built = Path.of(System.getProperty("flowhost.builtPlugins", "plugins"));
        Path core;
        try (Stream<Path> files = Files.exists(built) ? Files.list(built) : Stream.empty()) {
            core = files.filter(f -> f.getFileName().toString().matches("core-.*\\.jar")).findFirst().orElse(null);
        }
        if (core == null) {
            fail("No core plugin jar in " + built.toAbsolutePath() + ": run `mvn package` first");
        }

        try (PluginCatalog catalog = load(PluginJars.copy(dir.resolve("plugins"), core))) {
            assertThat(catalog.failures()).isEmpty();
            PluginInfo info = catalog.plugins().get(0);
            assertThat(info.id()).isEqualTo("core");
            assertThat(info.file().getFileName()).isEqualTo(core.getFileName());
            assertThat(info.description()).isNotEmpty();
            assertThat(info.actionIds())
                    .containsExactly("core.artifact", "core.clear", "core.fail", "core.log", "core.nodes", "core.noop", "core.set",
                            "core.sleep", "core.sort");
            assertThat(catalog.find("core.log").orElseThrow().origin()).isEqualTo(core.getFileName().toString());
            ObjectNode params = JsonNodeFactory.instance.objectNode().put("reason", "stop here");
            StepResult failed = catalog.find("core.fail").orElseThrow().action().run(new RunContext(dir, params));
            assertThat(failed).isEqualTo(StepResult.failed("stop here"));
        }
    }

    @Test
    void everyPluginTheReactorBuiltLoadsWithoutAProblem() {
        Path built = Path.of(System.getProperty("flowhost.builtPlugins", "plugins"));

        try (PluginCatalog catalog = PluginCatalog.load(List.of(built), HOST, List.of())) {
            assertThat(catalog.failures()).isEmpty();
            assertThat(catalog.plugins()).extracting(PluginInfo::id)
                    .containsExactly("core", "archive", "data", "files", "http", "jobs", "mail", "shell");
            assertThat(catalog.all()).allSatisfy(action -> {
                assertThat(action.id()).startsWith(action.origin().replaceFirst("-[0-9.]+\\.jar$", "") + ".");
                assertThat(action.descriptor().summary()).as(action.id()).isNotBlank();
                assertThat(action.descriptor().params()).as(action.id())
                        .allSatisfy(param -> assertThat(param.summary()).isNotBlank());
            });
        }
    }

    @Test
    void pluginsBundlingDifferentVersionsOfALibraryEachSeeTheirOwn() throws Exception {
        Path folder = PluginJars.copy(dir.resolve("plugins"), JARS.get("lib-one.jar"), JARS.get("lib-two.jar"));

        try (PluginCatalog catalog = load(folder)) {
            assertThat(catalog.failures()).isEmpty();
            assertThat(run(catalog, "libone.show").string()).isEqualTo("1");
            assertThat(run(catalog, "libtwo.show").string()).isEqualTo("2");
        }
    }

    @Test
    void pluginCopyOfAClassWinsOverTheHostCopy() throws Exception {
        try (PluginCatalog catalog = load(PluginJars.copy(dir.resolve("plugins"), JARS.get("shadow.jar")))) {
            assertThat(ShadowedByPlugin.origin()).isEqualTo("host");
            assertThat(run(catalog, "shadow.show").string()).isEqualTo("plugin");
        }
    }

    @Test
    void sharedPackagesComeFromTheHostEvenWhenThePluginBundlesThem() throws Exception {
        try (PluginCatalog catalog = load(PluginJars.copy(dir.resolve("plugins"), JARS.get("shared.jar")))) {
            assertThat(catalog.failures()).isEmpty();
            RegisteredAction hello = catalog.find("shared.hello").orElseThrow();
            ClassLoader loader = hello.action().getClass().getClassLoader();
            assertThat(loader).isInstanceOf(PluginJarClassLoader.class);
            assertThat(hello.action()).isInstanceOf(Action.class);
            // The jar holds garbage at each of these class paths: loading them from it would throw.
            for (Class<?> shared : List.of(Action.class, Extension.class, JsonNode.class, Logger.class)) {
                assertThat(loader.loadClass(shared.getName())).isSameAs(shared);
            }
            assertThat(loader.loadClass("com.fasterxml.jackson.fromplugin.Bundled").getClassLoader()).isSameAs(loader);
        }
    }

    @Test
    void aPluginSeesNothingOfTheHostButTheSharedPackagesAndTheJdk() throws Exception {
        try (PluginCatalog catalog = load(PluginJars.copy(dir.resolve("plugins"), JARS.get("shared.jar")))) {
            ClassLoader loader = catalog.find("shared.hello").orElseThrow().action().getClass().getClassLoader();
            // GraalVM neither from the host nor from the plugin's own copy
            assertThatThrownBy(() -> loader.loadClass(Context.class.getName())).isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass("org.graalvm.polyglot.OnlyInPlugin"))
                    .isInstanceOf(ClassNotFoundException.class);
            for (String hostOnly : List.of("org.apache.commons.lang3.StringUtils", "picocli.CommandLine",
                    PluginCatalog.class.getName(), "ch.qos.logback.classic.Logger")) {
                assertThatThrownBy(() -> loader.loadClass(hostOnly)).as(hostOnly).isInstanceOf(ClassNotFoundException.class);
            }
            assertThat(loader.getResource("logback.xml")).isNull();
            assertThat(loader.loadClass("java.net.http.HttpClient")).isSameAs(java.net.http.HttpClient.class);
            assertThat(loader.loadClass("javax.xml.parsers.DocumentBuilder")).isNotNull();
        }
    }

    @Test
    void aPluginUsingAHostOnlyClassFailsToLoadNamingEveryClassItLacks() {
        Path folder = PluginJars.copy(dir.resolve("plugins"), JARS.get("good.jar"), JARS.get("leaky.jar"));

        try (PluginCatalog catalog = load(folder)) {
            assertThat(catalog.failures()).extracting(PluginFailure::toString).containsExactly(
                    folder.resolve("leaky.jar") + ": com.acme.leaky.Hello uses org.apache.commons.lang3.StringUtils, a class "
                            + "of the host that plugins do not see (a plugin sees only flowhost-plugin-api, PF4J, Jackson, "
                            + "SLF4J and the JDK from the host): bundle its library into the jar",
                    folder.resolve("leaky.jar") + ": com.acme.leaky.Other uses picocli.CommandLine, a class "
                            + "of the host that plugins do not see (a plugin sees only flowhost-plugin-api, PF4J, Jackson, "
                            + "SLF4J and the JDK from the host): bundle its library into the jar");
            assertThat(catalog.ids()).containsExactly("builtin.echo", "good.hello");
        }
    }

    @Test
    void aCollidingActionIsRefusedAloneAndCoreActionsWinWhateverTheJarNames() throws Exception {
        Path folder = PluginJars.copy(dir.resolve("plugins"), JARS.get("a-x.jar"), JARS.get("core.jar"));

        try (PluginCatalog catalog = load(folder)) {
            assertThat(catalog.failures()).containsExactly(new PluginFailure(folder.resolve("a-x.jar"),
                    "action 'core.log' is already provided by core.jar", null, false));
            assertThat(catalog.ids()).containsExactly("builtin.echo", "core.log", "core.set", "x.hello");
            assertThat(catalog.find("core.log").orElseThrow().origin()).isEqualTo("core.jar");
            assertThat(run(catalog, "core.log").string()).isEqualTo("core");
            assertThat(run(catalog, "x.hello").string()).isEqualTo("x.hello");
            assertThat(catalog.plugins()).extracting(PluginInfo::id, PluginInfo::actionIds).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("core", List.of("core.log", "core.set")),
                    org.assertj.core.groups.Tuple.tuple("x", List.of("x.hello")));
        }
    }

    @Test
    void exitCallsInPluginCodeThrowInsteadOfEndingTheHost() {
        try (PluginCatalog catalog = load(PluginJars.copy(dir.resolve("plugins"), JARS.get("exits.jar")))) {
            assertThat(catalog.failures()).isEmpty();
            for (String[] expected : List.of(
                    new String[] {"exits.system", "System.exit(42)"},
                    new String[] {"exits.runtime", "Runtime.exit(43)"},
                    new String[] {"exits.halt", "Runtime.halt(44)"},
                    new String[] {"exits.reference", "System.exit(45)"},
                    new String[] {"exits.caught", "System.exit(46)"})) {
                assertThatThrownBy(() -> run(catalog, expected[0]))
                        .as(expected[0])
                        .isInstanceOf(PluginExits.Refused.class)
                        .hasMessage(expected[1] + " was refused: plugin code cannot end the host's process");
            }
        }
    }

    @Test
    void failedJarDoesNotBlockALaterJarWithTheSamePluginId() {
        Path folder = PluginJars.copy(dir.resolve("plugins"), JARS.get("a-start-fails.jar"), JARS.get("good.jar"));

        try (PluginCatalog catalog = load(folder)) {
            assertThat(catalog.failures()).extracting(f -> f.file().getFileName().toString()).containsExactly("a-start-fails.jar");
            assertThat(catalog.plugins()).extracting(PluginInfo::file).containsExactly(folder.resolve("good.jar"));
        }
    }

    @Test
    void foldersLoadInOrderAndJarsByFileNameIgnoringOtherFiles() throws IOException {
        Path first = PluginJars.copy(dir.resolve("first"), JARS.get("lib-two.jar"), JARS.get("lib-one.jar"));
        Files.writeString(first.resolve("README.txt"), "not a plugin");
        Path second = PluginJars.copy(dir.resolve("second"), JARS.get("good.jar"));
        Path missing = dir.resolve("missing");

        try (PluginCatalog catalog = PluginCatalog.load(List.of(second, missing, first), HOST, List.of())) {
            assertThat(catalog.plugins()).extracting(PluginInfo::id).containsExactly("good", "libone", "libtwo");
            assertThat(catalog.failures()).containsExactly(new PluginFailure(missing, "plugin folder does not exist"));
            assertThat(catalog.plugins().get(0))
                    .isEqualTo(new PluginInfo("good", "1.0.0", second.resolve("good.jar"), "A good plugin", List.of("good.hello")));
        }
    }

    @Test
    void catalogListsBuiltInsAndPluginActionsSortedById() {
        try (PluginCatalog catalog = load(PluginJars.copy(dir.resolve("plugins"), JARS.get("good.jar"), JARS.get("lib-one.jar")))) {
            assertThat(catalog.all()).extracting(RegisteredAction::id, RegisteredAction::origin).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("builtin.echo", "built-in"),
                    org.assertj.core.groups.Tuple.tuple("good.hello", "good.jar"),
                    org.assertj.core.groups.Tuple.tuple("libone.show", "lib-one.jar"));
            assertThat(catalog.find("nope")).isEmpty();
        }
    }

    @Test
    void unknownHostVersionAcceptsEveryPlugin() {
        Path folder = PluginJars.copy(dir.resolve("plugins"), JARS.get("too-new.jar"));

        try (PluginCatalog catalog = PluginCatalog.load(List.of(folder), "0.0.0", List.of())) {
            assertThat(catalog.failures()).isEmpty();
            assertThat(catalog.ids()).containsExactly("toonew.hello");
        }
    }

    @Test
    void invalidHostVersionOrDuplicateBuiltInsAreCallerMistakes() {
        assertThatThrownBy(() -> PluginCatalog.load(List.of(), "one", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Host version 'one' is not a SemVer version");
        assertThatThrownBy(() -> PluginCatalog.load(List.of(), HOST, List.of(echo(), echo())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Built-in action 'builtin.echo' is registered twice");
    }

    @Test
    void closeUnloadsEveryPluginKeepsBuiltInsAndCanBeCalledTwice() {
        PluginCatalog catalog = load(PluginJars.copy(dir.resolve("plugins"), JARS.get("good.jar"), JARS.get("lib-one.jar")));
        assertThat(catalog.pf4jPluginIds()).containsExactlyInAnyOrder("good", "libone");

        catalog.close();
        catalog.close();

        assertThat(catalog.pf4jPluginIds()).isEmpty();
        assertThat(catalog.createdClassLoaders()).hasSize(2).allMatch(PluginJarClassLoader::isClosed);
        assertThat(catalog.ids()).containsExactly("builtin.echo");
    }

    private PluginCatalog load(Path folder) {
        return PluginCatalog.load(List.of(folder), HOST, List.of(echo()));
    }

    private StepResult run(PluginCatalog catalog, String actionId) throws Exception {
        return catalog.find(actionId).orElseThrow().action().run(new RunContext(dir));
    }

    private static void jar(String name, PluginJars.Builder builder) {
        JARS.put(name, builder.writeTo(jars.resolve(name)));
    }

    private static String version(String value) {
        return "package com.acme.lib; public final class Version { public static String value() { return \"" + value + "\"; } }";
    }

    private static RegisteredAction echo() {
        return new RegisteredAction(ActionDescriptor.builder("builtin.echo").build(), new EchoAction(), PluginCatalog.BUILT_IN);
    }

    private static final class EchoAction implements Action {
        @Override
        public ActionDescriptor descriptor() {
            return ActionDescriptor.builder("builtin.echo").build();
        }

        @Override
        public StepResult run(ActionContext context) {
            return StepResult.ok("echo");
        }
    }
}
