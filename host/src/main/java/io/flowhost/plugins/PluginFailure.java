package io.flowhost.plugins;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin jar that was skipped, and why.
 *
 * @param file   the jar (or the folder, when a plugins folder is missing)
 * @param reason why it was skipped, a sentence for a person
 */
public record PluginFailure(Path file, String reason) {
    public PluginFailure {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return {@code FILE: reason} */
    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
