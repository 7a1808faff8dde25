package io.flowhost.cli;

import io.flowhost.config.HostConfig;
import io.flowhost.script.helpers.Secrets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code flowhost config}: the effective host configuration, secrets by name only. */
@Command(name = "config",
        description = "Print the effective host configuration as JSON: the file's keys over the defaults, with flags "
                + "over both; secrets appear by name, their values as ****.")
final class ConfigCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    HostOptions hostOptions;

    @Override
    public Integer call() throws Exception {
        HostConfig config = hostOptions.config();
        Secrets secrets = config.secrets(System.getenv());
        Secrets.install(secrets);
        var out = spec.commandLine().getOut();
        out.println(secrets.mask(Inputs.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config.toJson(secrets))));
        out.flush();
        return Flowhost.OK;
    }
}
