package io.flowhost.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The immutable JSON envelope that flows from step to step.
 *
 * <pre>{@code
 * { "event": {...}, "nodes": [...], "items": [...], "vars": {...}, "outputs": [...] }
 * }</pre>
 *
 * <ul>
 *   <li>{@code event}: the trigger's payload ({@code type} is {@code manual}, {@code schedule},
 *       {@code webhook}, {@code file} or {@code task});
 *   <li>{@code nodes}: files ({@link Node});
 *   <li>{@code items}: any other JSON records;
 *   <li>{@code vars}: named JSON values;
 *   <li>{@code outputs}: the output chain, one {@link Output} per step that ran.
 * </ul>
 *
 * <p>Messages are values: every {@code with…} method returns a new message and leaves this one as
 * it was, and every accessor returns lists that cannot be changed and JSON that is a private copy.
 * A message is therefore safe to share between threads and between parallel branches.
 */
public final class Message {
    private static final Set<String> FIELDS = Set.of("event", "nodes", "items", "vars", "outputs");
    private static final Message EMPTY = new Message(
            JsonNodeFactory.instance.objectNode(), List.of(), List.of(), Map.of(), List.of());

    private final ObjectNode event;
    private final List<Node> nodes;
    private final List<JsonNode> items;
    private final Map<String, JsonNode> vars;
    private final List<Output> outputs;

    private Message(
            ObjectNode event, List<Node> nodes, List<JsonNode> items, Map<String, JsonNode> vars, List<Output> outputs) {
        this.event = event;
        this.nodes = nodes;
        this.items = items;
        this.vars = vars;
        this.outputs = outputs;
    }

    /** @return the message with nothing in it */
    public static Message empty() {
        return EMPTY;
    }

    /** @return a private copy of the trigger payload, never {@code null} */
    public ObjectNode event() {
        return event.deepCopy();
    }

    /** @return the nodes, unmodifiable */
    public List<Node> nodes() {
        return nodes;
    }

    /** @return private copies of the items, unmodifiable */
    public List<JsonNode> items() {
        return items.stream().map(JsonValues::copy).toList();
    }

    /**
     * @param index an item's position
     * @return a private copy of that item, or empty when there is no such item (cheaper than
     *         {@link #items()}, which copies them all)
     */
    public Optional<JsonNode> item(int index) {
        return index >= 0 && index < items.size() ? Optional.of(JsonValues.copy(items.get(index))) : Optional.empty();
    }

    /** @return how many items the message holds */
    public int itemCount() {
        return items.size();
    }

    /**
     * The item itself, not a copy, for code that only reads it (the host's compiled templates read
     * one field of one item per render, where a copy of the item would cost more than the render).
     * Never change it: messages share their items, so a change would show in other messages.
     *
     * @param index an item's position
     * @return the item as this message holds it, or empty when there is no such item
     */
    public Optional<JsonNode> itemView(int index) {
        return index >= 0 && index < items.size() ? Optional.of(items.get(index)) : Optional.empty();
    }

    /**
     * A variable itself, not a copy, for code that only reads it; see {@link #itemView(int)}.
     *
     * @param name a variable name
     * @return its value as this message holds it, or empty if it is not set
     */
    public Optional<JsonNode> varView(String name) {
        return Optional.ofNullable(vars.get(name));
    }

    /**
     * The items themselves, not copies, for code that only reads them; see {@link #itemView(int)}.
     *
     * @return the items as this message holds them, unmodifiable
     */
    public List<JsonNode> itemsView() {
        return items;
    }

    /**
     * The variables themselves, not copies, for code that only reads them; see {@link #itemView(int)}.
     *
     * @return the variables as this message holds them, in insertion order, unmodifiable
     */
    public Map<String, JsonNode> varsView() {
        return vars;
    }

    /** @return private copies of the variables in insertion order, unmodifiable */
    public Map<String, JsonNode> vars() {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        vars.forEach((name, value) -> copy.put(name, JsonValues.copy(value)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * @param name a variable name
     * @return a private copy of the variable's value, or empty if it is not set
     */
    public Optional<JsonNode> var(String name) {
        return Optional.ofNullable(vars.get(name)).map(JsonValues::copy);
    }

    /** @return the output chain, oldest first, unmodifiable */
    public List<Output> outputs() {
        return outputs;
    }

    /** @return the newest output entry, or empty when no step has run yet */
    public Optional<Output> last() {
        return outputs.isEmpty() ? Optional.empty() : Optional.of(outputs.get(outputs.size() - 1));
    }

    /**
     * @param event the new trigger payload
     * @return this message with {@code event} instead of its payload
     */
    public Message withEvent(ObjectNode event) {
        return new Message(Objects.requireNonNull(event, "event").deepCopy(), nodes, items, vars, outputs);
    }

    /**
     * @param nodes the new nodes
     * @return this message with {@code nodes} instead of its nodes
     */
    public Message withNodes(List<Node> nodes) {
        return new Message(event, List.copyOf(nodes), items, vars, outputs);
    }

    /**
     * @param items the new items
     * @return this message with {@code items} instead of its items
     */
    public Message withItems(List<? extends JsonNode> items) {
        return new Message(event, nodes, items.stream().map(JsonValues::copy).toList(), vars, outputs);
    }

    /**
     * @param vars the new variables
     * @return this message with exactly {@code vars} as its variables
     */
    public Message withVars(Map<String, ? extends JsonNode> vars) {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        vars.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "name"), JsonValues.copy(value)));
        return new Message(event, nodes, items, Collections.unmodifiableMap(copy), outputs);
    }

