package io.flowhost.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** When schedules fire: cron expressions and ISO-8601 repeating intervals. */
class RecurrenceTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static ZonedDateTime at(String text, ZoneId zone) {
        return ZonedDateTime.parse(text).withZoneSameInstant(zone);
    }

    @Test
    void fiveFieldCronIsCrontabsInTheScheduleZone() {
        Recurrence weekdays = Recurrence.cron("0 9 * * MON-FRI");

        ZonedDateTime friday = at("2026-07-03T10:00:00+02:00", PARIS);
        assertThat(weekdays.next(friday)).contains(at("2026-07-06T09:00:00+02:00", PARIS));
        assertThat(Recurrence.cron("@daily").next(friday)).contains(at("2026-07-04T00:00:00+02:00", PARIS));
    }

    @Test
    void sixFieldCronHasSecondsFirst() {
        ZonedDateTime now = at("2026-01-01T00:00:00.500Z", ZoneId.of("UTC"));

        assertThat(Recurrence.cron("*/10 * * * * *").next(now)).contains(at("2026-01-01T00:00:10Z", ZoneId.of("UTC")));
    }

    @Test
    void aRepeatingIntervalFiresFromItsStartOnItsPeriodAsCellsWritesIt() {
        Recurrence hourly = Recurrence.repeating("R/2026-01-01T00:00:00Z/PT1H");
        ZoneId utc = ZoneId.of("UTC");

        assertThat(hourly.next(at("2025-12-31T12:00:00Z", utc))).contains(at("2026-01-01T00:00:00Z", utc));
        assertThat(hourly.next(at("2026-03-05T10:00:00Z", utc))).contains(at("2026-03-05T11:00:00Z", utc));
        assertThat(hourly.next(at("2026-03-05T10:59:59Z", utc))).contains(at("2026-03-05T11:00:00Z", utc));
        assertThat(Recurrence.repeating("R2/2026-01-01T00:00:00Z/PT1H").next(at("2026-01-01T01:00:00Z", utc))).isEmpty();
        assertThat(Recurrence.repeating("R/2026-01-31T08:00:00+01:00/P1M").next(at("2026-02-01T00:00:00+01:00", PARIS)))
                .contains(at("2026-02-28T08:00:00+01:00", PARIS));
        assertThat(Recurrence.repeating("R/2026-01-01T00:00:00Z/P1W").next(at("2026-01-01T00:00:00Z", utc)))
                .contains(at("2026-01-08T00:00:00Z", utc));
    }

    @Test
    void malformedSchedulesSayWhatTheyShouldLookLike() {
        assertThatThrownBy(() -> Recurrence.cron("* * *")).hasMessage(
                "cron expression '* * *' has 3 fields; expected 5 (minute hour day month weekday) or 6 (seconds first)");
        assertThatThrownBy(() -> Recurrence.repeating("every hour")).hasMessage(
                "repeating interval 'every hour' is not R[n]/START/PERIOD, e.g. R/2026-01-01T00:00:00Z/PT1H");
        assertThatThrownBy(() -> Recurrence.repeating("R/2026-01-01T00:00:00Z/PT0S"))
                .hasMessage("repeating interval 'R/2026-01-01T00:00:00Z/PT0S': the period must be at least 1s");
        assertThatThrownBy(() -> Recurrence.repeating("R0/2026-01-01T00:00:00Z/PT1H"))
                .hasMessage("repeating interval 'R0/2026-01-01T00:00:00Z/PT1H': 'R0' must be R or R followed by how many times, e.g. R5");
    }
}
