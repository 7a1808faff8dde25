package io.flowhost.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;

/** Converts between guest values and the plain Java values helpers take and give. */
final class GuestValues {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEPTH = 32;

    private GuestValues() {}

    /** A guest value as null, String, Boolean, Long, Double, List or Map. */
    static Object toJava(Value value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("a helper argument is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            if (value.fitsInLong()) {
                return value.asLong();
            }
            return value.asDouble();
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.hasArrayElements()) {
            List<Object> list = new ArrayList<>();
            for (long i = 0; i < value.getArraySize(); i++) {
                list.add(toJava(value.getArrayElement(i), depth + 1));
            }
            return list;
        }
        if (value.canExecute()) {
            throw new IllegalArgumentException("a function cannot be passed to a helper");
        }
        if (value.hasMembers()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (String key : value.getMemberKeys()) {
                map.put(key, toJava(value.getMember(key), depth + 1));
            }
            return map;
        }
        return value.toString();
    }

    /** A helper's result for the guest: primitives as they are, lists and maps as guest JSON values. */
    static Object toGuest(Object result, Sandbox.Evaluation evaluation) {
        if (result == null || result instanceof String || result instanceof Boolean || result instanceof Number) {
            return result;
        }
        try {
            return evaluation.parse(JSON.writeValueAsString(result));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a helper returned a value that is not JSON: " + e.getOriginalMessage());
        }
    }
}
