package dev.homelab.core.render;

import dev.homelab.core.finding.Report;
import dev.homelab.core.finding.Severity;

/** The one-line summary shared by the human-readable formats. */
final class Summary {

  private Summary() {}

  static String line(Report report) {
    long errors = report.count(Severity.ERROR);
    long warnings = report.count(Severity.WARNING) + report.hidden(Severity.WARNING);
    long infos = report.count(Severity.INFO) + report.hidden(Severity.INFO);
    return plural(errors, "error")
        + ", "
        + plural(warnings, "warning")
        + notShown(report.hidden(Severity.WARNING))
        + ", "
        + infos
        + " info"
        + notShown(report.hidden(Severity.INFO))
        + ", "
        + report.exempted()
        + " exempted in "
        + plural(report.scope().files().size(), "file")
        + " and "
        + plural(report.scope().resources(), "resource");
  }

  private static String notShown(long hidden) {
    return hidden == 0 ? "" : " (not shown: --quiet)";
  }

  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
