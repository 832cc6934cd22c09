package dev.homelab.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.source.SourceFile;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SharedStringsTest {

  @Test
  void equalShortStringsComeBackAsOneCopy() {
    String first = SharedStrings.of(new String("shared-strings-test-key"));
    String second = SharedStrings.of(new String("shared-strings-test-key"));
    assertThat(second).isSameAs(first);
  }

  @Test
  void longStringsAreNotKept() {
    String text = "x".repeat(41);
    String first = SharedStrings.of(new String(text));
    String second = SharedStrings.of(new String(text));
    assertThat(second).isEqualTo(first).isNotSameAs(first);
  }

  @Test
  void stringsThatShareASlotStillComeBackEqual() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      String value = "value-" + i;
      assertThat(SharedStrings.of(value)).isEqualTo(value);
      seen.add(SharedStrings.of(new String(value)));
    }
    assertThat(seen).hasSize(50_000);
  }

  @Test
  void documentsOfDifferentFilesShareTheirKeysAndValues() {
    YamlLoader loader = new YamlLoader();
    String text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: media-stack\n";
    JsonNode a =
        loader.parse(new SourceFile(Path.of("a.yaml"), "a.yaml"), text).documents().get(0).root();
    JsonNode b =
        loader.parse(new SourceFile(Path.of("b.yaml"), "b.yaml"), text).documents().get(0).root();
    assertThat(b.propertyNames().iterator().next()).isSameAs(a.propertyNames().iterator().next());
    assertThat(b.at("/metadata/namespace").stringValue())
        .isSameAs(a.at("/metadata/namespace").stringValue());
  }
}
