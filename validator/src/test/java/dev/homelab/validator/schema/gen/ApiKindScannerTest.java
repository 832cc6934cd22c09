package dev.homelab.validator.schema.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.validator.schema.gen.ApiKindScanner.GroupVersion;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.AuthenticationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.FlowcontrolApiserverV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.apis.PolicyV1Api;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1beta1DeviceClass;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ApiKindScannerTest {

  private final ApiKindScanner scanner = new ApiKindScanner();

  @Test
  void takesGroupAndVersionFromTheApisOwnRequestPath() {
    assertThat(scanner.groupVersionOf(AppsV1Api.class)).isEqualTo(new GroupVersion("apps", "v1"));
    assertThat(scanner.groupVersionOf(NetworkingV1Api.class))
        .isEqualTo(new GroupVersion("networking.k8s.io", "v1"));
    assertThat(scanner.groupVersionOf(CoreV1Api.class)).isEqualTo(new GroupVersion("", "v1"));
    assertThat(scanner.groupVersionOf(RbacAuthorizationV1Api.class))
        .isEqualTo(new GroupVersion("rbac.authorization.k8s.io", "v1"));
    assertThat(scanner.groupVersionOf(FlowcontrolApiserverV1Api.class))
        .isEqualTo(new GroupVersion("flowcontrol.apiserver.k8s.io", "v1"));
  }

  @Test
  void everyGroupVersionApiResolvesToTheVersionInItsName() {
    List<Class<?>> apis = ApiKindScanner.groupVersionApis();

    assertThat(apis).hasSizeGreaterThan(30).contains(AppsV1Api.class, CoreV1Api.class);
    for (Class<?> api : apis) {
      GroupVersion groupVersion = scanner.groupVersionOf(api);
      String versionInName =
          Character.toUpperCase(groupVersion.version().charAt(0))
              + groupVersion.version().substring(1)
              + "Api";
      assertThat(api.getSimpleName()).as(api.getName()).endsWith(versionInName);
      assertThat(groupVersion.group())
          .as(api.getName())
          .isEqualTo(groupVersion.group().toLowerCase(Locale.ROOT));
    }
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
