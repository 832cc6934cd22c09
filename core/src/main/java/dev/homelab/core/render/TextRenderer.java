package dev.homelab.core.render;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.Report;
import dev.homelab.core.finding.Severity;
import java.io.IOException;
import java.util.Locale;

/** Findings grouped by file, one per line, then a summary line. */
final class TextRenderer implements Renderer {

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";

  private final boolean color;

  TextRenderer(boolean color) {
    this.color = color;
  }

  @Override
  public String format() {
    return "text";
  }

  @Override
  public void render(Report report, Appendable out) throws IOException {
    String file = null;
    for (Finding finding : report.findings()) {
      if (finding.isSuppressed()) {
        continue; // counted in the summary; the machine-readable formats list them
      }
      if (!finding.location().file().equals(file)) {
        if (file != null) {
          out.append('\n');
        }
        file = finding.location().file();
        out.append(paint(BOLD, visible(file))).append('\n');
      }
      String position = finding.location().line() + ":" + finding.location().column();
      String label = finding.isSuppressed() ? "exempt" : finding.severity().label();
      out.append("  ")
          .append(paint(DIM, pad(position, 8)))
          .append(paint(colorOf(finding), pad(label, 8)))
          .append(visible(finding.message()).replace("\n", "\n" + " ".repeat(20)))
          .append("  ")
          .append(paint(DIM, "[" + finding.ruleId() + "]"));
      if (finding.isSuppressed()) {
        out.append(paint(DIM, " (" + finding.suppression().reason() + ")"));
      }
      out.append('\n');
    }
    if (file != null) {
      out.append('\n');
    }
    boolean clean = report.count(Severity.ERROR) == 0 && report.count(Severity.WARNING) == 0;
    out.append(paint(clean ? BOLD : BOLD + RED, report.tool() + ": " + Summary.line(report)))
        .append('\n');
  }

  private String colorOf(Finding finding) {
    if (finding.isSuppressed()) {
      return DIM;
    }
    return switch (finding.severity()) {
      case ERROR -> RED;
      case WARNING -> YELLOW;
      case INFO -> CYAN;
    };
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }

  /**
   * Control characters other than line breaks and tabs spelled out as \\uXXXX, since a file's
   * content quoted in a message would otherwise move the cursor or recolour the terminal.
   */
  private static String visible(String text) {
    StringBuilder shown = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c != '\n' && c != '\t' && (c < 0x20 || (c >= 0x7f && c <= 0x9f))) {
        shown.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        shown.append(c);
      }
    }
    return shown.toString();
  }

  private static String pad(String text, int width) {
    StringBuilder padded = new StringBuilder(text);
    while (padded.length() < width) {
      padded.append(' ');
    }
    return padded.append(' ').toString();
  }
}
