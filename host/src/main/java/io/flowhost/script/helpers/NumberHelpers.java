package io.flowhost.script.helpers;

import static io.flowhost.script.helpers.Args.helper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Numbers and sizes. Sizes use binary units (1 KiB = 1024 bytes), as file managers on Linux do. */
final class NumberHelpers {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]*\\.?[0-9]+)\\s*([KMGTP]?)(i?)B?\\s*", Pattern.CASE_INSENSITIVE);

    private NumberHelpers() {}

    static List<Helper> all() {
        return List.of(
                helper("humanBytes", "numbers", "humanBytes(bytes)", "A size in bytes for people, binary units",
                        "humanBytes(1536)", "\"1.5 KiB\"", a -> humanBytes(a.number(0))),
                helper("parseBytes", "numbers", "parseBytes(text)", "A size such as '1.5 KiB' or '2MB' in bytes (KB = 1000, KiB = 1024)",
                        "parseBytes('1.5 KiB')", "1536", a -> {
                            Matcher m = SIZE.matcher(a.text(0));
                            if (!m.matches()) {
                                throw a.wrong("'" + a.text(0) + "' is not a size");
                            }
                            int power = "KMGTP".indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
                            double base = m.group(3).isEmpty() && power > 0 ? 1000 : 1024;
                            return Args.numeric(Math.round(Double.parseDouble(m.group(1)) * Math.pow(base, power)));
                        }),
                helper("comma", "numbers", "comma(number)", "A number with thousands separators",
                        "comma(1234567.5)", "\"1,234,567.5\"", a -> {
                            DecimalFormat format = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
                            return format.format(a.number(0));
                        }),
                helper("round", "numbers", "round(number, digits?)", "Rounded half up to digits after the point (default 0)",
                        "round(3.14159, 2)", "3.14", a -> {
                            BigDecimal value = BigDecimal.valueOf(a.number(0)).setScale((int) a.whole(1, 0), RoundingMode.HALF_UP);
                            return Args.numeric(value.doubleValue());
                        }));
    }

    static String humanBytes(double bytes) {
        double value = Math.abs(bytes);
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String sign = bytes < 0 ? "-" : "";
        if (unit == 0) {
            return sign + Args.number(value) + " B";
        }
        return sign + String.format(Locale.ROOT, "%.1f", value) + " " + UNITS[unit];
    }
}
