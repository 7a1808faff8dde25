package io.flowhost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApiValuesTest {
    @Test
    void durationsReadAndWriteTheJobFormat() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.format(Duration.ofMillis(90_250))).isEqualTo("1m30s250ms");
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessage("'soon' is not a duration (write e.g. 500ms, 30s, 10m, 1h30m)");
        assertThatThrownBy(() -> Durations.parse("10 m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("999999999999999d")).hasMessage("'999999999999999d' is too long a duration");
        assertThatThrownBy(() -> Durations.parse("99999999999999999999s")).hasMessage("'99999999999999999999s' is too long a duration");
    }

    @Test
    void parametersReadTheirTypes() throws Exception {
        Parameters params = Parameters.of((ObjectNode) new ObjectMapper().readTree(
                "{\"s\": \"x\", \"n\": 3, \"b\": true, \"d\": \"2s\", \"list\": [\"a\", \"b\"], \"nil\": null}"));

        assertThat(params.string("s")).isEqualTo("x");
        assertThat(params.integer("n")).isEqualTo(3);
        assertThat(params.bool("b")).isTrue();
        assertThat(params.duration("d")).isEqualTo(Duration.ofSeconds(2));
        assertThat(params.strings("list")).containsExactly("a", "b");
        assertThat(params.strings("s")).containsExactly("x");
        assertThat(params.has("nil")).isFalse();
        assertThat(params.optionalString("missing")).isEmpty();
        assertThatThrownBy(() -> params.string("missing")).hasMessage("Parameter 'missing' is not set");
        assertThatThrownBy(() -> params.bool("s")).hasMessage("Parameter 's' must be true or false, not \"x\"");
    }

    @Test
    void descriptorsCheckIdsAndParameterNames() {
        ActionDescriptor descriptor = ActionDescriptor.builder("files.copy").param(ParamSpec.string("to", "where")).build();

        assertThat(descriptor.label()).isEqualTo("files.copy");
        assertThat(descriptor.category()).isEqualTo("files");
        assertThat(descriptor.param("to")).isPresent();
        assertThatThrownBy(() -> ActionDescriptor.builder("Files Copy").build())
                .hasMessage("Action id 'Files Copy' must be lowercase words joined by dots, e.g. 'files.copy'");
        assertThatThrownBy(() -> ActionDescriptor.builder("a.b").param(ParamSpec.string("x", "")).param(ParamSpec.integer("x", "")).build())
                .hasMessage("Action 'a.b' declares parameter 'x' twice");
        assertThatThrownBy(() -> ParamSpec.string("x", "").withDefault("d").asRequired())
                .hasMessage("Required parameter 'x' cannot have a default");
    }
}
