package io.flowhost.script.helpers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.WordUtils;
import org.junit.jupiter.api.Test;

/**
 * The helpers rewritten to run in one pass give what the library calls and regexes they replace
 * gave, on many random texts made of the characters those care about.
 */
class OnePassRewritesTest {
    private static final Random RANDOM = new Random(20261123);

    private static Object call(String helper, Object... args) {
        return HelperLibrary.find(helper).orElseThrow().function().apply(Arrays.asList(args));
    }

    private static String random(String alphabet, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = RANDOM.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    @Test
    void wrapGivesWhatWordUtilsGave() {
        for (int i = 0; i < 20_000; i++) {
            String text = random("ab  \n", 30);
            int width = 1 + RANDOM.nextInt(8);
            assertThat(call("wrap", text, width)).as("wrap(%s, %d)", text, width)
                    .isEqualTo(WordUtils.wrap(text, width, "\n", true));
        }
    }

    @Test
    void pathsGiveWhatTheRegexesGave() {
        Pattern trailing = Pattern.compile("/+$");
        for (int i = 0; i < 20_000; i++) {
            String path = random("a/.:", 12);
            String trimmed = trailing.matcher(path).replaceAll("");
            trimmed = trimmed.isEmpty() && path.startsWith("/") ? "/" : trimmed;
            String base = trimmed.equals("/") ? "/" : trimmed.substring(trimmed.lastIndexOf('/') + 1);
            int slash = trimmed.lastIndexOf('/');
            assertThat(call("base", path)).as("base(%s)", path).isEqualTo(base);
            assertThat(call("dir", path)).as("dir(%s)", path)
                    .isEqualTo(slash < 0 ? "." : slash == 0 ? "/" : trimmed.substring(0, slash));

            String[] parts = {random("a/:", 5), random("a/:", 5), random("a/:", 5)};
            StringBuilder joined = new StringBuilder();
            for (String part : parts) {
                if (part.isEmpty()) {
                    continue;
                }
                if (!joined.isEmpty() && joined.charAt(joined.length() - 1) != '/') {
                    joined.append('/');
                }
                joined.append(joined.isEmpty() ? part : part.replaceFirst("^/+", ""));
            }
            assertThat(call("join", (Object[]) parts)).as("join%s", Arrays.toString(parts))
                    .isEqualTo(joined.toString().replaceAll("(?<!:)/{2,}", "/"));
        }
    }

    @Test
    void parseBytesReadsWhatTheRegexRead() {
        Pattern size = Pattern.compile("\\s*([0-9]*\\.?[0-9]+)\\s*([KMGTP]?)(i?)B?\\s*", Pattern.CASE_INSENSITIVE);
        for (int i = 0; i < 20_000; i++) {
            String text = random("12.. kKmMiIbBx\t", 8);
            Matcher m = size.matcher(text);
            if (m.matches()) {
                // the old code took "KMGTP".indexOf("") + 1 for a bare number, so parseBytes('2') was 2000
                int power = m.group(2).isEmpty() ? 0 : "KMGTP".indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
                double base = m.group(3).isEmpty() && power > 0 ? 1000 : 1024;
                Object expected = Args.numeric(Math.round(Double.parseDouble(m.group(1)) * Math.pow(base, power)));
                assertThat(call("parseBytes", text)).as("parseBytes(%s)", text).isEqualTo(expected);
            } else {
                assertThatThrownBy(() -> call("parseBytes", text)).as("parseBytes(%s)", text)
                        .hasMessageEndingWith("is not a size");
            }
        }
    }

    @Test
    void replaceAllGivesWhatMatcherGave() {
        String[] regexes = {"a", "(a)(b)?", "(?<x>b+)", "", "a*", "(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)(a|b)"};
        for (int i = 0; i < 5_000; i++) {
            String text = random("abc", 15);
            String regex = regexes[RANDOM.nextInt(regexes.length)];
            String replacement = random("x$0$1$2$11\\\\${x}", 6);
            Object expected;
            try {
                expected = Pattern.compile(regex).matcher(text).replaceAll(replacement);
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                expected = null;
            }
            if (expected == null) {
                assertThatThrownBy(() -> call("replaceAll", text, regex, replacement))
                        .as("replaceAll(%s, %s, %s)", text, regex, replacement)
                        .hasMessageContaining("invalid replacement");
            } else {
                assertThat(call("replaceAll", text, regex, replacement)).as("replaceAll(%s, %s, %s)", text, regex, replacement)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void caseHelpersGiveWhatStringGave() {
        String alphabet = "aAßİıiIΣσςﬀŉ ἀᾀ.'\u0307";
        for (int i = 0; i < 20_000; i++) {
            String text = random(alphabet, 700);
            assertThat(call("upper", text)).as("upper of %s", text).isEqualTo(text.toUpperCase(Locale.ROOT));
            assertThat(call("lower", text)).as("lower of %s", text).isEqualTo(text.toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void urlEncodeStillGivesWhatUrlEncoderGave() {
        for (int i = 0; i < 5_000; i++) {
            String text = random("aZ09.-*_ +/%&é€\uD83D\uDE00\uD83D", 10);
            assertThat(call("urlEncode", text)).as("urlEncode(%s)", text.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }

    @Test
    void uniqKeepsWhatALinkedHashSetKept() {
        for (int i = 0; i < 5_000; i++) {
            List<Object> list = new ArrayList<>();
            for (int j = RANDOM.nextInt(8); j > 0; j--) {
                Object[] choices = {1L, 1.0, "1", null, List.of(1L), List.of("1"), Map.of("a", 1L, "b", 2L),
                        new java.util.LinkedHashMap<>(Map.of("b", 2L)), "s1:", List.of()};
                list.add(choices[RANDOM.nextInt(choices.length)]);
            }
            assertThat(call("uniq", list)).as("uniq(%s)", list).isEqualTo(new ArrayList<>(new LinkedHashSet<>(list)));
        }
    }
}
