package io.flowhost.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowhost.script.helpers.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostConfigTest {
    @TempDir
    Path dir;

    private Path file(String json) throws Exception {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    @Test
    void readsEveryKeyWithPathsRelativeToTheFile() throws Exception {
        Path file = file("""
                { "pluginDirs": ["plugins", "/opt/more"], "dataDir": "~/flow", "bind": "0.0.0.0", "port": 9090,
                  "plugins": { "files": { "roots": ["/data"] } } }
                """);

        HostConfig config = HostConfig.load(file, Map.of("HOME", "/home/ada"));

        assertThat(config.pluginDirs()).containsExactly(dir.resolve("plugins"), Path.of("/opt/more"));
        assertThat(config.dataDir()).isEqualTo(Path.of("/home/ada/flow"));
        assertThat(config.bind()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.settingsFor("files", Secrets.none()).strings("roots")).containsExactly("/data");
        assertThat(config.settingsFor("shell", Secrets.none()).json().isEmpty()).isTrue();
        assertThat(config.withDataDir(Path.of("/srv")).withAddress("::1", 0).dataDir()).isEqualTo(Path.of("/srv"));
    }

    @Test
    void defaultsWithoutAFile() {
        // outside a checkout (no flowhost.home), with nothing set: the XDG data folder
        String data = System.clearProperty("flowhost.data");
        String home = System.clearProperty("flowhost.home");
        HostConfig config;
        try {
            config = HostConfig.defaults(Map.of("HOME", "/home/ada"));
            assertThat(HostConfig.defaults(Map.of("HOME", "/home/ada", "FLOWHOST_DATA_DIR", "/srv/flowhost")).dataDir())
                    .isEqualTo(Path.of("/srv/flowhost"));
        } finally {
            if (data != null) {
                System.setProperty("flowhost.data", data);
            }
            if (home != null) {
                System.setProperty("flowhost.home", home);
            }
        }

        assertThat(config.dataDir()).isEqualTo(Path.of("/home/ada/.local/share/flowhost"));
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.source()).isEmpty();
        assertThat(HostConfig.defaultFile(Map.of("HOME", dir.toString()))).isEmpty();
        assertThat(HostConfig.defaultFile(Map.of("FLOWHOST_CONFIG", "/etc/flowhost.json"))).contains(Path.of("/etc/flowhost.json"));
    }

    @Test
    void secretsComeFromTheFileTheListedVariablesAndPrefixedVariables() throws Exception {
        Files.writeString(dir.resolve("secrets.properties"), "FROM_FILE=file-value\n");
        Path file = file("""
                { "secrets": { "file": "secrets.properties", "env": ["SMTP_PASSWORD"] },
                  "plugins": { "mail": { "servers": [ { "password": { "secret": "SMTP_PASSWORD" } } ] } } }
                """);
        Map<String, String> env = Map.of("SMTP_PASSWORD", "smtp-value", "FLOWHOST_SECRET_TOKEN", "token-value",
                "PATH", "/usr/bin");

        HostConfig config = HostConfig.load(file, env);
        Secrets secrets = config.secrets(env);

        assertThat(secrets.names()).containsExactly("FROM_FILE", "SMTP_PASSWORD", "TOKEN");
        assertThat(config.settingsFor("mail", secrets).json().at("/servers/0/password").asText()).isEqualTo("smtp-value");
        assertThat(secrets.mask("a smtp-value and a token-value")).isEqualTo("a **** and a ****");
    }

    @Test
    void mistakesNameTheFileAndTheKey() throws Exception {
        for (var mistake : List.of(
                List.of("{\"prot\": 1}", ": unknown key 'prot' (at /prot); known keys: [pluginDirs, dataDir, bind, port, secrets, plugins]"),
                List.of("{\"port\": 70000}", ": /port must be a port number from 0 to 65535, not 70000"),
                List.of("{\"plugins\": {\"files\": []}}", ": /plugins/files must be an object, not []"),
                List.of("{\"secrets\": {\"files\": \"x\"}}", ": unknown key 'files' (at /secrets/files); known keys: [file, env]"),
                List.of("{ \"port\": 1,", ":1:13: invalid JSON: Unexpected end-of-input within/between Object entries"))) {
            Path file = file(mistake.get(0));
            assertThatThrownBy(() -> HostConfig.load(file, Map.of())).as(mistake.get(0))
                    .isInstanceOf(InvalidConfigException.class).hasMessage(file + mistake.get(1));
        }
        HostConfig config = HostConfig.load(file("{\"secrets\": {\"env\": [\"NOPE\"]}}"), Map.of());
        assertThatThrownBy(() -> config.secrets(Map.of())).hasMessage(dir.resolve("config.json")
                + " (at /secrets/env): the environment variable NOPE is not set");
        assertThatThrownBy(() -> config.secrets(Map.of("NOPE", "abc"))).hasMessage(dir.resolve("config.json")
                + ": secret 'NOPE' is shorter than 4 characters: too short to be masked in output");
    }
}
