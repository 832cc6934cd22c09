package dev.homelab.validator.schema.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaFileNamesTest {

  @Test
  void usesTheFirstGroupLabelAndNoGroupForCore() {
    ApiKind core = kind("", "v1", "ConfigMap");
    ApiKind networking = kind("networking.k8s.io", "v1", "IngressClass");

    assertThat(SchemaFileNames.assign(List.of(core, networking)))
        .containsEntry(core, "configmap-v1.json")
        .containsEntry(networking, "ingressclass-networking-v1.json");
  }

  @Test
  void collidingShortNamesBothFallBackToTheFullGroup() {
    ApiKind first = kind("backup.homelab.dev", "v1", "Policy");
    ApiKind second = kind("backup.example.com", "v1", "Policy");
    ApiKind bystander = kind("apps", "v1", "Policy");

    Map<ApiKind, String> names = SchemaFileNames.assign(List.of(first, second, bystander));

    assertThat(names)
        .containsEntry(first, "policy-backup-homelab-dev-v1.json")
        .containsEntry(second, "policy-backup-example-com-v1.json")
        .containsEntry(bystander, "policy-apps-v1.json");
  }

  private static ApiKind kind(String group, String version, String kind) {
    return new ApiKind(group, version, kind, true, V1ConfigMap.class);
  }
}
