package io.flowhost.cli;

import io.flowhost.config.HostConfig;
import io.flowhost.plugins.HostVersion;
import io.flowhost.plugins.PluginCatalog;
import io.flowhost.plugins.PluginFailure;
import io.flowhost.run.Runner;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.ScriptActions;
import io.flowhost.script.helpers.Secrets;
import io.flowhost.store.TaskJournal;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The host's parts, wired for one command: the configuration, plugins, the script engine, the runner. */
final class Host implements AutoCloseable {
    private final PluginCatalog catalog;
    private final JsExpressions expressions;
    private final HostConfig config;

    private Host(PluginCatalog catalog, JsExpressions expressions, HostConfig config) {
        this.catalog = catalog;
        this.expressions = expressions;
        this.config = config;
    }

    /**
     * Loads the host configuration and the plugins, and reports the jars it skipped on {@code err},
     * one line each.
     *
     * @param reportFailures whether to print skipped plugins (the {@code plugins} command lists them itself)
     * @param verbose        whether a skipped plugin's line comes with the stack trace of what it threw
     */
    static Host open(HostOptions options, PrintWriter err, boolean reportFailures, boolean verbose) {
        HostConfig config = options.config();
        Secrets secrets = config.secrets(System.getenv());
        Secrets.install(secrets);
        JsExpressions expressions = new JsExpressions(Limits.defaults());
        PluginCatalog catalog = PluginCatalog.load(config.pluginDirs(), HostVersion.hostVersion(),
                ScriptActions.builtIns(expressions), pluginId -> config.settingsFor(pluginId, secrets));
        if (reportFailures) {
            for (PluginFailure failure : catalog.failures()) {
                err.println(describe(failure));
                if (verbose && failure.cause() != null) {
                    failure.cause().printStackTrace(err);
                }
            }
        }
        return new Host(catalog, expressions, config);
    }

    /** One line for a plugin problem: a skipped jar, or an action refused while the rest of its jar loads. */
    static String describe(PluginFailure failure) {
        return failure.jarSkipped()
                ? "flowhost: skipped plugin " + failure
                : "flowhost: refused an action of plugin " + failure + " (its other actions are loaded)";
    }

    PluginCatalog catalog() {
        return catalog;
    }

    JsExpressions expressions() {
        return expressions;
    }

    HostConfig config() {
        return config;
    }

    /**
     * @param journal where the runner records its tasks
     * @param dataDir the data folder: files steps attach go into its {@code artifacts} folder
     * @return a runner
     */
    Runner runner(TaskJournal journal, Path dataDir) {
        return new Runner(catalog, expressions, journal, dataDir.resolve("artifacts"));
    }

    @Override
    public void close() {
        catalog.close();
    }
}
