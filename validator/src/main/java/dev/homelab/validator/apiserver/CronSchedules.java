package dev.homelab.validator.apiserver;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Cron schedules as the CronJob controller parses them (five fields, or a descriptor such as
 * {@code @daily} or {@code @every 1h}). Each check returns why a schedule fails, or empty.
 */
final class CronSchedules {

  private record Field(String name, int min, int max, List<String> names) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("minute", 0, 59, List.of()),
          new Field("hour", 0, 23, List.of()),
          new Field("day of month", 1, 31, List.of()),
          new Field(
              "month",
              1,
              12,
              List.of(
                  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                  "dec")),
          new Field("day of week", 0, 6, List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat")));

  private static final Set<String> DESCRIPTORS =
      Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final Pattern GO_DURATION =
      Pattern.compile("(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:ns|us|µs|ms|s|m|h))+");

  /** Java's copy of the IANA database, which holds the names the API server loads. */
  private static final class Zones {
    // Read on the first CronJob with a timeZone only, not by every run that sees a CronJob.
    static final Set<String> ALL = Set.copyOf(ZoneId.getAvailableZoneIds());
  }

  private CronSchedules() {}

  static Optional<String> check(String schedule) {
    String trimmed = schedule.trim();
    if (trimmed.startsWith("TZ=") || trimmed.startsWith("CRON_TZ=")) {
      return Optional.of("may not set a time zone; use the CronJob's spec.timeZone field");
    }
    if (trimmed.startsWith("@")) {
      if (DESCRIPTORS.contains(trimmed)) {
        return Optional.empty();
      }
      if (trimmed.startsWith("@every ")) {
        String duration = trimmed.substring("@every ".length()).trim();
        return GO_DURATION.matcher(duration).matches()
            ? Optional.empty()
            : Optional.of(
                "has \"" + duration + "\" after @every, which is not a duration like 1h30m");
      }
      return Optional.of(
          "uses an unknown descriptor; the known ones are @yearly, @monthly, @weekly, @daily,"
              + " @hourly and @every <duration>");
    }
    String[] fields = trimmed.split("\\s+");
    if (fields.length != FIELDS.size()) {
      return Optional.of(
          "has "
              + fields.length
              + " fields; a schedule has 5: minute, hour, day of month, month, day of week");
    }
    for (int i = 0; i < fields.length; i++) {
      Optional<String> problem = checkField(fields[i], FIELDS.get(i));
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  /** A CronJob's {@code spec.timeZone}: a name from the IANA time zone database. */
  static Optional<String> checkTimeZone(String zone) {
    if (zone.isEmpty()) {
      return Optional.of("may not be empty; leave timeZone out to use the controller's zone");
    }
    if (zone.equalsIgnoreCase("Local")) {
      return Optional.of("must name a zone explicitly, such as Europe/Berlin");
    }
    return Zones.ALL.contains(zone)
        ? Optional.empty()
        : Optional.of("is not a time zone of the IANA database, such as Europe/Berlin or UTC");
  }

  private static Optional<String> checkField(String text, Field field) {
    for (String part : text.split(",", -1)) {
      Optional<String> problem = checkRange(part, field);
      if (problem.isPresent()) {
        return Optional.of("has " + field.name() + " \"" + text + "\", which " + problem.get());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> checkRange(String part, Field field) {
    String[] stepped = part.split("/", -1);
    if (stepped.length > 2) {
      return Optional.of("has more than one '/'");
    }
    if (stepped.length == 2) {
      Integer step = number(stepped[1]);
      if (step == null || step <= 0) {
        return Optional.of("needs a positive step after '/'");
      }
    }
    String range = stepped[0];
    if (range.equals("*") || range.equals("?")) {
      return Optional.empty();
    }
    String[] bounds = range.split("-", -1);
    if (bounds.length > 2) {
      return Optional.of("has more than one '-' in a range");
    }
    Integer start = value(bounds[0], field);
    Integer end = bounds.length == 2 ? value(bounds[1], field) : start;
    if (start == null || end == null) {
      return Optional.of(
          "is not a number from " + field.min() + " to " + field.max() + namesHint(field));
    }
    if (start > end) {
      return Optional.of("has a range that starts after it ends");
    }
    return Optional.empty();
  }

  private static Integer value(String text, Field field) {
    int named = field.names().indexOf(text.toLowerCase(Locale.ROOT));
    Integer number = named >= 0 ? Integer.valueOf(named + field.min()) : number(text);
    return number != null && number >= field.min() && number <= field.max() ? number : null;
  }

  private static Integer number(String text) {
    if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Integer.parseInt(text);
  }

  private static String namesHint(Field field) {
    return field.names().isEmpty()
        ? ""
        : " or a name such as " + field.names().get(0).toUpperCase(Locale.ROOT);
  }
}
