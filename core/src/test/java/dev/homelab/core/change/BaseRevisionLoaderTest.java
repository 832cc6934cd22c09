package dev.homelab.core.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.LabFixtures;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The base revision a run shares between its suites, in a real git repository. */
class BaseRevisionLoaderTest {

  @TempDir Path repo;

  @Test
  void aRemovedObjectIsAReasonForTheWorkspaceThatLacksItOnly() throws Exception {
    Path certificate = LabFixtures.committedDashboardLab(repo);
    byte[] committed = Files.readAllBytes(certificate);
    Files.delete(certificate);
    Path tree = repo.resolve("gitops");
    BaseRevisionLoader loader = BaseRevisionLoader.of("HEAD");
    Workspace withoutCertificate = load(request(tree));
    Workspace withCertificate =
        load(request(tree).withOverlay(Map.of(certificate, committed), Set.of()));

    assertThat(loader.reasonToReportWholeTree(withoutCertificate))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith("the tree no longer has Certificate")
                    .contains("from HEAD"));
    // The suites of a run ask in turn; each workspace keeps its own answer.
    assertThat(loader.reasonToReportWholeTree(withCertificate)).isEmpty();
    assertThat(loader.reasonToReportWholeTree(withoutCertificate)).isPresent();
  }

  @Test
  void anObjectInAFileThatNoLongerLoadsIsNoReason() throws Exception {
    Path certificate = LabFixtures.committedDashboardLab(repo);
    // A tab in the indentation: the file is still there, its objects only unread.
    Files.writeString(certificate, Files.readString(certificate).replaceFirst("\n  ", "\n\t"));
    Path tree = repo.resolve("gitops");
    Workspace broken = load(request(tree));

    assertThat(broken.filesNotFullyLoaded()).isNotEmpty();
    assertThat(BaseRevisionLoader.of("HEAD").reasonToReportWholeTree(broken)).isEmpty();
  }

  private WorkspaceLoader.Request request(Path tree) {
    return new WorkspaceLoader.Request(List.of(tree), tree.resolve("homelab.yaml"), repo);
  }

  private static Workspace load(WorkspaceLoader.Request request) throws Exception {
    return WorkspaceLoader.load(request);
  }
}
