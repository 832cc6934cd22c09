package dev.homelab.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {

  @Test
  void theBundledCatalogueIsCompleteAndSorted() {
    List<RuleCatalog.Rule> rules = RuleCatalog.loadBundled().rules();

    assertThat(rules).hasSize(44);
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
        .containsExactly(
            "chart-route-enabled", "high-entropy-string", "prometheus-retention-unset");
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

  // Each deny/warn rule names its id as a literal (building rego.metadata.rule() per evaluation
  // cost a tenth of a Deployment's time in Wasm), so the literal must repeat its METADATA id.
  @Test
  void everyRuleHeadRepeatsTheIdOfItsMetadata() throws IOException {
    Pattern metadataThenHead =
        Pattern.compile(
            "^#\\s+id:\\s+(\\S+)$.*?^(?:deny|warn) contains \\{\"rule\": \"([^\"]+)\"",
            Pattern.MULTILINE | Pattern.DOTALL);
    List<String> pairs = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/rego/homelab/policies"))) {
      for (Path file : files.filter(f -> !f.toString().endsWith("_test.rego")).toList()) {
        Matcher m = metadataThenHead.matcher(Files.readString(file));
        while (m.find()) {
          assertThat(m.group(2))
              .as("the rule head after METADATA id %s", m.group(1))
              .isEqualTo(m.group(1));
          pairs.add(m.group(1));
        }
      }
    }
    assertThat(pairs)
        .containsExactlyInAnyOrderElementsOf(
            RuleCatalog.loadBundled().rules().stream().map(RuleCatalog.Rule::id).toList());
  }

  // The engine indexes only the kinds manifest.json lists for the bundled policy, so a rule that
  // reads another kind, or the index as a whole, would see nothing.
  @Test
  void theBundledPolicyReadsOnlyTheIndexKindsItDeclares() throws IOException {
    Pattern reference = Pattern.compile("data\\.index(\\.(\\w+))?");
    java.util.Set<String> read = new java.util.TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/rego/homelab"))) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".rego") && !f.toString().endsWith("_test.rego"))
              .toList()) {
        String code =
            Files.readAllLines(file).stream()
                .filter(line -> !line.strip().startsWith("#"))
                .collect(java.util.stream.Collectors.joining("\n"));
        Matcher m = reference.matcher(code);
        while (m.find()) {
          assertThat(m.group(2)).as("a data.index lookup in %s names its kind", file).isNotNull();
          read.add(m.group(2));
        }
      }
    }
    assertThat(read).isNotEmpty();
    assertThat(PolicyManifest.loadBundled().indexKinds()).containsExactlyInAnyOrderElementsOf(read);
  }
}
