package io.flowhost.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The options every command that needs the host takes: where plugins are, and how much to say. */
final class HostOptions {
    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "A folder of plugin jars; repeat for several. Default: plugins/ of the Flowhost checkout.")
    List<Path> pluginDirs;

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces and the host's diagnostic logs.")
    void verbose(boolean verbose) {
        if (verbose) {
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
            ((Logger) LoggerFactory.getLogger("org.pf4j")).setLevel(Level.INFO);
        }
    }

    /** @return the plugin folders to load: the ones given, else {@code plugins/} of the home */
    List<Path> pluginDirs() {
        if (pluginDirs != null && !pluginDirs.isEmpty()) {
            return pluginDirs;
        }
        String home = System.getProperty("flowhost.home");
        return List.of(home == null ? Path.of("plugins") : Path.of(home, "plugins"));
    }
}
