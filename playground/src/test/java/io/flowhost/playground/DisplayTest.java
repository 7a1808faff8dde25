package io.flowhost.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class DisplayTest {
    @Test
    void jsonIsPrettyPrinted() {
        Session.Result nodes = SessionTest.photos().eval("{{ nodes.map(n => ({name: n.name})) }}");

        assertThat(Display.forPeople(nodes.value())).isEqualTo("""
                [
                  {
                    "name" : "beach.jpg"
                  },
                  {
                    "name" : "notes.txt"
                  },
                  {
                    "name" : "sunset.jpg"
                  }
                ]""");
        assertThat(Display.forPipes(nodes.value())).isEqualTo("[{\"name\":\"beach.jpg\"},{\"name\":\"notes.txt\"},{\"name\":\"sunset.jpg\"}]");
    }

    @Test
    void controlCharactersAreShownNotObeyed() {
        assertThat(Display.forPeople(TextNode.valueOf("\u001b[31mred\u001b[0m\r\u0007 \u202eevil"))).isEqualTo(
                "\\u001b[31mred\\u001b[0m\\u000d\\u0007 \\u202eevil");
        assertThat(Display.forPeople(TextNode.valueOf("two\nlines\tand a tab"))).isEqualTo("two\nlines\tand a tab");
        assertThat(Display.forPipes(TextNode.valueOf("\u001b[31m"))).isEqualTo("\u001b[31m");
    }

    @Test
    void trailingSpacesAndEmptyTextAreVisible() {
        assertThat(Display.forPeople(TextNode.valueOf("a  \nb \n c"))).isEqualTo("a\u2420\u2420\nb\u2420\n c");
        assertThat(Display.forPeople(TextNode.valueOf(""))).isEqualTo("\"\"");
    }

    @Test
    void longOutputIsCutWithANoteOfHowMuch() {
        Session.Result range = SessionTest.photos().eval("{{ range(0, 20000) }}");
        String shown = Display.forPeople(range.value());

        assertThat(shown.lines()).hasSize(Display.MAX_LINES + 1);
        assertThat(shown.lines().toList().get(Display.MAX_LINES))
                .isEqualTo("... cut: 168,667 more characters, 19,962 more lines (all of it is in 'last')");
        String oneLine = Display.forPeople(TextNode.valueOf("x".repeat(10_000)));
        assertThat(oneLine).hasSize(Display.MAX_CHARS + "\n... cut: 6,000 more characters (all of it is in 'last')".length())
                .endsWith("x\n... cut: 6,000 more characters (all of it is in 'last')");
    }
}
