package dev.homelab.core.render;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.Report;
import dev.homelab.core.source.Region;
import java.io.IOException;

/** GitHub Actions workflow commands, so findings show as annotations on the pull request. */
final class GithubRenderer implements Renderer {

  @Override
  public String format() {
    return "github";
  }

  @Override
  public void render(Report report, Appendable out) throws IOException {
    for (Finding finding : report.findings()) {
      if (finding.isSuppressed()) {
        continue;
      }
      String command =
          switch (finding.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "notice";
          };
      Region region = finding.location().region();
      out.append("::")
          .append(command)
          .append(" file=")
          .append(property(finding.location().file()))
          .append(",line=")
          .append(String.valueOf(region.line()))
          .append(",col=")
          .append(String.valueOf(region.column()))
          .append(",endLine=")
          .append(String.valueOf(region.endLine()))
          .append(",endColumn=")
          .append(String.valueOf(region.endColumn()))
          .append(",title=")
          .append(property(finding.ruleId()))
          .append("::")
          .append(data(finding.message()))
          .append('\n');
    }
    out.append(report.tool()).append(": ").append(Summary.line(report)).append('\n');
  }

  private static String data(String text) {
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String text) {
    return data(text).replace(":", "%3A").replace(",", "%2C");
  }
}
