package dev.homelab.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PointerTest {

  @Test
  void escapesAndSplitsAsRfc6901Says() {
    String pointer =
        Pointer.of("metadata", "annotations", "ignore.homelab.dev/name-pattern", 0, "a~b");
    assertThat(pointer).isEqualTo("/metadata/annotations/ignore.homelab.dev~1name-pattern/0/a~0b");
    assertThat(Pointer.tokens(pointer))
        .containsExactly("metadata", "annotations", "ignore.homelab.dev/name-pattern", "0", "a~b");
    assertThat(Pointer.tokens("")).isEmpty();
    assertThat(Pointer.parent("/a/b/c")).isEqualTo("/a/b");
    assertThat(Pointer.parent("/a")).isEmpty();
  }

  @Test
  void readsAsAFieldPath() {
    assertThat(Pointer.toFieldPath("/spec/template/spec/containers/0/image"))
        .isEqualTo("spec.template.spec.containers[0].image");
    assertThat(
            Pointer.toFieldPath(
                Pointer.of(List.of("metadata", "labels", "app.kubernetes.io/name"))))
        .isEqualTo("metadata.labels.\"app.kubernetes.io/name\"");
    assertThat(Pointer.toFieldPath("")).isEqualTo("(document)");
  }
}
