package io.flowhost.script.helpers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's secrets, by name, and the two things done with them: handing a value to an action, and
 * masking values wherever text leaves the host.
 *
 * <p><b>Secrets never reach guest code.</b> The {@code secret('NAME')} helper does not return the
 * value: it returns a placeholder. While the host renders the parameters of one action
 * ({@link #rendering}), the placeholder is {@code [[secret:NAME:NONCE]]} with a nonce made for that
 * rendering alone, and the host puts the values in the place of exactly those placeholders
 * ({@link #reveal}) just before the action runs. Anywhere else (a script's body, a filter, the
 * playground, an API caller) it is {@code [[secret:NAME]]}, which is never revealed. So a job author
 * hands a secret over on purpose, to one action's parameters only; message data cannot forge a
 * placeholder (it would need a nonce that exists only while the step's own templates are rendered),
 * and neither scripts nor playground callers can read a value.
 * A script that transforms a placeholder ({@code base64(secret('X'))}) transforms the placeholder,
 * not the value: actions that need a derived form (Basic auth) take the secret as a parameter of its own.
 *
 * <p><b>Masking.</b> Whatever an action does with a value, it may come back: in an output, a log
 * line, an error. {@link #mask(String)} replaces every secret value (and its JSON-escaped form) with
 * {@code ****}, and drops the nonce of any placeholder; the host applies it to task reports, log lines, step errors, the
 * command line's errors and its {@code --json} output. Values shorter than {@link #MIN_LENGTH}
 * characters are refused: masking them would garble every text.
 *
 * <p>The secrets in force are the process's ({@link #install}); none until the host configuration
 * is loaded. Thread-safe and immutable.
 */
public final class Secrets {
    /** The shortest value a secret may have. */
    public static final int MIN_LENGTH = 4;
    /** The longest secret name. */
    static final int MAX_NAME = 128;
    /** The text that takes a secret value's place in output. */
    public static final String MASK = "****";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A placeholder with a rendering's nonce, as output may show one: masked down to its name. */
    private static final Pattern ANY_PLACEHOLDER =
            Pattern.compile("\\[\\[secret:([A-Za-z_][A-Za-z0-9_]{0," + (MAX_NAME - 1) + "}):[0-9a-f]{32}]]");
    /** The nonce of the rendering this thread is doing, if any. */
    private static final ThreadLocal<String> RENDERING = new ThreadLocal<>();
    private static final Secrets NONE = new Secrets(Map.of());
    private static volatile Secrets current = NONE;

    private final Map<String, String> values;
    /** Each value and its JSON-escaped form, longest first, so that a value inside another is masked whole. */
    private final List<String> masked;

    private Secrets(Map<String, String> values) {
        this.values = values;
        Set<String> texts = new TreeSet<>((a, b) -> a.length() != b.length() ? b.length() - a.length() : a.compareTo(b));
        for (String value : values.values()) {
            texts.add(value);
            String escaped = TextNode.valueOf(value).toString();
            texts.add(escaped.substring(1, escaped.length() - 1));
        }
        this.masked = List.copyOf(texts);
    }

    /** One generator for the process: a new one per rendering cost more than the step it rendered for. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * @param values secret values by name
     * @return the secrets
     * @throws IllegalArgumentException naming (never showing) a secret whose name is not a word or
     *                                  whose value is shorter than {@link #MIN_LENGTH}
     */
    public static Secrets of(Map<String, String> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            checkName(name);
            Objects.requireNonNull(value, name);
            if (value.length() < MIN_LENGTH) {
                throw new IllegalArgumentException("secret '" + name + "' is shorter than " + MIN_LENGTH
                        + " characters: too short to be masked in output");
            }
            copy.put(name, value);
        });
        return new Secrets(Map.copyOf(copy));
    }

    /** The {@code secret} helper. */
    static List<Helper> helpers() {
        return List.of(Args.helper("secret", "secrets", "secret(name)",
                "A placeholder for the host's secret NAME, replaced by its value only in the parameters of the action "
                        + "whose templates call it (scripts never see the value; output shows it as ****)",
                "secret('SMTP_PASSWORD')", "\"[[secret:SMTP_PASSWORD]]\"",
                a -> placeholder(a.text(0))));
    }

    /** @return no secrets */
    public static Secrets none() {
        return NONE;
    }

    /** Makes {@code secrets} the process's: the ones actions get and output is masked with. */
    public static void install(Secrets secrets) {
        current = Objects.requireNonNull(secrets, "secrets");
    }

    /** @return the process's secrets */
    public static Secrets current() {
        return current;
    }

    /**
     * @param name a secret's name
     * @return its value, for the host's own use (a plugin's settings), or empty when there is none
     */
    public java.util.Optional<String> value(String name) {
        return java.util.Optional.ofNullable(values.get(name));
    }

    /** @return the names of the secrets, sorted */
    public Set<String> names() {
        return new TreeSet<>(values.keySet());
    }

    /**
     * @param name a secret's name
     * @return the placeholder that {@link #reveal} turns into its value
     * @throws IllegalArgumentException if the name is not a word of at most 128 characters
     */
    static String placeholder(String name) {
        checkName(name);
        String nonce = RENDERING.get();
        return nonce == null ? "[[secret:" + name + "]]" : "[[secret:" + name + ":" + nonce + "]]";
    }

    /**
     * Renders one action's parameters: while {@code body} runs on this thread, {@code secret('NAME')}
     * gives placeholders that {@link #reveal} turns into values with the nonce this returns to it.
     *
     * @param body renders the parameters, then reveals them with the nonce it is given
     * @return what {@code body} returns
     */
    public static <T> T rendering(java.util.function.Function<String, T> body) {
        String nonce = HexFormat.of().formatHex(randomBytes());
        String outer = RENDERING.get();
        RENDERING.set(nonce);
        try {
            return body.apply(nonce);
        } finally {
            if (outer == null) {
                RENDERING.remove();
            } else {
                RENDERING.set(outer);
            }
        }
    }

    private static void checkName(String name) {
        if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a secret's name is a word of letters, digits and '_' of at most "
                    + MAX_NAME + " characters, not " + (name == null ? "null"
                            : "'" + (name.length() > 40 ? name.substring(0, 40) + "..." : name) + "'"));
        }
    }

    /**
     * Puts secret values in the place of the placeholders of one rendering, in every string of {@code json}.
     *
     * @param json  an action's parameters, their templates rendered
     * @param nonce the rendering's nonce, as {@link #rendering} gave it
     * @return {@code json} itself when it holds no such placeholder, else a copy with the values
     * @throws IllegalArgumentException naming a secret that does not exist and the ones that do
     */
    public JsonNode reveal(JsonNode json, String nonce) {
        if (!json.toString().contains(nonce)) {
            return json;
        }
        Pattern placeholder = Pattern.compile(
                "\\[\\[secret:([A-Za-z_][A-Za-z0-9_]{0," + (MAX_NAME - 1) + "}):" + Pattern.quote(nonce) + "]]");
        return map(json, text -> reveal(text, nonce, placeholder));
    }

    private String reveal(String text, String nonce, Pattern placeholder) {
        if (!text.contains(nonce)) {
            return text;
        }
        Matcher matcher = placeholder.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no secret '" + matcher.group(1) + "'; "
                        + (values.isEmpty() ? "the host has no secrets (see 'flowhost config')" : "known secrets: " + names()));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * @param text any text on its way out: a log line, an error
     * @return the text with every secret value, and the placeholders' nonce, replaced by {@code ****}
     */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : masked) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result.contains("[[secret:") ? ANY_PLACEHOLDER.matcher(result).replaceAll("[[secret:$1]]") : result;
    }

    /**
     * @param json any JSON on its way out: a task report, a message
     * @return {@code json} itself when nothing in it is secret, else a copy with every string (keys
     *     too) {@linkplain #mask(String) masked}
     */
    public JsonNode mask(JsonNode json) {
        if (json == null) {
            return null;
        }
        return secretIn(json) ? map(json, this::mask) : json;
    }

    /** Whether a string or key of {@code json} would be masked: a walk, without writing the JSON out. */
    private boolean secretIn(JsonNode json) {
        if (json.isTextual()) {
            return secretIn(json.textValue());
        }
        if (json.isObject()) {
            for (Map.Entry<String, JsonNode> field : json.properties()) {
                if (secretIn(field.getKey()) || secretIn(field.getValue())) {
                    return true;
                }
            }
        } else if (json.isArray()) {
            for (JsonNode element : json) {
                if (secretIn(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean secretIn(String text) {
        if (text.contains("[[secret:")) {
            return true;
        }
        for (String secret : masked) {
            if (text.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    /** A copy of {@code json} with {@code change} applied to every string and object key. */
    private static JsonNode map(JsonNode json, java.util.function.UnaryOperator<String> change) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (json.isTextual()) {
            return f.textNode(change.apply(json.textValue()));
        }
        if (json.isArray()) {
            ArrayNode array = f.arrayNode();
            json.forEach(element -> array.add(map(element, change)));
            return array;
        }
        if (json.isObject()) {
            ObjectNode object = f.objectNode();
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(json.properties());
            for (Map.Entry<String, JsonNode> field : fields) {
                object.set(change.apply(field.getKey()), map(field.getValue(), change));
            }
            return object;
        }
        return json;
    }
}
