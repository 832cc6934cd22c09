package dev.homelab.core.render;

import dev.homelab.core.ToolInfo;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.Report;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.source.Region;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: one run, the rule catalogue, one result per
 * finding.
 */
final class SarifRenderer implements Renderer {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String SRCROOT = "%SRCROOT%";
  private static final String HEX = "0123456789ABCDEF";

  @Override
  public String format() {
    return "sarif";
  }

  @Override
  public void render(Report report, Appendable out) throws IOException {
    ObjectNode root = JSON.objectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", ToolInfo.NAME + "-" + report.tool());
    driver.put("version", report.version());
    driver.put("informationUri", ToolInfo.INFORMATION_URI);
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (RuleInfo rule : report.rules()) {
      ruleIndex.put(rule.id(), ruleIndex.size());
      ObjectNode entry = rules.addObject();
      entry.put("id", rule.id());
      entry.put("name", pascalCase(rule.id()));
      entry.putObject("shortDescription").put("text", rule.summary());
      entry
          .putObject("fullDescription")
          .put("text", rule.description().isEmpty() ? rule.summary() : rule.description());
      ObjectNode help = entry.putObject("help");
      help.put("text", rule.remediation());
      help.put(
          "markdown",
          rule.remediation()
              + rule.helpUri().map(uri -> "\n\nSee [" + rule.id() + "](" + uri + ").").orElse(""));
      rule.helpUri().ifPresent(uri -> entry.put("helpUri", uri));
      entry.putObject("defaultConfiguration").put("level", level(rule.severity()));
      ObjectNode properties = entry.putObject("properties");
      properties.putArray("tags").add(rule.family());
      properties.put("precision", "very-high");
    }
    run.put("columnKind", "unicodeCodePoints");
    ArrayNode results = run.putArray("results");
    for (Finding finding : report.findings()) {
      ObjectNode result = results.addObject();
      result.put("ruleId", finding.ruleId());
      Integer index = ruleIndex.get(finding.ruleId());
      if (index != null) {
        result.put("ruleIndex", index);
      }
      result.put("level", level(finding.severity()));
      result.putObject("message").put("text", finding.message());
      ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
      ObjectNode artifact = physical.putObject("artifactLocation");
      artifact.put("uri", uri(finding.location().file()));
      artifact.put("uriBaseId", SRCROOT);
      Region region = finding.location().region();
      ObjectNode sarifRegion = physical.putObject("region");
      sarifRegion.put("startLine", region.line());
      sarifRegion.put("startColumn", region.column());
      sarifRegion.put("endLine", region.endLine());
      sarifRegion.put("endColumn", region.endColumn());
      result.putObject("partialFingerprints").put("homelabFinding/v1", fingerprint(finding));
      if (finding.isSuppressed()) {
        ObjectNode suppression = result.putArray("suppressions").addObject();
        // SARIF's inSource is a suppression written in the analysed file, as an annotation is.
        suppression.put("kind", finding.suppression().inSource() ? "inSource" : "external");
        suppression.put("justification", finding.suppression().reason());
      }
    }
    out.append(JsonText.pretty(root)).append('\n');
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /**
   * A relative URI reference for a display path: its UTF-8 bytes percent-encoded except for RFC
   * 3986's unreserved characters, sub-delimiters, '@' and '/'. A ':' is encoded too, since in the
   * first segment it would make the path read as a scheme.
   */
  static String uri(String path) {
    StringBuilder uri = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=@/".indexOf(c) >= 0)) {
        uri.append((char) c);
      } else {
        uri.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
      }
    }
    return uri.toString();
  }

  private static String pascalCase(String id) {
    StringBuilder name = new StringBuilder();
    for (String part : id.split("-")) {
      if (!part.isEmpty()) {
        name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return name.toString();
  }

  /** Stable across line moves, so a finding keeps its identity when lines are added above it. */
  private static String fingerprint(Finding finding) {
    String identity =
        finding.ruleId()
            + "|"
            + finding.location().file()
            + "|"
            + (finding.resource() == null ? "" : finding.resource().display())
            + "|"
            + finding.message();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
