package dev.homelab.validator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cron schedules the CronJob controller accepts, and why it refuses the others. */
class CronSchedulesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "30 3 * * *",
        "*/15 * * * *",
        "0 0 1,15 * *",
        "0 9-17 * * MON-FRI",
        "0 0 * JAN,jul sun",
        "5/10 * * * ?",
        "0 0 * * 0-6/2",
        "  0   4 * * *  ",
        "@daily",
        "@midnight",
        "@every 1h30m",
        "@every 90s",
        "@every 1.5h"
      })
  void acceptsWhatTheControllerParses(String schedule) {
    assertThat(CronSchedules.check(schedule)).isEmpty();
  }

  @Test
  void explainsWhatIsWrong() {
    assertThat(CronSchedules.check("0 30 3 * * *"))
        .contains("has 6 fields; a schedule has 5: minute, hour, day of month, month, day of week");
    assertThat(CronSchedules.check("0 24 * * *"))
        .contains("has hour \"24\", which is not a number from 0 to 23");
    assertThat(CronSchedules.check("0 0 0 * *"))
        .contains("has day of month \"0\", which is not a number from 1 to 31");
    assertThat(CronSchedules.check("0 0 * * 7"))
        .contains("has day of week \"7\", which is not a number from 0 to 6 or a name such as SUN");
    assertThat(CronSchedules.check("0 0 * FOO *"))
        .contains("has month \"FOO\", which is not a number from 1 to 12 or a name such as JAN");
    assertThat(CronSchedules.check("*/0 * * * *"))
        .contains("has minute \"*/0\", which needs a positive step after '/'");
    assertThat(CronSchedules.check("0 17-9 * * *"))
        .contains("has hour \"17-9\", which has a range that starts after it ends");
    assertThat(CronSchedules.check("0 0,,1 * * *")).isPresent();
    assertThat(CronSchedules.check("TZ=Europe/Berlin 0 3 * * *"))
        .contains("may not set a time zone; use the CronJob's spec.timeZone field");
    assertThat(CronSchedules.check("@fortnightly"))
        .hasValueSatisfying(r -> assertThat(r).startsWith("uses an unknown descriptor"));
    assertThat(CronSchedules.check("@every 1 hour"))
        .contains("has \"1 hour\" after @every, which is not a duration like 1h30m");
  }

  @Test
  void timeZonesComeFromTheIanaDatabase() {
    assertThat(CronSchedules.checkTimeZone("Europe/Berlin")).isEmpty();
    assertThat(CronSchedules.checkTimeZone("UTC")).isEmpty();
    assertThat(CronSchedules.checkTimeZone("Etc/GMT+5")).isEmpty();
    assertThat(CronSchedules.checkTimeZone("Europe/Berln"))
        .contains("is not a time zone of the IANA database, such as Europe/Berlin or UTC");
    assertThat(CronSchedules.checkTimeZone("europe/berlin")).isPresent();
    assertThat(CronSchedules.checkTimeZone("+01:00")).isPresent();
    assertThat(CronSchedules.checkTimeZone("local"))
        .contains("must name a zone explicitly, such as Europe/Berlin");
    assertThat(CronSchedules.checkTimeZone("")).isPresent();
  }
}
