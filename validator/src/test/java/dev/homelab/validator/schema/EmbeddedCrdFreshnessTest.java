package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  private record Result(int exit, String output) {}

  @BeforeAll
  static void needsGoAndPyYaml() {
    Result go = run(RepoPaths.repoRoot(), List.of("go", "version"));
    Result yaml = run(RepoPaths.repoRoot(), List.of("python3", "-c", "import yaml"));
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
        run(RepoPaths.repoRoot(), List.of("bash", "scripts/refresh-crd-schemas.sh", "--check"));
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

    Result result = run(copy, List.of("bash", "scripts/refresh-crd-schemas.sh", "--check"));

    assertThat(result.exit()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("ipaddresspools.json")
        .contains("stale; run scripts/refresh-crd-schemas.sh");
  }

  private static Result run(Path dir, List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " did not finish within 5 minutes");
      }
      return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(127, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
