package io.flowhost.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.plugins.PluginFailure;
import io.flowhost.plugins.PluginInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowhost plugins}: the loaded plugins and the jars that were skipped, with why. */
@Command(name = "plugins",
        description = "List loaded plugins (id, version, file, actions) and skipped jars with the reason. Exit 0 even when some failed.")
final class PluginsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    HostOptions hostOptions;

    @Option(names = "--json", description = "Print {\"plugins\": [...], \"failed\": [...]} as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (Host host = Host.open(hostOptions, spec.commandLine().getErr(), false, Flowhost.verbose(spec))) {
            if (json) {
                ObjectNode report = Inputs.JSON.createObjectNode();
                ArrayNode plugins = report.putArray("plugins");
                for (PluginInfo plugin : host.catalog().plugins()) {
                    ObjectNode p = plugins.addObject()
                            .put("id", plugin.id())
                            .put("version", plugin.version())
                            .put("file", plugin.file().toString())
                            .put("description", plugin.description());
                    ArrayNode actions = p.putArray("actions");
                    plugin.actionIds().forEach(actions::add);
                }
                ArrayNode failed = report.putArray("failed");
                for (PluginFailure failure : host.catalog().failures()) {
                    failed.addObject().put("file", failure.file().toString()).put("reason", failure.reason())
                            .put("jarSkipped", failure.jarSkipped());
                }
                out.println(Inputs.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } else {
                for (PluginInfo plugin : host.catalog().plugins()) {
                    out.println(plugin.id() + " " + plugin.version() + "  " + plugin.file() + "  " + plugin.actionIds());
                }
                for (PluginFailure failure : host.catalog().failures()) {
                    out.println((failure.jarSkipped() ? "FAILED " : "REFUSED ") + failure.file() + ": " + failure.reason());
                    if (Flowhost.verbose(spec) && failure.cause() != null) {
                        failure.cause().printStackTrace(spec.commandLine().getErr());
                    }
                }
                if (host.catalog().plugins().isEmpty() && host.catalog().failures().isEmpty()) {
                    out.println("no plugins in " + hostOptions.pluginDirs());
                }
            }
        }
        out.flush();
        return Flowhost.OK;
    }
}
