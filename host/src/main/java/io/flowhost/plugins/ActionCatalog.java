package io.flowhost.plugins;

import java.util.List;
import java.util.Optional;

/**
 * The actions a host can run, by id: those of loaded plugins and those built into the host.
 * Thread-safe.
 */
public interface ActionCatalog {

    /**
     * @param id an action id such as {@code core.log}
     * @return the action, or empty if no plugin or built-in provides it
     */
    Optional<RegisteredAction> find(String id);

    /** @return every action, sorted by id */
    List<RegisteredAction> all();

    /** @return the ids of every action, sorted, for error messages such as "known actions: [...]" */
    default List<String> ids() {
        return all().stream().map(a -> a.descriptor().id()).toList();
    }
}
