package dev.homelab.core.render;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.Report;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JUnit XML with one testsuite per file: a file without findings is one passing test, each finding
 * is a failed test, and each exempted finding a skipped one.
 */
final class JunitRenderer implements Renderer {

  @Override
  public String format() {
    return "junit";
  }

  @Override
  public void render(Report report, Appendable out) throws IOException {
    Map<String, List<Finding>> byFile = new LinkedHashMap<>();
    for (String file : report.scope().files()) {
      byFile.put(file, new ArrayList<>());
    }
    for (Finding finding : report.findings()) {
      byFile.computeIfAbsent(finding.location().file(), f -> new ArrayList<>()).add(finding);
    }
    List<String> files = new ArrayList<>(byFile.keySet());
    files.sort(null);
    int tests = 0;
    int failures = 0;
    int skipped = 0;
    for (String file : files) {
      List<Finding> findings = byFile.get(file);
      tests += Math.max(1, findings.size());
      for (Finding finding : findings) {
        if (finding.isSuppressed()) {
          skipped++;
        } else {
          failures++;
        }
      }
    }
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuites name=\"homelab ")
        .append(xml(report.tool()))
        .append("\" tests=\"")
        .append(String.valueOf(tests))
        .append("\" failures=\"")
        .append(String.valueOf(failures))
        .append("\" errors=\"0\" skipped=\"")
        .append(String.valueOf(skipped))
        .append("\">\n");
    for (String file : files) {
      suite(report, file, byFile.get(file), out);
    }
    out.append("</testsuites>\n");
  }

  private static void suite(Report report, String file, List<Finding> findings, Appendable out)
      throws IOException {
    long failed = findings.stream().filter(f -> !f.isSuppressed()).count();
    long skipped = findings.size() - failed;
    out.append("  <testsuite name=\"")
        .append(xml(file))
        .append("\" tests=\"")
        .append(String.valueOf(Math.max(1, findings.size())))
        .append("\" failures=\"")
        .append(String.valueOf(failed))
        .append("\" errors=\"0\" skipped=\"")
        .append(String.valueOf(skipped))
        .append("\">\n");
    if (findings.isEmpty()) {
      out.append("    <testcase classname=\"")
          .append(xml(file))
          .append("\" name=\"no findings\"/>\n");
    }
    for (Finding finding : findings) {
      String position = finding.location().line() + ":" + finding.location().column();
      out.append("    <testcase classname=\"")
          .append(xml(file))
          .append("\" name=\"")
          .append(xml(position + " " + finding.ruleId()))
          .append("\">\n");
      if (finding.isSuppressed()) {
        out.append("      <skipped message=\"")
            .append(xml("exempted: " + finding.suppression().reason()))
            .append("\"/>\n");
      } else {
        out.append("      <failure type=\"")
            .append(finding.severity().label())
            .append("\" message=\"")
            .append(xml(finding.message()))
            .append("\">")
            .append(
                xml(
                    file
                        + ":"
                        + position
                        + ": "
                        + finding.message()
                        + report.helpUri(finding.ruleId()).map(help -> "\n" + help).orElse("")))
            .append("</failure>\n");
      }
      out.append("    </testcase>\n");
    }
    out.append("  </testsuite>\n");
  }

  private static String xml(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\n' -> escaped.append("&#10;");
                case '\r' -> escaped.append("&#13;");
                case '\t' -> escaped.append("&#9;");
                default -> {
                  if (allowedInXml(c)) {
                    escaped.appendCodePoint(c);
                  } else {
                    // XML 1.0 has no way to write these, not even as &#1;, so they are spelled out.
                    escaped.append(String.format(Locale.ROOT, "\\u%04X", c));
                  }
                }
              }
            });
    return escaped.toString();
  }

  private static boolean allowedInXml(int c) {
    return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
  }
}
