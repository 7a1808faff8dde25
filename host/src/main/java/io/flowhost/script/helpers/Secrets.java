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
 * value: it returns a placeholder, {@code [[secret:NAME:NONCE]]}, where the nonce is random per
 * process. Templates and scripts handle only placeholders; the host puts the values in their place
 * ({@link #reveal}) in the parameters of an action, after their templates are rendered and just
 * before the action runs. So a job author hands a secret over on purpose, to an action only, and
 * neither message data (which cannot know the nonce) nor a playground or API caller can read one.
 * A script that transforms a placeholder ({@code base64(secret('X'))}) transforms the placeholder,
 * not the value: actions that need a derived form (Basic auth) take the secret as a parameter of its own.
 *
 * <p><b>Masking.</b> Whatever an action does with a value, it may come back: in an output, a log
 * line, an error. {@link #mask(String)} replaces every secret value (and its JSON-escaped form) and
 * the nonce with {@code ****}; the host applies it to task reports, log lines, step errors, the
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
    /** Random per process: message data cannot forge a placeholder it would need to guess. */
    private static final String NONCE = HexFormat.of().formatHex(randomBytes());
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\[\\[secret:([A-Za-z_][A-Za-z0-9_]{0," + (MAX_NAME - 1) + "}):" + NONCE + "]]");
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
        texts.add(NONCE);
        this.masked = List.copyOf(texts);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
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
                "A placeholder for the host's secret NAME, replaced by its value only in an action's parameters "
                        + "(scripts never see the value; output shows it as ****)",
                "secret('SMTP_PASSWORD').startsWith('[[secret:SMTP_PASSWORD:')", "true",
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
        return "[[secret:" + name + ":" + NONCE + "]]";
    }

    private static void checkName(String name) {
        if (name == null || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a secret's name is a word of letters, digits and '_' of at most "
                    + MAX_NAME + " characters, not " + (name == null ? "null"
                            : "'" + (name.length() > 40 ? name.substring(0, 40) + "..." : name) + "'"));
        }
    }

    /**
     * Puts secret values in the place of their placeholders, in every string of {@code json}.
     *
     * @param json an action's parameters, their templates rendered
     * @return {@code json} itself when it holds no placeholder, else a copy with the values
     * @throws IllegalArgumentException naming a secret that does not exist and the ones that do
     */
    public JsonNode reveal(JsonNode json) {
        if (!json.toString().contains(NONCE)) {
            return json;
        }
        return map(json, this::reveal);
    }

    private String reveal(String text) {
        if (!text.contains(NONCE)) {
            return text;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
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
        return result;
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
        String text = json.toString();
        boolean any = false;
        for (String secret : masked) {
            if (text.contains(secret)) {
                any = true;
                break;
            }
        }
        return any ? map(json, this::mask) : json;
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
