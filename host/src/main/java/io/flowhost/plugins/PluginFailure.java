package io.flowhost.plugins;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A problem with a plugin jar (or a plugin folder). A jar may have several: each is one failure.
 * Most skip the jar; a refused action ({@code jarSkipped} false) is left out while the jar's other
 * actions load.
 *
 * @param file       the jar, or the plugin folder when the folder itself is the problem
 * @param reason     one line for a person, e.g. {@code requires host >=2.0.0, this host is 0.1.0}
 * @param cause      what PF4J or the plugin threw, for {@code --verbose}; {@code null} when the host
 *                   itself found the problem
 * @param jarSkipped whether the jar was skipped as a whole, rather than one of its actions refused
 */
public record PluginFailure(Path file, String reason, Throwable cause, boolean jarSkipped) {
    public PluginFailure {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    /** A problem that skips the jar, with what was thrown behind it. */
    public PluginFailure(Path file, String reason, Throwable cause) {
        this(file, reason, cause, true);
    }

    /** A problem that skips the jar, found by the host itself. */
    public PluginFailure(Path file, String reason) {
        this(file, reason, null, true);
    }

    /** @return {@code FILE: reason}, the file as it was found (relative when the folder was given so) */
    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
