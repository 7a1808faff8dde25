package io.flowhost.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowhost.api.HostSettings;
import io.flowhost.script.helpers.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The host configuration: one JSON file (comments allowed) that says what jobs must not decide
 * themselves. Every key is optional:
 *
 * <pre>{@code
 * {
 *   "pluginDirs": ["plugins"],                  // folders of plugin jars; --plugins-dir replaces them
 *   "dataDir": "~/.local/share/flowhost",       // where the server keeps tasks and logs
 *   "bind": "127.0.0.1", "port": 8080,          // where the server listens
 *   "secrets": { "file": "secrets.properties",  // NAME=value lines
 *                "env": ["SMTP_PASSWORD"] },    // environment variables that are secrets
 *   "plugins": {                                // each plugin's section, given to its actions
 *     "files": { "roots": ["/data"] },
 *     "shell": { "allow": { "convert": "/usr/bin/convert" } },
 *     "mail":  { "servers": { "default": { "host": "smtp.example.org", "password": { "secret": "SMTP_PASSWORD" } } } }
 *   }
 * }
 * }</pre>
 *
 * <p>Where it is read from: {@code --config FILE}, else the file {@code FLOWHOST_CONFIG} names,
 * else {@code $XDG_CONFIG_HOME/flowhost/config.json} ({@code ~/.config/flowhost/config.json}) when it
 * exists; without a file every default applies. Relative paths in the host's own keys
 * ({@code pluginDirs}, {@code dataDir}, {@code secrets.file}) are relative to the file's folder, and
 * {@code ~/} is the home folder. Command-line flags override the file ({@code with…} methods).
 *
 * <p>Secrets: every environment variable {@code FLOWHOST_SECRET_NAME} is the secret {@code NAME};
 * so is each variable listed in {@code secrets.env} under its own name, and each line of
 * {@code secrets.file}. In a plugin's section, an object {@code {"secret": "NAME"}} stands for the
 * secret's value, which the plugin gets and output never shows. Immutable.
 */
public final class HostConfig {
    /** The keys of the file's top level. */
    static final Set<String> KEYS = Set.of("pluginDirs", "dataDir", "bind", "port", "secrets", "plugins");
    /** The prefix of environment variables that are secrets. */
    public static final String SECRET_ENV_PREFIX = "FLOWHOST_SECRET_";
    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_BIND = "127.0.0.1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path source;
    private final List<Path> pluginDirs;
    private final Path dataDir;
    private final String bind;
    private final int port;
    private final Path secretsFile;
    private final List<String> secretEnv;
    private final ObjectNode plugins;

    private HostConfig(Path source, List<Path> pluginDirs, Path dataDir, String bind, int port, Path secretsFile,
            List<String> secretEnv, ObjectNode plugins) {
        this.source = source;
        this.pluginDirs = List.copyOf(pluginDirs);
        this.dataDir = dataDir;
        this.bind = bind;
        this.port = port;
        this.secretsFile = secretsFile;
        this.secretEnv = List.copyOf(secretEnv);
        this.plugins = plugins;
    }

    /**
     * @param env the environment, for {@code HOME} and {@code XDG_*}
     * @return the configuration with every default: plugins from {@code plugins/} of the Flowhost
     *     home ({@code flowhost.home}) or of the working folder
     */
    public static HostConfig defaults(Map<String, String> env) {
        String home = System.getProperty("flowhost.home");
        Path plugins = home == null ? Path.of("plugins") : Path.of(home, "plugins");
        return new HostConfig(null, List.of(plugins), defaultDataDir(env), DEFAULT_BIND, DEFAULT_PORT, null, List.of(),
                JsonNodeFactory.instance.objectNode());
    }

