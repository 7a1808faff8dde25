package io.flowhost.plugins;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin jar (or plugin folder) that did not load, and why. The host skips it and goes on.
 *
 * @param file   the jar, or the plugin folder when the folder itself is the problem
 * @param reason one line for a person, e.g. {@code requires host >=2.0.0, this host is 0.1.0}
 * @param cause  what PF4J or the plugin threw, for {@code --verbose}; {@code null} when the host
 *               itself found the problem
 */
public record PluginFailure(Path file, String reason, Throwable cause) {
    public PluginFailure {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    /** A failure the host found itself, with no exception behind it. */
    public PluginFailure(Path file, String reason) {
        this(file, reason, null);
    }

    /** @return {@code FILE: reason}, the file as it was found (relative when the folder was given so) */
    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
