package dev.homelab.generator.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Block-style YAML in the given key order, quoted exactly where a plain scalar would mislead. */
class YamlEmitterTest {

  @Test
  void writesNestedMapsAndListsInBlockStyleKeepingKeyOrder() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kind", "Application");
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repoURL", "https://example.com/lab.git");
    source.put("helm", Map.of("valueFiles", List.of("$values/gitops/a/values-homelab.yaml")));
    root.put("spec", Map.of("sources", List.of(source, Map.of("ref", "values"))));
    root.put("empty", List.of());
    root.put("none", Map.of());
    root.put("count", 2);
    root.put("on", true);

    assertThat(YamlEmitter.document(root))
        .isEqualTo(
            """
            kind: Application
            spec:
              sources:
                - repoURL: https://example.com/lab.git
                  helm:
                    valueFiles:
                      - $values/gitops/a/values-homelab.yaml
                - ref: values
            empty: []
            none: {}
            count: 2
            "on": true
            """);
  }

  @Test
  void quotesStringsThatYamlWouldReadAsSomethingElse() {
    for (String text :
        List.of(
            "2",
            "-1",
            "1.0",
            "1e3",
            "0x1F",
            "true",
            "no",
            "On",
            "null",
            "~",
            "",
            "*",
            "{a,b}",
            "[x]",
            "a: b",
            "a #b",
            " lead",
            "trail ",
            "#x",
            "&anchor",
            "!tag",
            "|",
            ">",
            "@x",
            "`x`",
            "'q'",
            "\"q\"",
            "%x",
            "line\nbreak",
            "12:30")) {
      String emitted = YamlEmitter.document(Map.of("k", text));
      assertThat(emitted).as(text).startsWith("k: \"");
      Object back = new Yaml(new SafeConstructor(new LoaderOptions())).load(emitted);
      assertThat(back).as("round trip of %s", text).isEqualTo(Map.of("k", text));
    }
  }

  @Test
  void leavesOrdinaryStringsPlain() {
    for (String text :
        List.of(
            "v1.19.1",
            "4.0.18",
            "CreateNamespace=false",
            "https://kubernetes.default.svc",
            ".webhooks[]?.clientConfig.caBundle",
            "oci://registry-1.docker.io/bitnamicharts",
            "10s",
            "Let's Encrypt")) {
      String emitted = YamlEmitter.document(Map.of("k", text));
      assertThat(emitted).isEqualTo("k: " + text + "\n");
      Object back = new Yaml(new SafeConstructor(new LoaderOptions())).load(emitted);
      assertThat(back).as("round trip of %s", text).isEqualTo(Map.of("k", text));
    }
  }
}
