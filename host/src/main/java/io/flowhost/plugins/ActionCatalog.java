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

    /**
     * The actions worth naming beside an unknown id: those of its first word when there are any
     * ({@code known core actions: [core.clear, ...]}), else every action, or, when there are many,
     * every first word. With a dozen plugins loaded the whole list no longer fits one line.
     *
     * @param id an action id that is not in the catalog
     * @return e.g. {@code known core actions: [core.clear, core.fail]}
     */
    default String known(String id) {
        int dot = id.indexOf('.');
        List<String> ids = ids();
        if (dot > 0) {
            String prefix = id.substring(0, dot + 1);
            List<String> same = ids.stream().filter(known -> known.startsWith(prefix)).toList();
            if (!same.isEmpty()) {
                return "known " + id.substring(0, dot) + " actions: " + same;
            }
        }
        if (ids.size() <= 12) {
            return "known actions: " + ids;
        }
        return "known kinds of actions: " + ids.stream().map(known -> known.contains(".")
                ? known.substring(0, known.indexOf('.')) : known).distinct().toList() + " ('flowhost actions' lists them)";
    }
}
