package io.flowhost.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.ActionDescriptor;
import io.flowhost.api.ParamSpec;
import io.flowhost.plugins.ActionJson;
import io.flowhost.plugins.RegisteredAction;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowhost actions}: lists the actions steps can run, or describes one. */
@Command(name = "actions", description = "List the actions that steps can run.",
        subcommands = ActionsCommand.Describe.class)
final class ActionsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    HostOptions hostOptions;

    @Option(names = "--json", description = "Print a JSON array of action descriptors.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (Host host = Host.open(hostOptions, spec.commandLine().getErr(), true, Flowhost.verbose(spec))) {
            if (json) {
                ArrayNode array = Inputs.JSON.createArrayNode();
                host.catalog().all().forEach(action -> array.add(describe(action)));
                out.println(Inputs.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
            } else {
                int width = host.catalog().all().stream().mapToInt(a -> a.id().length()).max().orElse(10);
                for (RegisteredAction action : host.catalog().all()) {
                    out.printf("%-" + width + "s  %s  [%s]%n", action.id(), action.descriptor().summary(), action.origin());
                }
            }
        }
        out.flush();
        return Flowhost.OK;
    }

    static ObjectNode describe(RegisteredAction action) {
        return ActionJson.describe(action);
    }

    /** {@code flowhost actions describe ID}. */
    @Command(name = "describe", description = "Describe one action: its documentation and parameters.")
    static final class Describe implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        HostOptions hostOptions;

        @Parameters(paramLabel = "ID", description = "An action id, e.g. core.log.")
        String id;

        @Option(names = "--json", description = "Print the descriptor as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var out = spec.commandLine().getOut();
            try (Host host = Host.open(hostOptions, spec.commandLine().getErr(), true, Flowhost.verbose(spec))) {
                RegisteredAction action = host.catalog().find(id).orElseThrow(() -> new UserError(
                        "unknown action '" + id + "'" + Suggestions.didYouMean(id, host.catalog().ids()) + "; "
                                + host.catalog().known(id)));
                if (json) {
                    out.println(Inputs.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(describe(action)));
                } else {
                    ActionDescriptor d = action.descriptor();
                    out.println(d.id() + " - " + d.label() + "  [" + d.category() + ", " + action.origin() + "]");
                    out.println(d.summary());
                    if (!d.description().isBlank()) {
                        out.println();
                        out.println(d.description());
                    }
                    out.println();
                    out.println(d.params().isEmpty() ? "No parameters." : "Parameters:");
                    for (ParamSpec p : d.params()) {
                        StringBuilder line = new StringBuilder("  " + p.name() + " (" + p.type().jsonName()
                                + (p.required() ? ", required" : "") + ")");
                        if (p.defaultValue() != null) {
                            line.append(" default ").append(p.defaultValue());
                        }
                        if (!p.allowed().isEmpty()) {
                            line.append(" one of ").append(p.allowed());
                        }
                        out.println(line.append(": ").append(p.summary()));
                    }
                }
            }
            out.flush();
            return Flowhost.OK;
        }
    }
}
