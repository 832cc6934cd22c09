package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.model.GroupVersionKind;
import dev.homelab.core.model.Scopes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Core's hand-kept list of cluster-scoped kinds agrees with the scope that the embedded Kubernetes
 * schemas and CRDs record for every kind they know.
 */
class ScopesAgreeWithSchemasTest {

  @Test
  void everyEmbeddedKindHasTheScopeCoreGivesIt() {
    List<String> wrong = new ArrayList<>();
    for (EmbeddedKubernetesSchemas.Entry entry :
        EmbeddedKubernetesSchemas.load().byFile().values()) {
      check(entry.type(), entry.namespaced(), wrong);
    }
    EmbeddedCrdSchemas crds = EmbeddedCrdSchemas.load(CrdSchemaConverter.withEmbeddedObjectMeta());
    for (EmbeddedCrdSchemas.Entry entry : crds.entries()) {
      check(entry.type(), entry.namespaced(), wrong);
    }
    assertThat(wrong).isEmpty();
  }

  private static void check(GroupVersionKind type, boolean namespaced, List<String> wrong) {
    if (Scopes.isClusterScoped(type.group(), type.kind()) == namespaced) {
      wrong.add(type + (namespaced ? " is namespaced" : " is cluster-scoped"));
    }
  }
}
