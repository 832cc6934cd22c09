package dev.homelab.generator.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.docs.RuleReference;
import dev.homelab.core.finding.CoreRules;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.ToolkitRules;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.policy.PolicyCheck;
import dev.homelab.validator.conventions.ConventionRules;
import dev.homelab.validator.schema.SchemaRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/rules/ is generated from every rule's metadata (core, schema, conventions, policies), and so
 * is core's list of every rule id; this test is how CI notices a stale or missing page or list.
 * Regenerate with scripts/update-docs.sh.
 */
class RuleReferenceTest {

  static List<RuleInfo> allRules() {
    List<RuleInfo> rules = new ArrayList<>();
    rules.addAll(CoreRules.ALL);
    rules.addAll(SchemaRules.ALL);
    rules.addAll(ConventionRules.infos());
    rules.addAll(PolicyCheck.bundledRules());
    return rules;
  }

  @Test
  void everyRuleHasCompleteMetadataAndAUniqueId() {
    Set<String> ids = new HashSet<>();
    for (RuleInfo rule : allRules()) {
      assertThat(ids.add(rule.id())).as("rule id used twice: " + rule.id()).isTrue();
      assertThat(rule.summary()).as(rule.id() + " summary").isNotBlank().endsWith(".");
      assertThat(rule.description()).as(rule.id() + " description").isNotBlank();
      assertThat(rule.remediation()).as(rule.id() + " remediation").isNotBlank().endsWith(".");
      assertThat(rule.since()).as(rule.id() + " since").matches("\\d+\\.\\d+\\.\\d+");
    }
    assertThat(ids).hasSizeGreaterThan(60);
  }

  /**
   * A restating rule names a rule of another family that a run of both tools also has, with the
   * same severity, which restates none itself: check keeps that one's finding in place of its own.
   */
  @Test
  void everyRestatedRuleIsAnotherFamilysRuleOfTheSameSeverity() {
    Map<String, RuleInfo> byId = new HashMap<>();
    allRules().forEach(rule -> byId.put(rule.id(), rule));
    List<String> restating = new ArrayList<>();
    for (RuleInfo rule : allRules()) {
      if (rule.restates().isEmpty()) {
        continue;
      }
      restating.add(rule.id());
      RuleInfo kept = byId.get(rule.restates());
      assertThat(kept).as(rule.id() + " restates an unknown rule").isNotNull();
      assertThat(kept.family())
          .as(rule.id() + " restates a rule of its own family")
          .isNotEqualTo(rule.family());
      assertThat(kept.severity()).as(rule.id() + " severity").isEqualTo(rule.severity());
      assertThat(kept.restates()).as(kept.id() + " is restated, so restates none").isEmpty();
    }
    assertThat(restating)
        .containsExactlyInAnyOrder("allowlist-middleware-missing", "route-host-outside-domain");
  }

  /**
   * A rule whose findings are all in homelab.yaml, where no annotation reaches, offers only the
   * homelab.yaml entry whose selector matches them.
   */
  @Test
  void aRuleReportedInHomelabYamlOffersOnlyTheEntryThatMatches() {
    Map<String, String> pages = RuleReference.pages(allRules());
    for (String id : List.of("namespace-object-missing", "namespace-limits-missing")) {
      assertThat(pages.get(id + ".md"))
          .as(id)
          .doesNotContain("ignore.homelab.dev/")
          .contains(
              "  - rule: " + id + "\n    kind: Namespace\n    name: <namespace name or glob>");
    }
    assertThat(pages.get("git-path-mismatch.md"))
        .doesNotContain("ignore.homelab.dev/")
        .contains("  - rule: git-path-mismatch\n    file: homelab.yaml\n");
    assertThat(pages.get("host-pattern.md")).contains("ignore.homelab.dev/host-pattern");
  }

  @Test
  void docsRulesIsUpToDate() throws Exception {
    Path directory = RepoPaths.repoRoot().resolve("docs/rules");
    if (Boolean.getBoolean("docs.update")) {
      RuleReference.write(directory, allRules());
    }
    assertThat(RuleReference.stale(directory, allRules()))
        .as("docs/rules/ is stale; run scripts/update-docs.sh")
        .isEmpty();
  }

  @Test
  void toolkitRuleListIsUpToDate() throws Exception {
    Path list =
        RepoPaths.repoRoot()
            .resolve("core/src/main/resources/dev/homelab/core/finding/toolkit-rules.txt");
    String expected =
        allRules().stream().map(RuleInfo::id).sorted().collect(Collectors.joining("\n", "", "\n"));
    if (Boolean.getBoolean("docs.update")) {
      Files.writeString(list, expected);
    }
    assertThat(Files.exists(list) ? Files.readString(list) : "")
        .as(list + " is stale; run scripts/update-docs.sh")
        .isEqualTo(expected);
    assertThat(ToolkitRules.ids()).as("the list in the jar").hasSize(allRules().size());
  }
}
