package io.flowhost.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
    @TempDir
    Path dir;

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void invalidJsonOnStdinIsOneLineAtItsPlaceWithoutParserInternals() {
        assertThatThrownBy(() -> Inputs.message("-", List.of(), stdin("{\"nodes\": [")))
                .isInstanceOf(UserError.class)
                .hasMessage("<stdin>:1:12: invalid JSON: Unexpected end-of-input: expected close marker for Array "
                        + "(start marker at 1:11)");
        assertThatThrownBy(() -> Inputs.message("-", List.of(), stdin("{\"vars\": {\"a\": [1}}")))
                .hasMessage("<stdin>:1:18: invalid JSON: Unexpected close marker '}': expected ']' "
                        + "(for Array starting at 1:16)");
    }

    @Test
    void aTruncatedFileNamesTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("m.json"), "{\n  \"vars\": {\"a\": 1");

        assertThatThrownBy(() -> Inputs.message(file.toString(), List.of(), InputStream.nullInputStream()))
                .hasMessage(file + ":2:18: invalid JSON: Unexpected end-of-input: expected close marker for Object "
                        + "(start marker at 2:11)");
    }

    @Test
    void contentAfterTheValueIsAMistakeNotIgnored() {
        assertThatThrownBy(() -> Inputs.message("-", List.of(), stdin("{\"vars\": {}} {}")))
                .hasMessage("<stdin>:1:14: invalid JSON: unexpected content after the JSON value");
        assertThatThrownBy(() -> Inputs.message("-", List.of(), stdin("{\"vars\": {}}}")))
                .hasMessage("<stdin>:1:13: invalid JSON: Unexpected close marker '}': no open Object to close");
        assertThatThrownBy(() -> Inputs.message("-", List.of(), stdin("  \n")))
                .hasMessage("<stdin>: empty, expected JSON");
        assertThat(Inputs.message("-", List.of(), stdin("{\"vars\": {\"a\": 1}}\n")).vars().get("a").asInt()).isEqualTo(1);
    }
}
