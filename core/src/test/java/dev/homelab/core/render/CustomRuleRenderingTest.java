package dev.homelab.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.Report;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.Region;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The rules of --policy-dir policies have no page in docs/rules/, so no report links to one. */
class CustomRuleRenderingTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final RuleInfo TEAM_MISSING =
      new RuleInfo(
          "deployment-team-missing",
          RuleInfo.CUSTOM_FAMILY,
          "Deployment without team label.",
          "",
          Severity.WARNING,
          "0.1.0",
          "Add the label team.");

  private static Report report() {
    Location deployment =
        new Location("gitops/applications/nginx/deployment.yaml", new Region(7, 3, 7, 9));
    return new Report(
        "policy",
        "1.2.3",
        List.of(TEAM_MISSING, SampleReport.WRONG_TYPE),
        List.of(
            Finding.of(TEAM_MISSING, deployment, "Deployment nginx-proxy has no team label"),
            Finding.of(SampleReport.WRONG_TYPE, deployment, "`spec.replicas` must be an integer"),
            new Finding(
                "rule-of-a-wasm-policy", Severity.ERROR, "no catalogue", deployment, null, null)),
        new Report.Scope(List.of(deployment.file()), 1));
  }

  private static String render(String format) throws IOException {
    StringBuilder out = new StringBuilder();
    Renderers.forFormat(format, false).orElseThrow().render(report(), out);
    return out.toString();
  }

  @Test
  void jsonLinksOnlyTheToolkitsRules() throws IOException {
    JsonNode findings = JSON.readTree(render("json")).get("findings");
    assertThat(findings).hasSize(3);
    for (JsonNode finding : findings) {
      boolean toolkit = finding.get("rule").asString().equals("wrong-type");
      assertThat(finding.has("help")).as(finding.toString()).isEqualTo(toolkit);
    }
  }

  @Test
  void sarifGivesACustomRuleNoHelpUri() throws IOException {
    JsonNode rules = JSON.readTree(render("sarif")).at("/runs/0/tool/driver/rules");
    JsonNode custom = rules.get(0);
    assertThat(custom.get("id").asString()).isEqualTo("deployment-team-missing");
    assertThat(custom.has("helpUri")).isFalse();
    assertThat(custom.at("/help/markdown").asString()).isEqualTo("Add the label team.");
    assertThat(custom.at("/properties/tags/0").asString()).isEqualTo("custom");
    assertThat(rules.get(1).get("helpUri").asString()).endsWith("/docs/rules/wrong-type.md");
  }

  @Test
  void junitLinksOnlyTheToolkitsRules() throws IOException {
    assertThat(render("junit"))
        .contains("docs/rules/wrong-type.md")
        .doesNotContain("docs/rules/deployment-team-missing.md")
        .doesNotContain("docs/rules/rule-of-a-wasm-policy.md");
  }
}
