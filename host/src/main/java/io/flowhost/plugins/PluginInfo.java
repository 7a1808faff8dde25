package io.flowhost.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A plugin that was loaded.
 *
 * @param id          its {@code Plugin-Id}
 * @param version     its {@code Plugin-Version}
 * @param file        the jar it came from
 * @param description its {@code Plugin-Description}, possibly empty
 * @param actionIds   the ids of the actions it provides, sorted
 */
public record PluginInfo(String id, String version, Path file, String description, List<String> actionIds) {
    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(file, "file");
        description = description == null ? "" : description;
        actionIds = List.copyOf(actionIds);
    }
}
