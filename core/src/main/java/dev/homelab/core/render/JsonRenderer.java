package dev.homelab.core.render;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.Report;
import dev.homelab.core.finding.ResourceRef;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.source.Region;
import java.io.IOException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The report as one JSON object, for scripts. */
final class JsonRenderer implements Renderer {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Override
  public String format() {
    return "json";
  }

  @Override
  public void render(Report report, Appendable out) throws IOException {
    ObjectNode root = JSON.objectNode();
    root.put("tool", report.tool());
    root.put("version", report.version());
    ObjectNode summary = root.putObject("summary");
    summary.put("errors", report.count(Severity.ERROR));
    summary.put("warnings", report.count(Severity.WARNING));
    summary.put("infos", report.count(Severity.INFO));
    summary.put("exempted", report.exempted());
    summary.put("files", report.scope().files().size());
    summary.put("resources", report.scope().resources());
    ArrayNode findings = root.putArray("findings");
    for (Finding finding : report.findings()) {
      ObjectNode node = findings.addObject();
      node.put("rule", finding.ruleId());
      node.put("severity", finding.severity().label());
      node.put("message", finding.message());
      node.put("file", finding.location().file());
      Region region = finding.location().region();
      node.put("line", region.line());
      node.put("column", region.column());
      node.put("endLine", region.endLine());
      node.put("endColumn", region.endColumn());
      ResourceRef resource = finding.resource();
      if (resource != null) {
        ObjectNode ref = node.putObject("resource");
        ref.put("apiVersion", resource.apiVersion());
        ref.put("kind", resource.kind());
        ref.put("namespace", resource.namespace());
        ref.put("name", resource.name());
      }
      report.helpUri(finding.ruleId()).ifPresent(help -> node.put("help", help));
      if (finding.isSuppressed()) {
        ObjectNode exemption = node.putObject("exemption");
        exemption.put("reason", finding.suppression().reason());
        exemption.put("source", finding.suppression().source());
      }
    }
    out.append(JsonText.pretty(root)).append('\n');
  }
}
