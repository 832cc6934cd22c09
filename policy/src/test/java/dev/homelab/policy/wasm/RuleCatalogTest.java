package dev.homelab.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {

  @Test
  void theBundledCatalogueIsCompleteAndSorted() {
    List<RuleCatalog.Rule> rules = RuleCatalog.loadBundled().rules();

    assertThat(rules).hasSize(33);
    assertThat(rules).extracting(RuleCatalog.Rule::id).isSorted().doesNotHaveDuplicates();
    assertThat(rules)
        .allSatisfy(
            r -> {
              assertThat(r.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
              assertThat(r.severity()).isIn("error", "warning");
              assertThat(r.remediation()).endsWith(".");
              assertThat(r.title()).isNotBlank();
              assertThat(r.description()).isNotBlank();
              assertThat(r.packageName()).startsWith("homelab.policies.");
            });
  }

  @Test
  void advisoryRulesAreWarnings() {
    RuleCatalog catalog = RuleCatalog.loadBundled();

    assertThat(catalog.rules().stream().filter(r -> r.severity().equals("warning")))
        .extracting(RuleCatalog.Rule::id)
        .containsExactly("high-entropy-string", "prometheus-retention-unset");
    assertThat(catalog.find("image-tag-latest").orElseThrow().packageName())
        .isEqualTo("homelab.policies.images");
    assertThat(catalog.find("no-such-rule")).isEmpty();
  }

  @Test
  void duplicateIdsAreRefused() {
    String rule =
        "{\"id\":\"a\",\"title\":\"t\",\"description\":\"d\",\"severity\":\"error\",\"remediation\":\"r.\",\"package\":\"p\"}";
    String json = "[" + rule + "," + rule + "]";

    assertThatThrownBy(
            () -> RuleCatalog.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(PolicyException.class)
        .hasMessage("rules.json lists rule a twice");
  }

  @Test
  void incompleteRulesAreRefused() {
    String json = "[{\"id\":\"a\",\"title\":\"t\"}]";

    assertThatThrownBy(
            () -> RuleCatalog.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(PolicyException.class)
        .hasMessage("rule a in rules.json has no description");
  }
}
