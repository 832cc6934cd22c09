package dev.homelab.generator.cluster;

import java.util.ArrayList;
import java.util.List;

/** Renders Application statuses as a fixed-width text table, byte-identical for equal input. */
public final class StatusTable {
  private static final String[] HEADERS = {
    "NAME", "PROJECT", "SYNC", "HEALTH", "OPERATION", "MESSAGE"
  };
  private static final int MAX_MESSAGE = 120;
  private static final String GAP = "  ";

  private StatusTable() {}

  /**
   * The table (header plus one row per Application, in the given order) and the summary line; with
   * {@code unsettledOnly}, only the rows of Applications that are not settled, and no table when
   * every one is.
   */
  public static String render(StatusReport report, boolean unsettledOnly) {
    List<ApplicationStatus> shown =
        report.applications().stream().filter(app -> !unsettledOnly || !app.isSettled()).toList();
    if (shown.isEmpty() && unsettledOnly) {
      return report.summary() + "\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (ApplicationStatus app : shown) {
      rows.add(
          new String[] {
            app.name(),
            app.project(),
            app.sync(),
            app.health(),
            dashIfEmpty(app.operationPhase()),
            dashIfEmpty(oneLine(app.message()))
          });
    }
    int[] widths = new int[HEADERS.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - row[i].length())).append(GAP);
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.append('\n').append(report.summary()).append('\n').toString();
  }

  private static String dashIfEmpty(String value) {
    return value.isEmpty() ? "-" : value;
  }

  // Messages can span lines and run long; the table keeps one row per Application.
  private static String oneLine(String message) {
    String flat = message.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE - 3) + "...";
  }
}
