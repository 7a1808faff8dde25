package io.flowhost.script.helpers;

import static io.flowhost.script.helpers.Args.helper;

import io.flowhost.api.Durations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/** Date helpers: ISO-8601 instants in and out, UTC unless a zone id is given. */
final class DateHelpers {
    private DateHelpers() {}

    static List<Helper> all() {
        return List.of(
                helper("now", "dates", "now()", "The current time as an ISO-8601 instant", "now().length > 0", "true",
                        a -> Instant.now().toString()),
                helper("formatDate", "dates", "formatDate(iso, pattern, zone?)",
                        "An instant written with a java.time pattern, in UTC or the zone",
                        "formatDate('2026-07-14T09:12:44Z', 'yyyy-MM-dd HH:mm', 'Europe/Paris')", "\"2026-07-14 11:12\"",
                        a -> formatter(a, 1).format(instant(a, 0).atZone(zone(a, 2)))),
                helper("parseDate", "dates", "parseDate(text, pattern, zone?)",
                        "Text read with a java.time pattern, as an ISO-8601 instant",
                        "parseDate('14/07/2026 09:12', 'dd/MM/yyyy HH:mm')", "\"2026-07-14T09:12:00Z\"", a -> {
                            String text = a.text(0, Bounds.DATE_TEXT);
                            DateTimeFormatter formatter = formatter(a, 1);
                            try {
                                TemporalAccessor parsed = formatter.parse(text);
                                ZoneId zone = zone(a, 2);
                                if (parsed.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)) {
                                    return LocalDateTime.from(parsed).atZone(zone).toInstant().toString();
                                }
                                return LocalDate.from(parsed).atStartOfDay(zone).toInstant().toString();
                            } catch (DateTimeException e) {
                                throw a.wrong("'" + text + "' does not match '" + a.text(1) + "'");
                            }
                        }),
                helper("addDuration", "dates", "addDuration(iso, duration)",
                        "An instant moved by a duration such as 1h30m (negative: '-1h')",
                        "addDuration('2026-07-14T09:00:00Z', '1h30m')", "\"2026-07-14T10:30:00Z\"", a -> {
                            // Durations.parse takes time that grows with the square of a long run of digits
                            String text = a.text(1, Bounds.SHORT_TEXT).trim();
                            boolean negative = text.startsWith("-");
                            Duration duration;
                            try {
                                duration = Durations.parse(negative ? text.substring(1) : text);
                            } catch (IllegalArgumentException e) {
                                throw a.wrong(e.getMessage());
                            }
                            try {
                                return instant(a, 0).plus(negative ? duration.negated() : duration).toString();
                            } catch (DateTimeException | ArithmeticException e) {
                                throw a.wrong("the result is out of the range of instants");
                            }
                        }),
                helper("diff", "dates", "diff(from, to)", "Milliseconds from one instant to another",
                        "diff('2026-07-14T09:00:00Z', '2026-07-14T09:01:30Z')", "90000",
                        a -> {
                            try {
                                return Duration.between(instant(a, 0), instant(a, 1)).toMillis();
                            } catch (ArithmeticException e) {
                                throw a.wrong("the instants are too far apart to count in milliseconds");
                            }
                        }),
                helper("ago", "dates", "ago(iso, now?)", "How long ago (or ahead) an instant is, in words",
                        "ago('2026-07-14T06:00:00Z', '2026-07-14T09:00:00Z')", "\"3 hours ago\"", a -> {
                            Instant now = a.has(1) ? instant(a, 1) : Instant.now();
                            return ago(Duration.between(instant(a, 0), now));
                        }),
                helper("toEpoch", "dates", "toEpoch(iso)", "Milliseconds since 1970-01-01T00:00:00Z",
                        "toEpoch('1970-01-01T00:00:01Z')", "1000", a -> {
                            try {
                                return instant(a, 0).toEpochMilli();
                            } catch (ArithmeticException e) {
                                throw a.wrong("the instant is too far from 1970 to count in milliseconds");
                            }
                        }),
                helper("fromEpoch", "dates", "fromEpoch(millis)", "An ISO-8601 instant from milliseconds since 1970",
                        "fromEpoch(86400000)", "\"1970-01-02T00:00:00Z\"",
                        a -> Instant.ofEpochMilli(a.whole(0)).toString()));
    }

    static Instant instant(Args a, int index) {
        String text = a.text(index, Bounds.SHORT_TEXT);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException last) {
                    throw a.wrong("'" + text + "' is not an ISO-8601 date or instant");
                }
            }
        }
    }

    private static DateTimeFormatter formatter(Args a, int index) {
        // a pattern's length bounds the text it writes ('p' pads) and the work of reading with it
        String pattern = a.text(index, Bounds.DATE_TEXT);
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw a.wrong("invalid pattern '" + pattern + "': " + e.getMessage());
        }
    }

    private static ZoneId zone(Args a, int index) {
        if (!a.has(index)) {
            return ZoneOffset.UTC;
        }
        String zone = a.text(index, Bounds.SHORT_TEXT);
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw a.wrong("unknown zone '" + zone + "'");
        }
    }

    static String ago(Duration elapsed) {
        boolean future = elapsed.isNegative();
        long seconds = Math.abs(elapsed.toSeconds());
        String amount;
        if (seconds < 45) {
            return future ? "in a few seconds" : "a few seconds ago";
        } else if (seconds < 90 * 60) {
            amount = plural(Math.max(1, Math.round(seconds / 60.0)), "minute");
        } else if (seconds < 36 * 3600) {
            amount = plural(Math.round(seconds / 3600.0), "hour");
        } else if (seconds < 45L * 86400) {
            amount = plural(Math.round(seconds / 86400.0), "day");
        } else if (seconds < 365L * 86400) {
            amount = plural(Math.round(seconds / (30.0 * 86400)), "month");
        } else {
            amount = plural(Math.round(seconds / (365.0 * 86400)), "year");
        }
        return future ? "in " + amount : amount + " ago";
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
