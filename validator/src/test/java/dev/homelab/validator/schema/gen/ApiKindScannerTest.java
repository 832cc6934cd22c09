package dev.homelab.validator.schema.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.validator.schema.gen.ApiGroups.GroupVersion;
import io.kubernetes.client.openapi.apis.AuthenticationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.PolicyV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1beta1DeviceClass;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKindScannerTest {

  @Test
  void findsTheStoredKindsOfEveryGroupVersion() {
    List<ApiKind> kinds = ApiKindScanner.scan();

    assertThat(kinds).hasSizeGreaterThan(80).isSortedAccordingTo(ApiKind.BY_GROUP_VERSION_KIND);
    assertThat(kinds)
        .extracting(ApiKind::toString)
        .contains("apps/v1 Deployment", "v1 Service", "networking.k8s.io/v1 Ingress")
        .doesNotHaveDuplicates();
  }

  @Test
  void skipsSubresourcesAndRequestOnlyKindsOfTheCoreApi() {
    List<String> kinds =
        ApiKindScanner.kindsOf(CoreV1Api.class, new GroupVersion("", "v1")).stream()
            .map(ApiKind::kind)
            .toList();

    assertThat(kinds)
        .contains("Pod", "Service", "Namespace", "PersistentVolume", "Event")
        .doesNotContain("Binding", "Eviction", "TokenRequest", "ServiceAccountToken", "PodBinding");
  }

  @Test
  void reviewApisYieldNoStoredKinds() {
    assertThat(
            ApiKindScanner.kindsOf(
                AuthenticationV1Api.class, new GroupVersion("authentication.k8s.io", "v1")))
        .isEmpty();
  }

  @Test
  void scopeFollowsTheCreateMethod() {
    List<ApiKind> policy =
        ApiKindScanner.kindsOf(PolicyV1Api.class, new GroupVersion("policy", "v1"));
    assertThat(policy)
        .singleElement()
        .satisfies(
            kind -> {
              assertThat(kind.kind()).isEqualTo("PodDisruptionBudget");
              assertThat(kind.namespaced()).isTrue();
              assertThat(kind.apiVersion()).isEqualTo("policy/v1");
            });

    assertThat(ApiKindScanner.kindsOf(CoreV1Api.class, new GroupVersion("", "v1")))
        .filteredOn(kind -> kind.kind().equals("Namespace"))
        .singleElement()
        .satisfies(kind -> assertThat(kind.namespaced()).isFalse());
  }

  @Test
  void kindOfModelStripsGroupAndVersionPrefixes() {
    assertThat(ApiKindScanner.kindOfModel(V1beta1DeviceClass.class, "v1beta1"))
        .isEqualTo("DeviceClass");
    assertThat(ApiKindScanner.kindOfModel(CoreV1Event.class, "v1")).isEqualTo("Event");
    assertThat(ApiKindScanner.kindOfModel(V2HorizontalPodAutoscaler.class, "v2"))
        .isEqualTo("HorizontalPodAutoscaler");
  }
}
