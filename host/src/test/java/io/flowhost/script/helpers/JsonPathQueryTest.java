package io.flowhost.script.helpers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What query still does over its budgeted provider, and what it refuses before Jayway runs. */
class JsonPathQueryTest {
    private static final Map<String, Object> DOCUMENT = Map.of(
            "users", List.of(Map.of("name", "ada", "age", 36L, "tags", List.of("x", "y")),
                    Map.of("name", "bob", "age", 17L, "tags", List.of())),
            "in", Map.of("all", 1L),
            "limit", 18L);

    private static Object query(String path) {
        return HelperLibrary.find("query").orElseThrow().function().apply(Arrays.asList(DOCUMENT, path));
    }

    @Test
    void pathsFiltersAndFunctionsWithoutArgumentsWork() {
        assertThat(query("$.users[?(@.age > $.limit)].name")).isEqualTo(List.of("ada"));
        assertThat(query("$.users[?(@.name in ['bob', 'eve'])].age")).isEqualTo(List.of(17L));
        assertThat(query("$.users[?(@.tags size 2)].name")).isEqualTo(List.of("ada"));
        assertThat(query("$.users[?(@.tags empty true)].name")).isEqualTo(List.of("bob"));
        assertThat(query("$..name")).isIn(List.of("ada", "bob"), List.of("bob", "ada"));
        assertThat(query("$.users.length()")).isEqualTo(2);
        assertThat(query("$.users[0].tags[-1]")).isEqualTo("y");
    }

    @Test
    void operatorNamesAsPropertiesOrInQuotesAreNotOperators() {
        assertThat(query("$.in.all")).isEqualTo(1L);
        assertThat(query("$['in']['all']")).isEqualTo(1L);
        assertThat(query("$.users[?(@.name == 'a =~ b contains c')].age")).isEqualTo(List.of());
    }

    @Test
    void aMissingPathIsNullAndAnEmptySelectionEmpty() {
        assertThat(query("$.nobody")).isNull();
        assertThat(query("$.users[?(@.age > 99)].name")).isEqualTo(List.of());
    }

    @Test
    void anInvalidPathNamesTheHelper() {
        assertThatThrownBy(() -> query("$.users[?(@.age >)]"))
                .hasMessageStartingWith("query(value, jsonPath): invalid JSONPath '$.users[?(@.age >)]': ");
    }
}
