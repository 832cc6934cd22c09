package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The embedded CRD schemas against the independent CRDs catalog in ../shared: every custom resource
 * of gitops/, and every copy of it with an unknown field in one object or a wrong type in one
 * scalar, gets the same verdict from both. One deviation is deliberate: the catalog leaves the top
 * level and {@code metadata} open, where the embedded schemas close them as the API server does.
 */
class EmbeddedCrdDifferentialTest {

  @Test
  void embeddedCrdsAgreeWithTheCatalogOnGitopsAndItsMutations() throws Exception {
    Path catalog = RepoPaths.shared("schemas/crds");
    SchemaResolver embedded =
        new SchemaResolver(
            List.of(EmbeddedCrdSchemas.load(CrdSchemaConverter.withEmbeddedObjectMeta())));
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    Workspace workspace =
        WorkspaceLoader.load(
            new WorkspaceLoader.Request(
                List.of(RepoPaths.gitopsTree()), null, RepoPaths.repoRoot()));

    List<String> disagreements = new ArrayList<>();
    int resources = 0;
    int cases = 0;
    int stricterAtTopLevel = 0;
    for (Resource resource : workspace.resources()) {
      Optional<SchemaResolver.Resolved> ours = embedded.lookup(resource.type()).resolved();
      Path theirs = catalog.resolve(SchemaLocationTemplate.catalogFile(resource.type()));
      if (ours.isEmpty() || !Files.isRegularFile(theirs)) {
        continue;
      }
      Schema reference = registry.getSchema(Files.newInputStream(theirs));
      resources++;
      List<DocumentMutation> mutations =
          new ArrayList<>(DocumentMutation.allOf(resource.object(), List.of(), List.of()));
      mutations.add(new DocumentMutation(DocumentMutation.Kind.NONE, "", resource.object()));
      for (DocumentMutation mutation : mutations) {
        cases++;
        boolean oursValid = ours.get().schema().validate(mutation.document()).isEmpty();
        boolean theirsValid = reference.validate(mutation.document()).isEmpty();
        if (!oursValid && theirsValid && outsideTheCrdSchema(mutation.pointer())) {
          stricterAtTopLevel++;
        } else if (oursValid != theirsValid) {
          disagreements.add(
              resource
                  + " "
                  + mutation.kind().label
                  + " at "
                  + mutation.pointer()
                  + ": embedded "
                  + (oursValid ? "accepts" : "rejects")
                  + ", catalog "
                  + (theirsValid ? "accepts" : "rejects"));
        }
      }
    }
    System.out.println(
        "embedded CRDs against the catalog: "
            + resources
            + " resources, "
            + cases
            + " cases, "
            + stricterAtTopLevel
            + " stricter at the top level or in metadata");
    assertThat(resources).isGreaterThan(40);
    assertThat(disagreements).isEmpty();
    assertThat(stricterAtTopLevel).isPositive();
  }

  /** The top level and ObjectMeta, which the embedded schemas close and the catalog leaves open. */
  private static boolean outsideTheCrdSchema(String pointer) {
    return pointer.equals("/" + DocumentMutation.UNKNOWN_FIELD_NAME)
        || pointer.startsWith("/metadata/");
  }
}
