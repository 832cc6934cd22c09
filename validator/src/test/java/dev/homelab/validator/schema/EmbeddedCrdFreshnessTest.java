package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.homelab.core.testing.Commands;
import dev.homelab.core.testing.Commands.Result;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded CRDs are exactly what scripts/refresh-crd-schemas.sh makes from the pinned upstream
 * modules, downloaded for real from the Go module proxy. Needs go and python3 with PyYAML; without
 * them the tests are skipped, except under CI=true where that is a failure.
 */
class EmbeddedCrdFreshnessTest {

  private static final String CRDS = "validator/src/main/resources" + EmbeddedCrdSchemas.FOLDER;

  @BeforeAll
  static void needsGoAndPyYaml() {
    Result go = Commands.run(RepoPaths.repoRoot(), List.of("go", "version"));
    Result yaml = Commands.run(RepoPaths.repoRoot(), List.of("python3", "-c", "import yaml"));
    if (go.exit() != 0 || yaml.exit() != 0) {
      String reason = "refreshing the CRD schemas needs go and python3 with PyYAML";
      if ("true".equals(System.getenv("CI"))) {
        fail(reason);
      }
      System.out.println("EmbeddedCrdFreshnessTest skipped: " + reason);
      abort(reason);
    }
  }

  @Test
  void theCommittedCrdSchemasAreCurrent() {
    Result result =
        Commands.run(
            RepoPaths.repoRoot(), List.of("bash", "scripts/refresh-crd-schemas.sh", "--check"));
    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("the embedded CRD schemas are current");
  }

  @Test
  void aChangedCrdSchemaFailsTheCheck(@TempDir Path copy) throws IOException {
    for (String part : List.of("scripts", CRDS)) {
      Trees.copy(RepoPaths.repoRoot().resolve(part), copy.resolve(part));
    }
    Path pool = copy.resolve(CRDS).resolve("metallb.io/ipaddresspools.json");
    Files.writeString(pool, Files.readString(pool).replace("\"autoAssign\"", "\"autoAssigned\""));

    Result result =
        Commands.run(copy, List.of("bash", "scripts/refresh-crd-schemas.sh", "--check"));

    assertThat(result.exit()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("ipaddresspools.json")
        .contains("stale; run scripts/refresh-crd-schemas.sh");
  }
}
