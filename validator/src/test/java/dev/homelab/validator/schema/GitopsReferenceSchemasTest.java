package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.homelab.core.model.Resource;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every document of gitops/ validates against the independent schemas in ../shared: the Kubernetes
 * 1.34 definitions (made strict) for built-in kinds and the CRDs catalog for custom kinds.
 */
class GitopsReferenceSchemasTest {

  @Test
  void everyDocumentValidatesAgainstTheSharedSchemas() throws Exception {
    Path definitions = RepoPaths.shared("schemas/kubernetes/v1.34.0/_definitions.json");
    Path crds = RepoPaths.shared("schemas/crds");
    ReferenceSchemaSet reference =
        ReferenceSchemaSet.load(
            definitions,
            Set.of("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps"));
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    Path tree = RepoPaths.gitopsTree();
    Workspace workspace =
        WorkspaceLoader.load(
            new WorkspaceLoader.Request(List.of(tree), null, RepoPaths.repoRoot()));
    assertThat(workspace.loadFindings()).isEmpty();

    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Resource resource : workspace.resources()) {
      String definition = reference.definitionOf(resource.apiVersion(), resource.kind());
      List<Error> errors;
      if (definition != null) {
        errors = reference.validate(definition, resource.object());
      } else {
        Path file =
            crds.resolve(resource.group())
                .resolve(
                    resource.kind().toLowerCase(Locale.ROOT)
                        + "_"
                        + resource.type().version()
                        + ".json");
        if (!Files.isRegularFile(file)) {
          problems.add(resource + ": neither set has a schema");
          continue;
        }
        Schema schema = registry.getSchema(Files.newInputStream(file));
        errors = schema.validate(resource.object());
      }
      checked++;
      for (Error error : errors) {
        problems.add(resource + " " + error.getInstanceLocation() + ": " + error.getMessage());
      }
    }
    System.out.println("gitops/ against ../shared schemas: " + checked + " documents checked");
    assertThat(problems).isEmpty();
    assertThat(checked).isEqualTo(workspace.resources().size());
  }
}
