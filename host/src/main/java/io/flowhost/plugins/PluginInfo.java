package io.flowhost.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A plugin jar that loaded: its PF4J descriptor and the actions it contributes.
 *
 * @param id          the {@code Plugin-Id}
 * @param version     the {@code Plugin-Version}
 * @param file        the jar
 * @param description the {@code Plugin-Description}, empty when the jar has none
 * @param actionIds   the ids of its actions, sorted
 */
public record PluginInfo(String id, String version, Path file, String description, List<String> actionIds) {
    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(description, "description");
        actionIds = List.copyOf(actionIds);
    }
}
