package io.flowhost.cli;

import io.flowhost.jobs.InvalidJobException;
import io.flowhost.jobs.Job;
import io.flowhost.jobs.JobLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Reads a job file for another module (the playground's {@code --job}) exactly as {@code run} checks it. */
public final class JobFiles {
    private JobFiles() {}

    /**
     * Loads the plugins, reads the job and closes the plugins again: the job's steps and
     * parameters are plain values, only running them needs the actions.
     *
     * @param file    the job file
     * @param plugins where the plugins are
     * @param spec    the command, for its error stream and {@code --verbose}
     * @return the job
     * @throws UserError when the file is missing or not a valid job; its problems are printed first,
     *                   one line each, on the command's error stream
     */
    public static Job load(Path file, HostOptions plugins, CommandSpec spec) {
        var err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such job file");
        }
        try (Host host = Host.open(plugins, err, true, Flowhost.verbose(spec))) {
            return JobLoader.load(file, host.catalog(), host.expressions());
        } catch (InvalidJobException e) {
            e.problems().forEach(err::println);
            throw new UserError(file + " is not a valid job (" + e.problems().size() + " problem"
                    + (e.problems().size() == 1 ? "" : "s") + ")");
        }
    }
}
