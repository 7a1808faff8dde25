package io.flowhost.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an action is: its id, its documentation, and the parameters it takes.
 *
 * <p>Create one with {@link #builder(String)}.
 *
 * @param id          the action id, lowercase dotted words such as {@code files.copy}; unique across
 *                    all loaded plugins
 * @param label       a short human title, e.g. {@code Copy files}
 * @param category    a grouping for listings, e.g. {@code files}; by default the id's first word
 * @param summary     one line: what the action does
 * @param description longer documentation (may be empty)
 * @param params      the parameters, in documentation order
 */
public record ActionDescriptor(
        String id, String label, String category, String summary, String description, List<ParamSpec> params) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*");

    /**
     * Checks the fields and copies the list.
     *
     * @throws NullPointerException     if any argument is {@code null}
     * @throws IllegalArgumentException if the id is not lowercase dotted words, or two parameters
     *                                  share a name
     */
    public ActionDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(description, "description");
        params = List.copyOf(params);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "Action id '" + id + "' must be lowercase words joined by dots, e.g. 'files.copy'");
        }
        Set<String> names = new LinkedHashSet<>();
        for (ParamSpec param : params) {
            if (!names.add(param.name())) {
                throw new IllegalArgumentException(
                        "Action '" + id + "' declares parameter '" + param.name() + "' twice");
            }
        }
    }

    /**
     * Starts a descriptor for the action {@code id}.
     *
     * @param id the action id, such as {@code files.copy}
     * @return a builder whose label defaults to the id and category to the id's first word
     * @throws NullPointerException if {@code id} is {@code null}
     */
    public static Builder builder(String id) {
        return new Builder(Objects.requireNonNull(id, "id"));
    }

    /**
     * Finds a parameter by name.
     *
     * @param name the parameter name
     * @return the parameter, or empty if this action has none of that name
     */
    public Optional<ParamSpec> param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Checks a step's parameters, with their templates already rendered, exactly as the host does
     * before it calls {@link Action#run}: no parameter this action does not declare, defaults
     * filled in for those missing (or JSON {@code null}), every required one present, and each
     * value {@linkplain ParamSpec#check checked} against its spec.
     *
     * @param values the parameters by name
     * @return the parameters as the action receives them
     * @throws IllegalArgumentException naming the first parameter that is unknown, missing or wrong,
     *                                  e.g. {@code parameter 'limit' must be an integer, not "abc"}
     */
    public Parameters check(com.fasterxml.jackson.databind.node.ObjectNode values) {
        Objects.requireNonNull(values, "values");
        for (String name : (Iterable<String>) values::fieldNames) {
            if (param(name).isEmpty()) {
                throw new IllegalArgumentException("action '" + id + "' has no parameter '" + name + "'; it takes "
                        + params.stream().map(ParamSpec::name).toList());
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode checked =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (ParamSpec spec : params) {
            com.fasterxml.jackson.databind.JsonNode value = values.get(spec.name());
            if (value == null || value.isNull() || value.isMissingNode()) {
                if (spec.defaultValue() != null) {
                    checked.set(spec.name(), spec.defaultValue());
                } else if (spec.required()) {
                    throw new IllegalArgumentException("parameter '" + spec.name() + "' is required");
                }
                continue;
            }
            checked.set(spec.name(), spec.check(value));
        }
        return Parameters.of(checked);
    }

    /** Builds an {@link ActionDescriptor}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String label;
        private String category;
        private String summary = "";
        private String description = "";
        private final List<ParamSpec> params = new ArrayList<>();

        private Builder(String id) {
            this.id = id;
        }

        /** @param label a short human title; returns this builder */
        public Builder label(String label) {
            this.label = Objects.requireNonNull(label, "label");
            return this;
        }

        /** @param category a grouping for listings; returns this builder */
        public Builder category(String category) {
            this.category = Objects.requireNonNull(category, "category");
            return this;
        }

        /** @param summary one line saying what the action does; returns this builder */
        public Builder summary(String summary) {
            this.summary = Objects.requireNonNull(summary, "summary");
            return this;
        }

        /** @param description longer documentation; returns this builder */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** @param param one more parameter, documented in the order added; returns this builder */
        public Builder param(ParamSpec param) {
            params.add(Objects.requireNonNull(param, "param"));
            return this;
        }

        /**
         * Builds the descriptor.
         *
         * @return the descriptor
         * @throws IllegalArgumentException as {@link ActionDescriptor#ActionDescriptor} does
         */
        public ActionDescriptor build() {
            int dot = id.indexOf('.');
            return new ActionDescriptor(
                    id,
                    label != null ? label : id,
                    category != null ? category : (dot > 0 ? id.substring(0, dot) : id),
                    summary,
                    description,
                    params);
        }
    }
}
