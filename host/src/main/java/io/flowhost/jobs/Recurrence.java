package io.flowhost.jobs;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When a schedule fires: a cron expression, or an ISO-8601 repeating interval as Pydio Cells writes
 * them ({@code R/2026-01-01T00:00:00Z/PT1H}). Immutable and thread-safe.
 */
public sealed interface Recurrence {

    /**
     * The first firing strictly after {@code after}, in {@code after}'s zone.
     *
     * @return the time, or empty when the recurrence has no firing left
     */
    Optional<ZonedDateTime> next(ZonedDateTime after);

    /**
     * Reads a cron expression: five fields (minute hour day-of-month month day-of-week, as crontab
     * has them) or six (seconds first, as Spring has them); names ({@code MON}, {@code JAN}) and
     * macros ({@code @hourly}, {@code @daily}) are understood.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static Recurrence cron(String expression) {
        return Cronned.parse(expression);
    }

    /**
     * Reads a repeating interval {@code R[n]/START/PERIOD}: from {@code START} (a date-time with its
     * offset), every {@code PERIOD} ({@code PT10M}, {@code PT1H}, {@code P1D}, {@code P1W},
     * {@code P1M}), forever or {@code n} times.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static Recurrence repeating(String interval) {
        return Repeating.parse(interval);
    }

    /** A cron expression, evaluated by cron-utils. */
    record Cronned(String expression, ExecutionTime times) implements Recurrence {
        private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
        private static final CronParser SECONDS =
                new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

        static Cronned parse(String expression) {
            Objects.requireNonNull(expression, "expression");
            String text = expression.trim();
            int fields = text.isEmpty() ? 0 : text.split("\\s+").length;
            CronParser parser = fields == 6 || text.startsWith("@") ? SECONDS : UNIX;
            if (!text.startsWith("@") && fields != 5 && fields != 6) {
                throw new IllegalArgumentException("cron expression '" + expression + "' has " + fields
                        + " fields; expected 5 (minute hour day month weekday) or 6 (seconds first)");
            }
            try {
                Cron cron = parser.parse(text).validate();
                return new Cronned(expression, ExecutionTime.forCron(cron));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid cron expression '" + expression + "': "
                        + String.valueOf(e.getMessage()).replaceFirst("^Failed to parse cron expression\\. ", ""));
            }
        }

        @Override
        public Optional<ZonedDateTime> next(ZonedDateTime after) {
            return times.nextExecution(after);
        }
    }

    /**
     * {@code R[n]/START/PERIOD}.
     *
     * @param start  the first firing
     * @param exact  the period when it is a fixed duration ({@code PT...}, or days and weeks without months), else {@code null}
     * @param period the period when it counts months or years, else {@code null}
     * @param times  how many firings in all, or 0 for no end
     */
    record Repeating(String interval, ZonedDateTime start, Duration exact, Period period, long times) implements Recurrence {
        static Repeating parse(String interval) {
            Objects.requireNonNull(interval, "interval");
            String[] parts = interval.trim().split("/");
            if (parts.length != 3 || !parts[0].toUpperCase(Locale.ROOT).startsWith("R")) {
                throw new IllegalArgumentException("repeating interval '" + interval
                        + "' is not R[n]/START/PERIOD, e.g. R/2026-01-01T00:00:00Z/PT1H");
            }
            long times = 0;
            if (parts[0].length() > 1) {
                try {
                    times = Long.parseLong(parts[0].substring(1));
                } catch (NumberFormatException e) {
                    times = -1;
                }
                if (times < 1) {
                    throw new IllegalArgumentException("repeating interval '" + interval + "': '" + parts[0]
                            + "' must be R or R followed by how many times, e.g. R5");
                }
            }
            ZonedDateTime start;
            try {
                start = OffsetDateTime.parse(parts[1]).toZonedDateTime();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("repeating interval '" + interval + "': '" + parts[1]
                        + "' is not a date-time with an offset, e.g. 2026-01-01T00:00:00Z");
            }
            String text = parts[2].toUpperCase(Locale.ROOT);
            Duration exact = null;
            Period period = null;
            try {
                if (text.contains("T")) {
                    exact = Duration.parse(text);
                } else {
                    period = Period.parse(text);
                    if (period.toTotalMonths() == 0) {
                        exact = Duration.ofDays(period.getDays());
                        period = null;
                    }
                }
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new IllegalArgumentException("repeating interval '" + interval + "': '" + parts[2]
                        + "' is not an ISO-8601 period, e.g. PT10M, PT1H, P1D, P1W or P1M");
            }
            if (exact != null && (exact.isNegative() || exact.compareTo(Duration.ofSeconds(1)) < 0)
                    || period != null && period.isNegative()) {
                throw new IllegalArgumentException("repeating interval '" + interval + "': the period must be at least 1s");
            }
            return new Repeating(interval, start, exact, period, times);
        }

        @Override
        public Optional<ZonedDateTime> next(ZonedDateTime after) {
            ZonedDateTime from = start.withZoneSameInstant(after.getZone());
            long k;
            if (!after.isBefore(from)) {
                if (exact != null) {
                    k = Duration.between(from, after).dividedBy(exact) + 1;
                } else {
                    // months differ in length: start just before the estimate and walk forward
                    long months = Math.max(0, ChronoUnit.MONTHS.between(from, after) / Math.max(1, period.toTotalMonths()) - 1);
                    k = months;
                    while (!at(from, k).isAfter(after)) {
                        k++;
                    }
                }
            } else {
                k = 0;
            }
            if (times > 0 && k >= times) {
                return Optional.empty();
            }
            return Optional.of(at(from, k));
        }

        private ZonedDateTime at(ZonedDateTime from, long k) {
            return exact != null ? from.plus(exact.multipliedBy(k)) : from.plus(period.multipliedBy(Math.toIntExact(k)));
        }
    }
}