    /**
     * The file to read when no {@code --config} is given.
     *
     * @param env the environment
     * @return {@code FLOWHOST_CONFIG}'s file, else the user's {@code config.json} when it exists
     */
    public static Optional<Path> defaultFile(Map<String, String> env) {
        String named = env.get("FLOWHOST_CONFIG");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path folder = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome(env), ".config");
        Path file = folder.resolve("flowhost").resolve("config.json");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Reads a configuration file.
     *
     * @param file the file
     * @param env  the environment, for {@code ~}
     * @return the configuration: the file's keys over the defaults
     * @throws InvalidConfigException naming the file and the key that is wrong
     */
    public static HostConfig load(Path file, Map<String, String> env) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(file + ": no such configuration file");
        } catch (IOException e) {
            throw new InvalidConfigException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidConfigException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": invalid JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new InvalidConfigException(file + ": a configuration is a JSON object");
        }
        Path folder = file.toAbsolutePath().getParent();
        HostConfig base = defaults(env);
        Reader reader = new Reader(file, folder, env);
        for (String key : (Iterable<String>) json::fieldNames) {
            if (!KEYS.contains(key)) {
                throw new InvalidConfigException(file + ": unknown key '" + key + "' (at /" + key + "); known keys: "
                        + List.of("pluginDirs", "dataDir", "bind", "port", "secrets", "plugins"));
            }
        }
        List<Path> pluginDirs = json.has("pluginDirs") ? reader.paths(json.get("pluginDirs"), "/pluginDirs") : base.pluginDirs;
        Path dataDir = json.has("dataDir") ? reader.path(json.get("dataDir"), "/dataDir") : base.dataDir;
        String bind = json.has("bind") ? reader.text(json.get("bind"), "/bind") : base.bind;
        int port = base.port;
        if (json.has("port")) {
            JsonNode value = json.get("port");
            if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0 || value.intValue() > 65535) {
                throw reader.wrong("/port", "a port number from 0 to 65535", value);
            }
            port = value.intValue();
        }
        Path secretsFile = null;
        List<String> secretEnv = List.of();
        JsonNode secrets = json.get("secrets");
        if (secrets != null) {
            if (!secrets.isObject()) {
                throw reader.wrong("/secrets", "an object with 'file' and 'env'", secrets);
            }
            for (String key : (Iterable<String>) secrets::fieldNames) {
                if (!key.equals("file") && !key.equals("env")) {
                    throw new InvalidConfigException(file + ": unknown key '" + key + "' (at /secrets/" + key
                            + "); known keys: [file, env]");
                }
            }
            if (secrets.has("file")) {
                secretsFile = reader.path(secrets.get("file"), "/secrets/file");
            }
            if (secrets.has("env")) {
                secretEnv = reader.texts(secrets.get("env"), "/secrets/env");
            }
        }
        ObjectNode plugins = JsonNodeFactory.instance.objectNode();
        JsonNode section = json.get("plugins");
        if (section != null) {
            if (!section.isObject()) {
                throw reader.wrong("/plugins", "an object of plugin sections", section);
            }
            for (Map.Entry<String, JsonNode> plugin : section.properties()) {
                if (!plugin.getValue().isObject()) {
                    throw reader.wrong("/plugins/" + plugin.getKey(), "an object", plugin.getValue());
                }
                plugins.set(plugin.getKey(), plugin.getValue());
            }
        }
        return new HostConfig(file, pluginDirs, dataDir, bind, port, secretsFile, secretEnv, plugins);
    }

    /** @return the file this configuration was read from, if any */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** @return the folders of plugin jars, in load order */
    public List<Path> pluginDirs() {
        return pluginDirs;
    }

    /** @return where the server keeps its data (tasks, logs) */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the address the server listens on */
    public String bind() {
        return bind;
    }

    /** @return the port the server listens on; 0 for any free port */
    public int port() {
        return port;
    }

    /** @return this configuration with other plugin folders (e.g. from {@code --plugins-dir}) */
    public HostConfig withPluginDirs(List<Path> dirs) {
        return new HostConfig(source, dirs, dataDir, bind, port, secretsFile, secretEnv, plugins);
    }

    /** @return this configuration with another data folder (e.g. from {@code --data-dir}) */
    public HostConfig withDataDir(Path dir) {
        return new HostConfig(source, pluginDirs, Objects.requireNonNull(dir, "dir"), bind, port, secretsFile, secretEnv,
                plugins);
    }

    /** @return this configuration with another address and port (e.g. from {@code --bind}, {@code --port}) */
    public HostConfig withAddress(String bind, int port) {
        return new HostConfig(source, pluginDirs, dataDir, Objects.requireNonNull(bind, "bind"), port, secretsFile,
                secretEnv, plugins);
    }

    /**
     * Reads the secrets this configuration names: {@code FLOWHOST_SECRET_*} variables, the variables
     * of {@code secrets.env}, and the lines of {@code secrets.file} (Java properties).
     *
     * @param env the environment
     * @return the secrets
     * @throws InvalidConfigException for a missing file or variable, or a value too short to mask
     */
    public Secrets secrets(Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secretsFile != null) {
            Properties lines = new Properties();
            try (var in = Files.newBufferedReader(secretsFile, StandardCharsets.UTF_8)) {
                lines.load(in);
            } catch (NoSuchFileException e) {
                throw new InvalidConfigException(where("/secrets/file") + ": no such secrets file " + secretsFile);
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidConfigException(where("/secrets/file") + ": cannot read " + secretsFile + ": "
                        + e.getMessage());
            }
            lines.stringPropertyNames().stream().sorted().forEach(name -> values.put(name, lines.getProperty(name)));
        }
        for (String name : secretEnv) {
            String value = env.get(name);
            if (value == null) {
                throw new InvalidConfigException(where("/secrets/env") + ": the environment variable " + name
                        + " is not set");
            }
            values.put(name, value);
        }
        env.entrySet().stream()
                .filter(e -> e.getKey().startsWith(SECRET_ENV_PREFIX) && e.getKey().length() > SECRET_ENV_PREFIX.length())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> values.put(e.getKey().substring(SECRET_ENV_PREFIX.length()), e.getValue()));
        try {
            return Secrets.of(values);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException((source == null ? "secrets" : source.toString()) + ": " + e.getMessage());
        }
    }

    /**
     * The section of one plugin, with {@code {"secret": "NAME"}} objects replaced by the values.
     *
     * @param pluginId a plugin id
     * @param secrets  the host's secrets
     * @return the settings its actions get; empty when the file has no section for it
     * @throws InvalidConfigException naming a secret the section uses and that does not exist
     */
    public HostSettings settingsFor(String pluginId, Secrets secrets) {
        JsonNode section = plugins.get(pluginId);
        if (section == null) {
            return HostSettings.empty();
        }
        return HostSettings.of((ObjectNode) resolve(section, "/plugins/" + pluginId, secrets));
    }

    private JsonNode resolve(JsonNode json, String pointer, Secrets secrets) {
        if (json.isObject() && json.size() == 1 && json.has("secret")) {
            String name = json.get("secret").asText();
            return JsonNodeFactory.instance.textNode(secrets.value(name).orElseThrow(() -> new InvalidConfigException(
                    where(pointer) + ": no secret '" + name + "'; known secrets: " + secrets.names())));
        }
        if (json.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            json.properties().forEach(e -> copy.set(e.getKey(), resolve(e.getValue(), pointer + "/" + e.getKey(), secrets)));
            return copy;
        }
        if (json.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < json.size(); i++) {
                copy.add(resolve(json.get(i), pointer + "/" + i, secrets));
            }
            return copy;
        }
        return json;
    }

    /**
     * @param secrets the host's secrets, listed by name
     * @return the effective configuration as {@code flowhost config} prints it: every key with its
     *     value, secrets by name only ({@code {"secret": "NAME"}} stays as written)
     */
    public ObjectNode toJson(Secrets secrets) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("source", source == null ? null : source.toString());
        ArrayNode dirs = json.putArray("pluginDirs");
        pluginDirs.forEach(dir -> dirs.add(dir.toString()));
        json.put("dataDir", dataDir.toString());
        json.put("bind", bind);
        json.put("port", port);
        ObjectNode secretsJson = json.putObject("secrets");
        secretsJson.put("file", secretsFile == null ? null : secretsFile.toString());
        ArrayNode env = secretsJson.putArray("env");
        secretEnv.forEach(env::add);
        ArrayNode names = secretsJson.putArray("names");
        secrets.names().forEach(names::add);
        json.set("plugins", secrets.mask(plugins.deepCopy()));
        return json;
    }

    private String where(String pointer) {
        return (source == null ? "host configuration" : source.toString()) + " (at " + pointer + ")";
    }

    /**
     * The data folder when the configuration file does not name one: {@code FLOWHOST_DATA_DIR}, else
     * {@code data/} of the Flowhost checkout the launcher runs from, else {@code $XDG_DATA_HOME/flowhost}
     * ({@code ~/.local/share/flowhost}).
     */
    private static Path defaultDataDir(Map<String, String> env) {
        String named = env.get("FLOWHOST_DATA_DIR");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        String property = System.getProperty("flowhost.data");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String checkout = System.getProperty("flowhost.home");
        if (checkout != null && !checkout.isBlank()) {
            return Path.of(checkout, "data");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path folder = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome(env), ".local", "share");
        return folder.resolve("flowhost");
    }

    private static String userHome(Map<String, String> env) {
        String home = env.get("HOME");
        return home != null && !home.isBlank() ? home : System.getProperty("user.home");
    }

    /** Reads typed values of the file, failing with its name and the key's JSON pointer. */
    private record Reader(Path file, Path folder, Map<String, String> env) {
        InvalidConfigException wrong(String pointer, String expected, JsonNode value) {
            return new InvalidConfigException(file + ": " + pointer + " must be " + expected + ", not " + value);
        }

        String text(JsonNode value, String pointer) {
            if (!value.isTextual() || value.textValue().isBlank()) {
                throw wrong(pointer, "a non-empty string", value);
            }
            return value.textValue();
        }

        List<String> texts(JsonNode value, String pointer) {
            if (!value.isArray()) {
                throw wrong(pointer, "an array of strings", value);
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                texts.add(text(value.get(i), pointer + "/" + i));
            }
            return texts;
        }

        Path path(JsonNode value, String pointer) {
            String text = text(value, pointer);
            if (text.equals("~") || text.startsWith("~/")) {
                return Path.of(userHome(env), text.substring(1).replaceFirst("^/", ""));
            }
            return folder.resolve(text).normalize();
        }

        List<Path> paths(JsonNode value, String pointer) {
            if (value.isTextual()) {
                return List.of(path(value, pointer));
            }
            List<Path> paths = new ArrayList<>();
            for (int i = 0; i < texts(value, pointer).size(); i++) {
                paths.add(path(value.get(i), pointer + "/" + i));
            }
            return paths;
        }
    }
}
