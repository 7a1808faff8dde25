package io.flowhost.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README promises what docs/security.md promises, word for word, and the tests it names exist. */
class SecurityDocsTest {
    private static final Path ROOT = Path.of(System.getProperty("flowhost.root", "..")).toAbsolutePath().normalize();

    private static String promises(Path file) throws IOException {
        String text = Files.readString(file);
        int start = text.indexOf("**The sandbox** is deny-by-default");
        int end = text.indexOf("the host and other tasks go on.", start);
        assertThat(start).as("the promises in %s", file).isNotNegative();
        assertThat(end).as("the end of the promises in %s", file).isPositive();
        return String.join(" ", text.substring(start, end).split("\\s+"));
    }

    @Test
    void theReadmeMakesTheSamePromisesAsTheSecurityPage() throws IOException {
        assertThat(promises(ROOT.resolve("README.md"))).isEqualTo(promises(ROOT.resolve("docs/security.md")));
    }

    @Test
    void everyTestClassTheSecurityPageNamesExists() throws IOException {
        String text = Files.readString(ROOT.resolve("docs/security.md"));
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("`([A-Z][A-Za-z]+Test)[.`]").matcher(text);
        int count = 0;
        while (named.find()) {
            count++;
            String name = named.group(1);
            try (var files = Files.walk(ROOT.resolve("host/src/test/java"))) {
                assertThat(files.anyMatch(file -> file.getFileName().toString().equals(name + ".java")))
                        .as("test class %s named by docs/security.md", name).isTrue();
            }
        }
        assertThat(count).isGreaterThan(5);
    }
}
