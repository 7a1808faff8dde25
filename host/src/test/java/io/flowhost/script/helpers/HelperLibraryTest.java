package io.flowhost.script.helpers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowhost.api.Message;
import io.flowhost.script.JsExpressions;
import io.flowhost.script.Limits;
import io.flowhost.script.Scope;
import io.flowhost.script.TemplateException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class HelperLibraryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsExpressions JS = new JsExpressions(Limits.defaults());
    private static final Scope SCOPE = new Scope(Message.empty(), JSON.createObjectNode(),
            new Scope.Run("job", "task", Instant.EPOCH, "step"));

    private static JsonNode evaluate(String expression) {
        return JS.render(TextNode.valueOf("{{ " + expression + " }}"), SCOPE);
    }

    /** humanBytes rounds on the decimal's text: it must print what String.format("%.1f") prints, digit for digit. */
    @Test
    void tenthsAreWhatFormatPrints() {
        java.util.Random random = new java.util.Random(14);
        List<Double> values = new java.util.ArrayList<>(List.of(0.0, 0.05, 0.04999, 0.95, 1.0, 1.05, 1.15, 1.25, 9.95,
                9.96, 99.95, 999.95, 1023.95, 1023.99, 0.001, 0.0001234, 1e7, 1.2345e7, 9.999999e6, 1.5e300, Double.MIN_VALUE,
                Double.MAX_VALUE));
        for (int i = 0; i < 20_000; i++) {
            values.add(random.nextDouble() * 1024);
            values.add(Math.round(random.nextDouble() * 10240) / 10.0 + 0.05);
            values.add(Math.abs(random.nextGaussian()) * Math.pow(10, random.nextInt(20) - 5));
        }
        for (double value : values) {
            String expected = new java.math.BigDecimal(Double.toString(value))
                    .setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
            assertThat(NumberHelpers.tenths(value)).as("%s", value).isEqualTo(expected);
        }
        assertThat(NumberHelpers.tenths(9.95)).isEqualTo("10.0");
        assertThat(NumberHelpers.humanBytes(1023.95 * 1024)).isEqualTo("1024.0 KiB");
    }

    /** Every documented example, evaluated in the sandbox as a template would, gives its documented result. */
    @TestFactory
    Stream<DynamicTest> everyExampleGivesItsDocumentedResult() {
        return HelperLibrary.all().stream().map(helper -> DynamicTest.dynamicTest(helper.name(), () -> {
            JsonNode actual = evaluate(helper.example());
            assertThat(helper.expected()).as("%s has an expected result", helper.name()).isNotNull();
            assertThat(actual.toString()).as(helper.example()).isEqualTo(JSON.readTree(helper.expected()).toString());
        }));
    }

    @Test
    void theRegistryIsComplete() {
        Set<String> names = new HashSet<>();
        for (Helper helper : HelperLibrary.all()) {
            assertThat(names.add(helper.name())).as("unique " + helper.name()).isTrue();
            assertThat(helper.doc()).as(helper.name()).isNotBlank();
            assertThat(helper.signature()).as(helper.name()).startsWith(helper.name() + "(");
            assertThat(helper.example()).as(helper.name()).contains(helper.name() + "(");
            assertThat(HelperLibrary.categories()).as(helper.name()).contains(helper.category());
        }
        assertThat(names).contains("base", "dir", "ext", "join", "upper", "lower", "title", "trim", "abbreviate", "wrap",
                "padLeft", "escapeHtml", "escapeJson", "escapeXml", "escapeCsv", "escapeShell", "now", "formatDate",
                "parseDate", "addDuration", "diff", "ago", "humanBytes", "comma", "round", "base64", "hex", "urlEncode",
                "sha256", "md5", "uuid", "toJson", "fromJson", "query", "first", "lastOf", "sortBy", "groupBy", "uniq",
                "sum", "pluck");
        assertThat(HelperLibrary.all()).isSortedAccordingTo(java.util.Comparator.comparing(Helper::name));
    }

    @Test
    void searchFindsByNameCategoryAndDoc() {
        assertThat(HelperLibrary.search("BYTES")).extracting(Helper::name).contains("humanBytes", "parseBytes");
        assertThat(HelperLibrary.search("dates")).extracting(Helper::name).contains("ago", "now");
    }

    @Test
    void sizesAndDatesAtTheirEdges() {
        assertThat(evaluate("humanBytes(0)").asText()).isEqualTo("0 B");
        assertThat(evaluate("humanBytes(1023)").asText()).isEqualTo("1023 B");
        assertThat(evaluate("humanBytes(1024)").asText()).isEqualTo("1.0 KiB");
        assertThat(evaluate("humanBytes(5 * 1024 * 1024 * 1024)").asText()).isEqualTo("5.0 GiB");
        assertThat(evaluate("parseBytes('2MB')").asLong()).isEqualTo(2_000_000);
        assertThat(evaluate("formatDate('2026-01-01T00:30:00Z', 'yyyy-MM-dd HH:mm', 'America/New_York')").asText())
                .isEqualTo("2025-12-31 19:30");
        assertThat(evaluate("ago('2026-07-14T09:00:00Z', '2026-07-10T09:00:00Z')").asText()).isEqualTo("in 4 days");
        assertThat(evaluate("addDuration('2026-07-14T09:00:00Z', '-1d')").asText()).isEqualTo("2026-07-13T09:00:00Z");
    }

    @Test
    void textHelpersKeepQuotesAndCasesRight() {
        assertThat(evaluate("escapeShell(\"a'b c\")").asText()).isEqualTo("'a'\"'\"'b c'");
        assertThat(evaluate("snake('HTTPServerError code')").asText()).isEqualTo("http_server_error_code");
        assertThat(evaluate("sortBy([{n: 'x'}, {n: 'b', s: 1}, {n: 'a', s: 0}], 's').map(x => x.n)").toString())
                .isEqualTo("[\"a\",\"b\",\"x\"]");
        assertThat(evaluate("query({a: [{b: 1}, {b: 2}]}, '$.a[*].b')").toString()).isEqualTo("[1,2]");
    }

    @Test
    void wrongArgumentsNameTheHelper() {
        assertThatThrownBy(() -> evaluate("humanBytes('lots')")).isInstanceOf(TemplateException.class)
                .hasMessage("humanBytes(bytes): 'lots' is not a number");
        assertThatThrownBy(() -> evaluate("formatDate('yesterday', 'yyyy')"))
                .hasMessage("formatDate(iso, pattern, zone?): 'yesterday' is not an ISO-8601 date or instant");
        assertThatThrownBy(() -> evaluate("range(1e9)")).hasMessage("range(end) or range(start, end): range size 1000000000 is over the limit of 1000000");
        assertThatThrownBy(() -> evaluate("replaceAll('" + "a".repeat(30) + "', '(a*)*\\\\1b', 'x')"))
                .hasMessage("replaceAll(text, regex, replacement): the regex ran over the limit of 1000 ms");
    }

    @Test
    void resultsAreGuestValues() {
        assertThat(evaluate("range(3).map(x => x * 2)").toString()).isEqualTo("[0,2,4]");
        assertThat(evaluate("groupBy([{t: 'a'}], 't').a[0].t").asText()).isEqualTo("a");
        assertThat(evaluate("keys(fromJson('{\"x\": 1}'))").toString()).isEqualTo("[\"x\"]");
        assertThat(List.of(evaluate("uuid()").asText().length())).containsExactly(36);
    }
}
