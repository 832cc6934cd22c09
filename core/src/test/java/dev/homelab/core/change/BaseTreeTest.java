package dev.homelab.core.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.Region;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which findings a run over named files counts as caused by the change. */
class BaseTreeTest {

  private static Finding finding(String rule, String file, int line, int column) {
    return new Finding(
        rule,
        Severity.ERROR,
        "message",
        new Location(file, Region.point(line, column)),
        null,
        null);
  }

  private final BaseTree base =
      new BaseTree(null, Set.of("a.yaml", "b.yaml", "c.yaml", "d.yaml")::contains);

  @Test
  void aFindingTheBaseTreeHasAtTheSamePlaceIsNotNew() {
    List<Finding> before = List.of(finding("rule-x", "a.yaml", 3, 5));

    assertThat(base.filesWithNewFindings(List.of(finding("rule-x", "a.yaml", 3, 5)), before))
        .isEmpty();
  }

  @Test
  void anotherRuleLineOrColumnMakesItNew() {
    List<Finding> before =
        List.of(
            finding("rule-x", "a.yaml", 3, 5),
            finding("rule-x", "b.yaml", 3, 5),
            finding("rule-x", "c.yaml", 3, 5));
    List<Finding> now =
        List.of(
            finding("rule-y", "a.yaml", 3, 5),
            finding("rule-x", "b.yaml", 4, 5),
            finding("rule-x", "c.yaml", 3, 6),
            finding("rule-x", "d.yaml", 3, 5));

    assertThat(base.filesWithNewFindings(now, before))
        .containsExactly("a.yaml", "b.yaml", "c.yaml", "d.yaml");
  }

  @Test
  void filesTheBaseTreeDoesNotCallUntouchedAreLeftOutOnce() {
    List<Finding> now =
        List.of(
            finding("rule-x", "named.yaml", 1, 1),
            finding("rule-x", "b.yaml", 1, 1),
            finding("rule-y", "b.yaml", 2, 1));

    assertThat(base.filesWithNewFindings(now, List.of())).containsExactly("b.yaml");
  }
}
