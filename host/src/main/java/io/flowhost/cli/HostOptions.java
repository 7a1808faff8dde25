package io.flowhost.cli;

import io.flowhost.config.HostConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command that needs the host takes: the host configuration file and where
 * plugins are. A picocli mixin, public for the playground's commands that read jobs ({@link JobFiles}).
 */
public final class HostOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "The host configuration file. Default: $FLOWHOST_CONFIG, else ~/.config/flowhost/config.json if it exists.")
    Path configFile;

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "A folder of plugin jars; repeat for several. Default: the configuration's pluginDirs, else plugins/ of the Flowhost checkout.")
    List<Path> pluginDirs;

    private HostConfig config;

    /**
     * @return the host configuration: the file's, or the defaults, with these options over it
     * @throws io.flowhost.config.InvalidConfigException naming the file and what is wrong in it
     */
    public synchronized HostConfig config() {
        if (config == null) {
            Map<String, String> env = System.getenv();
            Path file = configFile != null ? configFile : HostConfig.defaultFile(env).orElse(null);
            HostConfig loaded = file == null ? HostConfig.defaults(env) : HostConfig.load(file, env);
            config = pluginDirs != null && !pluginDirs.isEmpty() ? loaded.withPluginDirs(pluginDirs) : loaded;
        }
        return config;
    }

    /** @return the plugin folders to load: the ones given, else the configuration's */
    public List<Path> pluginDirs() {
        return config().pluginDirs();
    }
}
