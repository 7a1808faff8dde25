package io.flowhost.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowhost.api.Action;
import io.flowhost.api.ActionContext;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginCatalogTest {
    @TempDir
    Path dir;

    private static final String LIBRARY = """
            package com.acme.lib;
            public final class Version {
                public static final String VALUE = "%s";
            }
            """;

    private PluginCatalog load(List<RegisteredAction> builtIns) {
        return PluginCatalog.load(List.of(dir), "0.1.0", builtIns);
    }

    private PluginCatalog load() {
        return load(List.of());
    }

    /** A healthy plugin beside the broken one: it must load whatever the other does. */
    private void goodPlugin() throws IOException {
        PluginJars.builder("good").action("good.hello").build(dir);
    }

    private static String run(PluginCatalog catalog, String actionId) throws Exception {
        return catalog.find(actionId).orElseThrow().action().run(null).string();
    }

    private void assertOnlyFailure(PluginCatalog catalog, String file, String reason) throws Exception {
        assertThat(catalog.failures()).containsExactly(new PluginFailure(dir.resolve(file), reason));
        assertThat(catalog.plugins()).extracting(PluginInfo::id).containsExactly("good");
        assertThat(run(catalog, "good.hello")).isEqualTo("good.hello");
    }

    @Test
    void loadsTheCorePluginJarThatTheBuildMade() {
        Path built = Path.of(System.getProperty("flowhost.builtPlugins", "../plugins"));
        assertThat(built.resolve("core-0.1.0.jar"))
                .as("the reactor builds plugins/ before host: run 'mvn package' (or .ci/run) first").exists();
        try (PluginCatalog catalog = PluginCatalog.load(List.of(built), HostVersion.hostVersion(), List.of())) {
            assertThat(catalog.failures()).isEmpty();
            assertThat(catalog.plugins()).extracting(PluginInfo::id).contains("core");
            assertThat(catalog.find("core.log")).get().extracting(RegisteredAction::origin).isEqualTo("core-0.1.0.jar");
        }
    }

    @Test
    void pluginsBundlingDifferentVersionsOfALibraryEachSeeTheirOwn() throws Exception {
        PluginJars.builder("one").source("com.acme.lib.Version", LIBRARY.formatted("1"))
                .action("one.version", "return StepResult.ok(com.acme.lib.Version.VALUE);").build(dir);
        PluginJars.builder("two").source("com.acme.lib.Version", LIBRARY.formatted("2"))
                .action("two.version", "return StepResult.ok(com.acme.lib.Version.VALUE);").build(dir);

        try (PluginCatalog catalog = load()) {
            assertThat(catalog.failures()).isEmpty();
            assertThat(run(catalog, "one.version")).isEqualTo("1");
            assertThat(run(catalog, "two.version")).isEqualTo("2");
            assertThat(com.acme.lib.Version.VALUE).isEqualTo("host");
        }
    }

    @Test
    void sharedPackagesComeFromTheHost() throws Exception {
        PluginJars.builder("shared").action("shared.check",
                "return StepResult.ok(Action.class.getClassLoader() == ActionContext.class.getClassLoader()"
                        + " && !(Action.class.getClassLoader() instanceof org.pf4j.PluginClassLoader) ? \"host\" : \"plugin\");")
                .build(dir);

        try (PluginCatalog catalog = load()) {
            Action action = catalog.find("shared.check").orElseThrow().action();
            assertThat(action).isInstanceOf(Action.class);
            assertThat(action.getClass().getClassLoader()).isInstanceOf(IsolatingClassLoader.class);
            assertThat(run(catalog, "shared.check")).isEqualTo("host");
        }
    }

    @Test
    void corruptJarIsSkipped() throws Exception {
        goodPlugin();
        PluginJars.corrupt(dir, "broken.jar");

        try (PluginCatalog catalog = load()) {
            assertThat(catalog.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.file()).isEqualTo(dir.resolve("broken.jar"));
                assertThat(failure.reason()).startsWith("not a readable jar file (");
            });
            assertThat(run(catalog, "good.hello")).isEqualTo("good.hello");
        }
    }

    @Test
    void jarWithoutDescriptorIsSkipped() throws Exception {
        goodPlugin();
        PluginJars.plainJar().fileName("library.jar").resource("readme.txt", "not a plugin").build(dir);

        try (PluginCatalog catalog = load()) {
            assertOnlyFailure(catalog, "library.jar", "not a plugin: its MANIFEST has no Plugin-Id");
        }
    }

    @Test
    void pluginRequiringANewerHostIsSkipped() throws Exception {
        goodPlugin();
        PluginJars.builder("future").manifest("Plugin-Requires", ">=2.0.0").action("future.x").build(dir);

        try (PluginCatalog catalog = load()) {
            assertOnlyFailure(catalog, "future.jar", "plugin 'future' requires Flowhost >=2.0.0, this host is 0.1.0");
        }
    }

    @Test
    void secondPluginWithTheSameIdIsSkipped() throws Exception {
        goodPlugin();
        PluginJars.builder("good").fileName("zz-good-copy.jar").action("good.other").build(dir);

        try (PluginCatalog catalog = load()) {
            assertOnlyFailure(catalog, "zz-good-copy.jar", "plugin id 'good' is already loaded from good.jar");
            assertThat(catalog.find("good.other")).isEmpty();
        }
    }

    @Test
    void pluginWithAnActionIdAlreadyTakenIsSkippedWhole() throws Exception {
        goodPlugin();
        PluginJars.builder("rival").action("rival.own").action("good.hello", "return StepResult.ok(\"rival\");")
                .build(dir);

        try (PluginCatalog catalog = load()) {
            assertOnlyFailure(catalog, "rival.jar", "action id 'good.hello' is already provided by good.jar");
            assertThat(catalog.find("rival.own")).isEmpty();
        }
    }

    @Test
    void pluginClashingWithABuiltInActionIsSkipped() throws Exception {
        goodPlugin();
        PluginJars.builder("clash").action("script.js").build(dir);
        Action builtIn = new Action() {
            @Override
            public ActionDescriptor descriptor() {
                return ActionDescriptor.builder("script.js").build();
            }

            @Override
            public StepResult run(ActionContext context) {
                return StepResult.ok("built-in");
            }
        };

        try (PluginCatalog catalog = load(List.of(new RegisteredAction(builtIn.descriptor(), builtIn, "built-in")))) {
            assertOnlyFailure(catalog, "clash.jar", "action id 'script.js' is already provided by built-in");
            assertThat(run(catalog, "script.js")).isEqualTo("built-in");
        }
    }

    @Test
    void pluginWhoseStartThrowsIsSkipped() throws Exception {
        goodPlugin();
        PluginJars.builder("grumpy")
                .manifest("Plugin-Class", "test.grumpy.GrumpyPlugin")
                .source("test.grumpy.GrumpyPlugin", """
                        package test.grumpy;
                        public class GrumpyPlugin extends org.pf4j.Plugin {
                            @Override public void start() { throw new IllegalStateException("no database"); }
                        }
                        """)
                .action("grumpy.x")
                .build(dir);

        try (PluginCatalog catalog = load()) {
            assertOnlyFailure(catalog, "grumpy.jar", "plugin 'grumpy' failed to start: IllegalStateException: no database");
        }
    }

    @Test
    void missingPluginClassIsSkipped() throws Exception {
        goodPlugin();
        PluginJars.builder("ghost").manifest("Plugin-Class", "test.ghost.Nowhere").action("ghost.x").build(dir);

        try (PluginCatalog catalog = load()) {
            assertOnlyFailure(catalog, "ghost.jar", "plugin 'ghost': its Plugin-Class 'test.ghost.Nowhere' cannot be "
                    + "created (missing, abstract, or not an org.pf4j.Plugin)");
        }
    }

    @Test
    void extensionClassMissingFromTheJarIsSkipped() throws Exception {
        goodPlugin();
        PluginJars.builder("hollow").action("hollow.x").extension("test.hollow.Missing").build(dir);

        try (PluginCatalog catalog = load()) {
            assertOnlyFailure(catalog, "hollow.jar",
                    "extension class test.hollow.Missing is listed in META-INF/extensions.idx but is not in the jar");
        }
    }

    @Test
    void actionNeedingAClassMissingAtRunTimeIsSkipped() throws Exception {
        goodPlugin();
        PluginJars.builder("needy")
                .source("test.needy.Helper", "package test.needy; public final class Helper { public static String id() { return \"needy.x\"; } }")
                .source("test.needy.NeedyAction", """
                        package test.needy;
                        import io.flowhost.api.*;
                        public final class NeedyAction implements Action {
                            public ActionDescriptor descriptor() { return ActionDescriptor.builder(Helper.id()).build(); }
                            public StepResult run(ActionContext context) { return StepResult.ok(); }
                        }
                        """)
                .extension("test.needy.NeedyAction")
                .omit("test.needy.Helper")
                .build(dir);

        try (PluginCatalog catalog = load()) {
            assertOnlyFailure(catalog, "needy.jar",
                    "action class test.needy.NeedyAction failed: NoClassDefFoundError: test/needy/Helper");
        }
    }

    @Test
    void actionWhoseDescriptorThrowsIsSkipped() throws Exception {
        goodPlugin();
        PluginJars.builder("vague").source("test.vague.VagueAction", """
                        package test.vague;
                        import io.flowhost.api.*;
                        public final class VagueAction implements Action {
                            public ActionDescriptor descriptor() { return ActionDescriptor.builder("Not An Id").build(); }
                            public StepResult run(ActionContext context) { return StepResult.ok(); }
                        }
                        """)
                .extension("test.vague.VagueAction").build(dir);

        try (PluginCatalog catalog = load()) {
            assertOnlyFailure(catalog, "vague.jar", "action class test.vague.VagueAction failed: IllegalArgumentException: "
                    + "Action id 'Not An Id' must be lowercase words joined by dots, e.g. 'files.copy'");
        }
    }

    @Test
    void pluginWithoutActionsIsReportedWithTheLikelyCause() throws Exception {
        goodPlugin();
        PluginJars.builder("empty").source("test.empty.Util", "package test.empty; public final class Util {}").build(dir);

        try (PluginCatalog catalog = load()) {
            assertOnlyFailure(catalog, "empty.jar", "plugin 'empty' has no actions: META-INF/extensions.idx lists no "
                    + "io.flowhost.api.Action (is org.pf4j:pf4j in the compiler's annotationProcessorPaths?)");
        }
    }

    @Test
    void missingPluginsFolderIsAFailureNotAnError() {
        Path nowhere = dir.resolve("nowhere");
        try (PluginCatalog catalog = PluginCatalog.load(List.of(nowhere), "0.1.0", List.of())) {
            assertThat(catalog.failures()).containsExactly(new PluginFailure(nowhere, "no such plugins folder"));
            assertThat(catalog.all()).isEmpty();
        }
    }

    @Test
    void severalFoldersAreLoadedInOrderAndCloseIsIdempotent() throws Exception {
        Path second = Files.createDirectory(dir.resolve("more"));
        goodPlugin();
        PluginJars.builder("extra").action("extra.x").build(second);

        PluginCatalog catalog = PluginCatalog.load(List.of(dir, second), "0.1.0", List.of());
        assertThat(catalog.plugins()).extracting(PluginInfo::id).containsExactly("good", "extra");
        assertThat(catalog.ids()).containsExactly("extra.x", "good.hello");
        catalog.close();
        catalog.close();
    }
}
