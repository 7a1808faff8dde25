package io.flowhost.cli;

import io.flowhost.jobs.JobSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code flowhost schema}: prints the JSON Schema of job files. */
@Command(name = "schema", description = "Print the JSON Schema of job files (for editors).")
final class SchemaCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(JobSchema.text());
        spec.commandLine().getOut().flush();
        return Flowhost.OK;
    }
}
