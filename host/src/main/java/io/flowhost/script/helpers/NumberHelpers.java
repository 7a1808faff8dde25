package io.flowhost.script.helpers;

import static io.flowhost.script.helpers.Args.helper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/** Numbers and sizes. Sizes use binary units (1 KiB = 1024 bytes), as file managers on Linux do. */
final class NumberHelpers {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    /** Past this many digits after the point, no double changes when rounded (see {@code round}). */
    private static final int ROUND_DIGITS = 400;

    private NumberHelpers() {}

    static List<Helper> all() {
        return List.of(
                helper("humanBytes", "numbers", "humanBytes(bytes)", "A size in bytes for people, binary units",
                        "humanBytes(1536)", "\"1.5 KiB\"", a -> humanBytes(a.number(0))),
                helper("parseBytes", "numbers", "parseBytes(text)", "A size such as '1.5 KiB' or '2MB' in bytes (KB = 1000, KiB = 1024)",
                        "parseBytes('1.5 KiB')", "1536", NumberHelpers::parseBytes),
                helper("comma", "numbers", "comma(number)", "A number with thousands separators",
                        "comma(1234567.5)", "\"1,234,567.5\"", a -> {
                            DecimalFormat format = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
                            return format.format(a.number(0));
                        }),
                helper("round", "numbers", "round(number, digits?)", "Rounded half up to digits after the point (default 0)",
                        "round(3.14159, 2)", "3.14", a -> {
                            double number = a.number(0);
                            long digits = a.whole(1, 0);
                            if (!Double.isFinite(number)) {
                                return number;
                            }
                            // a double has at most 17 significant digits and no digit past the 340th after the
                            // point, and none is as large as 10^400: clamping the scale changes no result, and
                            // spares a BigDecimal of millions of digits (round(1.5, 2e7) took a minute and 1.4 GB)
                            int scale = (int) Math.max(-ROUND_DIGITS, Math.min(ROUND_DIGITS, digits));
                            BigDecimal value = BigDecimal.valueOf(number).setScale(scale, RoundingMode.HALF_UP);
                            return Args.numeric(value.doubleValue());
                        }));
    }

    /**
     * The grammar of {@code \s*([0-9]*\.?[0-9]+)\s*([KMGTP]?)(i?)B?\s*} (ignoring case), read in one
     * pass: as a regex it backtracked quadratically over a long run of digits.
     */
    private static Object parseBytes(Args a) {
        String text = a.text(0);
        int i = spaces(text, 0);
        int start = i;
        i = digits(text, i);
        boolean whole = i > start;
        if (i < text.length() && text.charAt(i) == '.') {
            int fraction = i + 1;
            i = digits(text, fraction);
            whole = i > fraction;
        }
        if (!whole) {
            throw a.wrong(Args.quote(text) + " is not a size");
        }
        String number = text.substring(start, i);
        i = spaces(text, i);
        int power = 0;
        if (i < text.length() && "KMGTP".indexOf(Character.toUpperCase(text.charAt(i))) >= 0) {
            power = "KMGTP".indexOf(Character.toUpperCase(text.charAt(i))) + 1;
            i++;
        }
        boolean binary = i < text.length() && (text.charAt(i) == 'i' || text.charAt(i) == 'I');
        if (binary) {
            i++;
        }
        if (i < text.length() && (text.charAt(i) == 'b' || text.charAt(i) == 'B')) {
            i++;
        }
        if (spaces(text, i) != text.length()) {
            throw a.wrong(Args.quote(text) + " is not a size");
        }
        double bytes = Math.round(Double.parseDouble(number) * Math.pow(!binary && power > 0 ? 1000 : 1024, power));
        if (bytes >= 0x1p63) {
            throw a.wrong(Args.quote(text) + " is too large a size");
        }
        return Args.numeric(bytes);
    }

    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** Past the white space {@code \s} matches: space, tab, line feed, vertical tab, form feed, return. */
    private static int spaces(String text, int from) {
        int i = from;
        while (i < text.length() && " \t\n\u000B\f\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
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
        String tenths = Double.isInfinite(value) ? "Infinity" : tenths(value);
        return sign + tenths + " " + UNITS[unit];
    }

    /**
     * What {@code String.format("%.1f")} prints: the shortest decimal of the double, rounded half up to
     * one digit after the point. Rounded on the decimal's text, without a format string or a BigDecimal
     * per call (a third of a {@code humanBytes} template's time went there).
     *
     * @param value a finite number, not negative
     */
    static String tenths(double value) {
        String decimal = Double.toString(value);
        if (decimal.indexOf('E') >= 0) {
            return new BigDecimal(decimal).setScale(1, RoundingMode.HALF_UP).toPlainString();
        }
        int point = decimal.indexOf('.');
        char first = decimal.charAt(point + 1);
        if (point + 2 >= decimal.length() || decimal.charAt(point + 2) < '5') {
            return decimal.substring(0, point + 2);
        }
        char[] digits = (decimal.substring(0, point) + first).toCharArray();
        int i = digits.length - 1;
        while (i >= 0 && digits[i] == '9') {
            digits[i--] = '0';
        }
        if (i >= 0) {
            digits[i]++;
        }
        String rounded = (i < 0 ? "1" : "") + new String(digits);
        return rounded.substring(0, rounded.length() - 1) + "." + rounded.charAt(rounded.length() - 1);
    }
}
