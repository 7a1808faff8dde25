package io.flowhost.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.flowhost.api.Message;
import io.flowhost.api.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Joins the messages of a fan-out's or branches' sequences into the one message that continues.
 *
 * <ul>
 *   <li>The collection a fan-out iterates ({@code nodes} or {@code items}): the branches' lists
 *       concatenated in element order.
 *   <li>Any other {@code nodes} or {@code items}: the input's, unless branches changed them; then
 *       the lists of the branches that changed them, concatenated in branch order.
 *   <li>{@code outputs}: the input's chain, then the entries each branch appended, in branch order.
 *   <li>{@code vars}: the input's, then each branch's changes in branch order. Where several
 *       branches set the same variable to arrays, their arrays are joined (what a branch appended
 *       to the input's array is appended); any other conflict goes to the last branch in order.
 *   <li>{@code event}: the input's.
 * </ul>
 */
final class Merge {
    enum Iterated { NODES, ITEMS, NONE }

    private Merge() {}

    static Message merge(Message input, Iterated iterated, List<Message> starts, List<Message> results) {
        return input
                .withNodes(collection(input, iterated == Iterated.NODES, starts, results, Message::nodes))
                .withItems(collection(input, iterated == Iterated.ITEMS, starts, results, Message::itemsView))
                .withOutputs(outputs(input, starts, results))
                .withVars(vars(input, starts, results));
    }

    private static <T> List<T> collection(Message input, boolean iterated, List<Message> starts, List<Message> results,
            Function<Message, List<T>> get) {
        List<T> merged = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < results.size(); i++) {
            List<T> result = get.apply(results.get(i));
            if (iterated || !result.equals(get.apply(starts.get(i)))) {
                merged.addAll(result);
                changed = true;
            }
        }
        return changed || iterated ? merged : get.apply(input);
    }

    private static List<Output> outputs(Message input, List<Message> starts, List<Message> results) {
        List<Output> merged = new ArrayList<>(input.outputs());
        for (int i = 0; i < results.size(); i++) {
            merged.addAll(appended(starts.get(i).outputs(), results.get(i).outputs()));
        }
        return merged;
    }

    private static <T> List<T> appended(List<T> start, List<T> result) {
        boolean extendsStart = result.size() >= start.size() && result.subList(0, start.size()).equals(start);
        return extendsStart ? result.subList(start.size(), result.size()) : result;
    }

    private static Map<String, JsonNode> vars(Message input, List<Message> starts, List<Message> results) {
        Map<String, JsonNode> merged = new LinkedHashMap<>(input.varsView());
        Map<String, Boolean> joined = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            Map<String, JsonNode> before = starts.get(i).varsView();
            for (Map.Entry<String, JsonNode> entry : results.get(i).varsView().entrySet()) {
                String name = entry.getKey();
                JsonNode value = entry.getValue();
                JsonNode base = before.get(name);
                if (value.equals(base)) {
                    continue;
                }
                JsonNode current = merged.get(name);
                if (value.isArray() && joined.containsKey(name) && current != null && current.isArray()) {
                    ArrayNode array = ((ArrayNode) current).deepCopy();
                    appended(elements(base), elements(value)).forEach(array::add);
                    merged.put(name, array);
                } else {
                    merged.put(name, value);
                    joined.put(name, value.isArray());
                }
            }
        }
        return merged;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(list::add);
        }
        return list;
    }
}