    /**
     * Sets one variable, keeping the others.
     *
     * @param name  the variable name
     * @param value a String, Number, Boolean, List, Map or Jackson {@link JsonNode}; {@code null}
     *              sets JSON {@code null}
     * @return this message with the variable set
     */
    public Message withVar(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Map<String, JsonNode> copy = new LinkedHashMap<>(vars);
        copy.put(name, JsonValues.toJson(value));
        return new Message(event, nodes, items, Collections.unmodifiableMap(copy), outputs);
    }

    /**
     * @param outputs the new output chain
     * @return this message with {@code outputs} as its output chain
     */
    public Message withOutputs(List<Output> outputs) {
        return new Message(event, nodes, items, vars, List.copyOf(outputs));
    }

    /**
     * @param output an entry to append
     * @return this message with {@code output} appended to its output chain
     */
    public Message withOutput(Output output) {
        List<Output> copy = new ArrayList<>(outputs.size() + 1);
        copy.addAll(outputs);
        copy.add(Objects.requireNonNull(output, "output"));
        return new Message(event, nodes, items, vars, Collections.unmodifiableList(copy));
    }

    /** @return this message in the JSON format shown above, as a new object */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode json = f.objectNode();
        json.set("event", event.deepCopy());
        ArrayNode nodeArray = json.putArray("nodes");
        nodes.forEach(node -> nodeArray.add(node.toJson()));
        ArrayNode itemArray = json.putArray("items");
        items.forEach(item -> itemArray.add(JsonValues.copy(item)));
        ObjectNode varObject = json.putObject("vars");
        vars.forEach((name, value) -> varObject.set(name, JsonValues.copy(value)));
        ArrayNode outputArray = json.putArray("outputs");
        outputs.forEach(output -> outputArray.add(output.toJson()));
        return json;
    }

    /**
     * Reads a message from its JSON format. Every field is optional.
     *
     * @param json a JSON object with only the fields shown above
     * @return the message
     * @throws IllegalArgumentException naming the field (as a JSON pointer) that is wrong
     */
    public static Message fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a message must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            String name = field.getKey();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown message field '" + name + "' (expected event, nodes, items, vars, outputs)");
            }
        }
        Message message = EMPTY;
        JsonNode event = json.get("event");
        if (event != null && !event.isNull()) {
            if (!event.isObject()) {
                throw new IllegalArgumentException("/event must be an object");
            }
            message = message.withEvent((ObjectNode) event);
        }
        List<Node> nodes = new ArrayList<>();
        int index = 0;
        for (JsonNode node : array(json, "nodes")) {
            try {
                nodes.add(Node.fromJson(node));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("/nodes/" + index + ": " + e.getMessage(), e);
            }
            index++;
        }
        List<JsonNode> items = new ArrayList<>();
        array(json, "items").forEach(items::add);
        List<Output> outputs = new ArrayList<>();
        index = 0;
        JsonNode chain = json.path("outputs");
        if (chain.isObject() && chain.has("count") && chain.has("last")) {
            throw new IllegalArgumentException("/outputs refers to the output chain, as a step's input in a task "
                    + "report does, instead of holding it; 'flowhost run JOB --until STEP --dump-message FILE' writes "
                    + "the message a step receives whole");
        }
        for (JsonNode output : array(json, "outputs")) {
            try {
                outputs.add(Output.fromJson(output));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("/outputs/" + index + ": " + e.getMessage(), e);
            }
            index++;
        }
        Map<String, JsonNode> vars = new LinkedHashMap<>();
        JsonNode varObject = json.get("vars");
        if (varObject != null && !varObject.isNull()) {
            if (!varObject.isObject()) {
                throw new IllegalArgumentException("/vars must be an object");
            }
            varObject.properties().forEach(e -> vars.put(e.getKey(), e.getValue()));
        }
        return message.withNodes(nodes).withItems(items).withVars(vars).withOutputs(outputs);
    }

    private static Iterable<JsonNode> array(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException("/" + field + " must be an array");
        }
        return value;
    }

    /** Messages are equal when their JSON text is: {@code 12} read as an int equals {@code 12} written as a long. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Message that && toString().equals(that.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
