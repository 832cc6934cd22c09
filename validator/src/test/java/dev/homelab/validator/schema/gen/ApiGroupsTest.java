package dev.homelab.validator.schema.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.validator.schema.gen.ApiGroups.GroupVersion;
import io.kubernetes.client.openapi.ApiCallback;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.FlowcontrolApiserverV1Api;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.apis.RbacAuthorizationV1Api;
import io.kubernetes.client.openapi.apis.StorageV1beta1Api;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApiGroupsTest {

  private static final Pattern DISCOVERY_PATH =
      Pattern.compile("^/api/(?<coreVersion>[^/]+)/$|^/apis/(?<group>[^/]+)/(?<version>[^/]+)/$");

  @Test
  void mapsApiClassesToTheirGroups() {
    assertThat(ApiGroups.of(AppsV1Api.class)).isEqualTo(new GroupVersion("apps", "v1"));
    assertThat(ApiGroups.of(NetworkingV1Api.class))
        .isEqualTo(new GroupVersion("networking.k8s.io", "v1"));
    assertThat(ApiGroups.of(CoreV1Api.class)).isEqualTo(new GroupVersion("", "v1"));
    assertThat(ApiGroups.of(RbacAuthorizationV1Api.class))
        .isEqualTo(new GroupVersion("rbac.authorization.k8s.io", "v1"));
    assertThat(ApiGroups.of(FlowcontrolApiserverV1Api.class))
        .isEqualTo(new GroupVersion("flowcontrol.apiserver.k8s.io", "v1"));
    assertThat(ApiGroups.of(StorageV1beta1Api.class))
        .isEqualTo(new GroupVersion("storage.k8s.io", "v1beta1"));
  }

  /** The table is only trusted because it matches the path each Api class requests itself. */
  @Test
  void everyApiClassIsListedWithTheGroupAndVersionOfItsOwnRequestPath() throws Exception {
    ApiClient client = new ApiClient();
    // Requests are only built, never sent: the base path just has to be a parseable URL.
    client.setBasePath("http://schema-generator.invalid");
    List<Class<?>> apis = ApiKindScanner.groupVersionApis();

    assertThat(apis).hasSizeGreaterThan(30).contains(AppsV1Api.class, CoreV1Api.class);
    for (Class<?> api : apis) {
      assertThat(ApiGroups.of(api))
          .as(api.getSimpleName())
          .isEqualTo(requestedGroupVersion(client, api));
    }
  }

  @Test
  void anUnlistedGroupFailsWithTheClassToAdd() {
    assertThatThrownBy(() -> ApiGroups.of(HomelabV1alpha1Api.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HomelabV1alpha1Api")
        .hasMessageContaining("'Homelab'");
  }

  @Test
  void recognisesOnlyGroupVersionApiNames() {
    assertThat(ApiGroups.isGroupVersionApi("AppsV1Api")).isTrue();
    assertThat(ApiGroups.isGroupVersionApi("ResourceV1alpha3Api")).isTrue();
    assertThat(ApiGroups.isGroupVersionApi("AppsApi")).isFalse();
    assertThat(ApiGroups.isGroupVersionApi("CustomObjectsApi")).isFalse();
    assertThat(ApiGroups.isGroupVersionApi("VersionApi")).isFalse();
  }

  private static GroupVersion requestedGroupVersion(ApiClient client, Class<?> api)
      throws ReflectiveOperationException {
    Object instance = api.getConstructor(ApiClient.class).newInstance(client);
    Object request = api.getMethod("getAPIResources").invoke(instance);
    okhttp3.Call call =
        (okhttp3.Call)
            request
                .getClass()
                .getMethod("buildCall", ApiCallback.class)
                .invoke(request, (Object) null);
    String path = call.request().url().encodedPath();
    Matcher matcher = DISCOVERY_PATH.matcher(path);
    assertThat(matcher.matches()).as(api.getSimpleName() + " requests " + path).isTrue();
    return matcher.group("coreVersion") != null
        ? new GroupVersion("", matcher.group("coreVersion"))
        : new GroupVersion(matcher.group("group"), matcher.group("version"));
  }

  /** Stands in for an Api class of a group that the table does not know. */
  private static final class HomelabV1alpha1Api {}
}
