package io.flowhost.cli;

import io.flowhost.jobs.JobLoader;
import io.flowhost.jobs.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowhost validate}: checks job files without running them. */
@Command(name = "validate",
        description = "Check job files: schema, actions, parameters, step ids, templates. "
                + "Prints FILE:LINE:COLUMN: message (at /pointer) per problem; exit 0 when all are valid, 2 otherwise.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    HostOptions hostOptions;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Job files.")
    List<Path> files;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int invalid = 0;
        try (Host host = Host.open(hostOptions, err, true, Flowhost.verbose(spec))) {
            for (Path file : files) {
                List<Problem> problems = JobLoader.validate(file, host.catalog(), host.expressions());
                if (problems.isEmpty()) {
                    out.println(file + ": valid");
                } else {
                    invalid++;
                    problems.forEach(err::println);
                }
            }
        }
        out.flush();
        if (invalid > 0) {
            err.println("flowhost: " + invalid + " of " + files.size() + " job file" + (files.size() == 1 ? "" : "s")
                    + " invalid");
            return Flowhost.CANNOT_START;
        }
        return Flowhost.OK;
    }
}
