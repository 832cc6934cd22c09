package dev.homelab.validator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.model.Resource;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 256 KiB limit on one object's annotations, which no acceptance case is large enough for. */
class InvalidAnnotationTest {

  @TempDir Path directory;

  @Test
  void annotationsAboveTheTotalLimitAreReportedAtTheirKey() throws Exception {
    List<Finding> findings = check(InvalidAnnotation.TOTAL_SIZE_MAX + 1 - "note".length());
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).message())
        .isEqualTo("annotations total 262145 bytes; the API server accepts at most 262144");
    assertThat(findings.get(0).location().line()).isEqualTo(5);
  }

  @Test
  void annotationsAtTheLimitPass() throws Exception {
    assertThat(check(InvalidAnnotation.TOTAL_SIZE_MAX - "note".length())).isEmpty();
  }

  private List<Finding> check(int valueLength) throws Exception {
    Path file = directory.resolve("big.yaml");
    Files.writeString(
        file,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  annotations:\n    note: "
            + "x".repeat(valueLength)
            + "\n");
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(file), null, directory));
    Resource resource = workspace.resources().get(0);
    return new InvalidAnnotation().check(resource);
  }
}
