package io.flowhost.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every command that needs the host takes: where plugins are. A picocli mixin,
 * public for the playground's commands that read jobs ({@link JobFiles}).
 */
public final class HostOptions {
    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "A folder of plugin jars; repeat for several. Default: plugins/ of the Flowhost checkout.")
    List<Path> pluginDirs;

    /** @return the plugin folders to load: the ones given, else {@code plugins/} of the home */
    public List<Path> pluginDirs() {
        if (pluginDirs != null && !pluginDirs.isEmpty()) {
            return pluginDirs;
        }
        String home = System.getProperty("flowhost.home");
        return List.of(home == null ? Path.of("plugins") : Path.of(home, "plugins"));
    }
}
