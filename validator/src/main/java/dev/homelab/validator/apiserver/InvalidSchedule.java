package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import java.util.ArrayList;
import java.util.List;

/** A CronJob schedule or time zone that the API server cannot parse. */
final class InvalidSchedule extends ObjectRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "invalid-schedule",
          "schema",
          "A CronJob's schedule is not a cron expression the API server accepts, or its time zone"
              + " is not a known one.",
          "The schedule is five fields (minute, hour, day of month, month, day of week) or a"
              + " descriptor such as @daily or @every 6h; a sixth field for seconds, a value out"
              + " of range or a time zone prefix makes the API server refuse the CronJob, as does a"
              + " spec.timeZone outside the IANA database; a backup that never runs is found out"
              + " late.",
          Severity.ERROR,
          "0.1.0",
          "Write the schedule in five fields, such as \"30 3 * * *\" for 03:30 every day, and set"
              + " a time zone with spec.timeZone.");

  InvalidSchedule() {
    super(INFO);
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    if (resource.kind().equals("CronJob") && resource.group().equals("batch")) {
      checkValue(resource, "/spec/schedule", "schedule", CronSchedules::check, findings);
      checkValueOrEmpty(
          resource, "/spec/timeZone", "timeZone", CronSchedules::checkTimeZone, findings);
    }
    return findings;
  }
}
