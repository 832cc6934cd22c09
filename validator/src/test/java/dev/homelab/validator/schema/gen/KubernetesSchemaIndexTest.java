package dev.homelab.validator.schema.gen;

import static dev.homelab.validator.schema.EmbeddedSchemaFixture.index;
import static dev.homelab.validator.schema.EmbeddedSchemaFixture.indexEntry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The contract of index.json that the schema registry reads. */
class KubernetesSchemaIndexTest {

  @Test
  void namesTheKubernetesVersion() {
    assertThat(index().get("kubernetesVersion").asString()).isEqualTo("1.34");
  }

  @Test
  void coversMoreThanSeventyFiveKinds() {
    assertThat(index().get("kinds").size()).isGreaterThan(75);
  }

  @ParameterizedTest
  @CsvSource({
    "v1, Namespace",
    "v1, PersistentVolume",
    "v1, Node",
    "rbac.authorization.k8s.io/v1, ClusterRole",
    "rbac.authorization.k8s.io/v1, ClusterRoleBinding",
    "storage.k8s.io/v1, StorageClass",
    "apiextensions.k8s.io/v1, CustomResourceDefinition",
    "scheduling.k8s.io/v1, PriorityClass",
    "networking.k8s.io/v1, IngressClass"
  })
  void marksClusterScopedKinds(String apiVersion, String kind) {
    assertThat(indexEntry(apiVersion, kind).get("namespaced").asBoolean()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "apps/v1, Deployment",
    "v1, ConfigMap",
    "v1, PersistentVolumeClaim",
    "v1, Secret",
    "v1, Service",
    "batch/v1, CronJob",
    "networking.k8s.io/v1, Ingress",
    "rbac.authorization.k8s.io/v1, Role",
    "policy/v1, PodDisruptionBudget"
  })
  void marksNamespacedKinds(String apiVersion, String kind) {
    assertThat(indexEntry(apiVersion, kind).get("namespaced").asBoolean()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "v1, Service, service-v1.json",
    "apps/v1, Deployment, deployment-apps-v1.json",
    "networking.k8s.io/v1, Ingress, ingress-networking-v1.json",
    "apiextensions.k8s.io/v1, CustomResourceDefinition, customresourcedefinition-apiextensions-v1.json",
    "rbac.authorization.k8s.io/v1, ClusterRole, clusterrole-rbac-v1.json",
    "flowcontrol.apiserver.k8s.io/v1, FlowSchema, flowschema-flowcontrol-v1.json",
    "autoscaling/v2, HorizontalPodAutoscaler, horizontalpodautoscaler-autoscaling-v2.json",
    "events.k8s.io/v1, Event, event-events-v1.json",
    "v1, Event, event-v1.json"
  })
  void namesFilesInKubeconformsStandaloneLayout(String apiVersion, String kind, String file) {
    assertThat(indexEntry(apiVersion, kind).get("file").asString()).isEqualTo(file);
  }

  @Test
  void leavesOutRequestOnlyKinds() {
    List<String> kinds = new ArrayList<>();
    index().get("kinds").forEach(entry -> kinds.add(entry.get("kind").asString()));

    assertThat(kinds)
        .doesNotContain(
            "TokenReview",
            "TokenRequest",
            "SubjectAccessReview",
            "SelfSubjectAccessReview",
            "LocalSubjectAccessReview",
            "SelfSubjectReview",
            "Binding",
            "Eviction",
            "Scale");
  }

  @Test
  void isSortedByGroupVersionKindWithUniqueFiles() {
    List<String> keys = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (JsonNode entry : index().get("kinds")) {
      keys.add(
          entry.get("group").asString()
              + " "
              + entry.get("version").asString()
              + " "
              + entry.get("kind").asString());
      files.add(entry.get("file").asString());
    }

    assertThat(keys).isSorted().doesNotHaveDuplicates();
    assertThat(files).doesNotHaveDuplicates().allMatch(file -> file.endsWith(".json"));
  }

  @Test
  void everyEntryHasExactlyTheContractFields() {
    for (JsonNode entry : index().get("kinds")) {
      List<String> fields = new ArrayList<>(entry.propertyNames());
      assertThat(fields).containsExactly("file", "group", "kind", "namespaced", "version");
      assertThat(entry.get("namespaced").isBoolean()).isTrue();
    }
  }
}
