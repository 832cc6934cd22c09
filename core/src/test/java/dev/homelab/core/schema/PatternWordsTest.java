package dev.homelab.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PatternWordsTest {

  /** A pattern added to homelab.yaml's schema without words would reach users as a raw regex. */
  @Test
  void everyPatternOfTheConfigSchemaHasWords() throws IOException {
    JsonNode schema;
    try (InputStream in =
        PatternWords.class.getResourceAsStream("/dev/homelab/core/config/homelab.schema.json")) {
      schema = JsonMapper.builder().build().readTree(in);
    }
    List<String> patterns = new ArrayList<>();
    List<String> negated = new ArrayList<>();
    collect(schema, false, patterns, negated);

    assertThat(patterns).hasSizeGreaterThan(10);
    assertThat(patterns).allSatisfy(p -> assertThat(PatternWords.matching(p)).as(p).isPresent());
    assertThat(negated).isNotEmpty();
    assertThat(negated).allSatisfy(p -> assertThat(PatternWords.notMatching(p)).as(p).isPresent());
  }

  @Test
  void aKubernetesQuantityPatternIsRecognisedByItsBinarySuffixes() {
    assertThat(
            PatternWords.matching("^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[m])?$"))
        .contains("must be a Kubernetes quantity such as 500m, 1.5 or 2Gi");
    assertThat(PatternWords.matching("^[a-z]+$")).isEmpty();
  }

  private static void collect(
      JsonNode node, boolean underNot, List<String> patterns, List<String> negated) {
    if (node.isArray()) {
      node.forEach(child -> collect(child, underNot, patterns, negated));
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getKey().equals("pattern") && field.getValue().isString()) {
          (underNot ? negated : patterns).add(field.getValue().stringValue());
        } else {
          collect(field.getValue(), underNot || field.getKey().equals("not"), patterns, negated);
        }
      }
    }
  }
}
