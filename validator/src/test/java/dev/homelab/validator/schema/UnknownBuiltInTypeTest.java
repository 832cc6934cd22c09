package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.model.GroupVersionKind;
import org.junit.jupiter.api.Test;

class UnknownBuiltInTypeTest {

  private final EmbeddedKubernetesSchemas embedded = EmbeddedKubernetesSchemas.load();

  private UnknownBuiltInType.Problem problem(String group, String version, String kind) {
    return UnknownBuiltInType.problem(new GroupVersionKind(group, version, kind), embedded)
        .orElseThrow();
  }

  @Test
  void aKindServedUnderAnotherVersionNamesThatVersion() {
    assertThat(problem("apps", "v2", "Deployment"))
        .isEqualTo(
            new UnknownBuiltInType.Problem(
                "/apiVersion", "Kubernetes 1.34 serves `Deployment` as `apps/v1`, not `apps/v2`"));
    assertThat(problem("autoscaling", "v3", "HorizontalPodAutoscaler").message())
        .isEqualTo(
            "Kubernetes 1.34 serves `HorizontalPodAutoscaler` as `autoscaling/v1` or"
                + " `autoscaling/v2`, not `autoscaling/v3`");
  }

  @Test
  void aKindTheGroupLacksPointsAtTheKindWithTheNearestOne() {
    assertThat(problem("", "v1", "ConfigMpa"))
        .isEqualTo(
            new UnknownBuiltInType.Problem(
                "/kind",
                "Kubernetes 1.34 has no kind `ConfigMpa` in the core API group"
                    + " (did you mean `ConfigMap`?)"));
    assertThat(problem("batch", "v1", "Workflow").message())
        .isEqualTo("Kubernetes 1.34 has no kind `Workflow` in API group `batch`");
  }

  @Test
  void groupsKubernetesDoesNotHaveAreLeftToTheirCrds() {
    assertThat(
            UnknownBuiltInType.problem(
                new GroupVersionKind("gateway.networking.k8s.io", "v1", "HTTPRoute"), embedded))
        .isEmpty();
    assertThat(
            UnknownBuiltInType.problem(
                new GroupVersionKind("widgets.example.com", "v1", "Widget"), embedded))
        .isEmpty();
  }
}
