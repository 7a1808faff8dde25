package io.flowhost.cli;

import io.flowhost.plugins.HostVersion;
import io.flowhost.plugins.PluginCatalog;
import io.flowhost.plugins.PluginFailure;
import io.flowhost.run.Runner;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.ScriptActions;
import io.flowhost.store.TaskJournal;
import java.io.PrintWriter;

/** The host's parts, wired for one command: plugins, the script engine, the runner. */
final class Host implements AutoCloseable {
    private final PluginCatalog catalog;
    private final JsExpressions expressions;

    private Host(PluginCatalog catalog, JsExpressions expressions) {
        this.catalog = catalog;
        this.expressions = expressions;
    }

    /**
     * Loads the plugins and reports the jars it skipped on {@code err}, one line each.
     *
     * @param reportFailures whether to print skipped plugins (the {@code plugins} command lists them itself)
     * @param verbose        whether a skipped plugin's line comes with the stack trace of what it threw
     */
    static Host open(HostOptions options, PrintWriter err, boolean reportFailures, boolean verbose) {
        JsExpressions expressions = new JsExpressions(Limits.defaults());
        PluginCatalog catalog = PluginCatalog.load(
                options.pluginDirs(), HostVersion.hostVersion(), ScriptActions.builtIns(expressions));
        if (reportFailures) {
            for (PluginFailure failure : catalog.failures()) {
                err.println("flowhost: skipped plugin " + failure);
                if (verbose && failure.cause() != null) {
                    failure.cause().printStackTrace(err);
                }
            }
        }
        return new Host(catalog, expressions);
    }

    PluginCatalog catalog() {
        return catalog;
    }

    JsExpressions expressions() {
        return expressions;
    }

    /** @return a runner that records its tasks in {@code journal} */
    Runner runner(TaskJournal journal) {
        return new Runner(catalog, expressions, journal);
    }

    @Override
    public void close() {
        catalog.close();
    }
}
