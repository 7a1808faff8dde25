package io.flowhost.cli;

import io.flowhost.config.HostConfig;
import io.flowhost.plugins.HostVersion;
import io.flowhost.plugins.PluginCatalog;
import io.flowhost.plugins.PluginFailure;
import io.flowhost.run.Runner;
import io.flowhost.script.Expressions;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.ScriptActions;
import io.flowhost.script.helpers.Secrets;
import io.flowhost.store.InMemoryTaskStore;
import io.flowhost.store.TaskStore;
import java.io.PrintWriter;

/** The host's parts, wired for one command: plugins, the script engine, the task store, the runner. */
final class Host implements AutoCloseable {
    private final PluginCatalog catalog;
    private final Expressions expressions;
    private final TaskStore store;
    private final java.nio.file.Path artifactsDir;

    private Host(PluginCatalog catalog, Expressions expressions, TaskStore store, java.nio.file.Path artifactsDir) {
        this.artifactsDir = artifactsDir;
        this.catalog = catalog;
        this.expressions = expressions;
        this.store = store;
    }

    /**
     * Loads the plugins and reports the jars it skipped on {@code err}, one line each.
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
        return new Host(catalog, expressions, new InMemoryTaskStore(), config.dataDir().resolve("artifacts"));
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

    Expressions expressions() {
        return expressions;
    }

    TaskStore store() {
        return store;
    }

    Runner runner() {
        return new Runner(catalog, expressions, store, artifactsDir);
    }

    @Override
    public void close() {
        catalog.close();
    }
}
