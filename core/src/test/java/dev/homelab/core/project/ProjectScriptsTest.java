package dev.homelab.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Shellcheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The toolkit's own shell scripts (launcher, CI, installers, benchmarks) pass shellcheck. */
class ProjectScriptsTest {

  @Test
  void projectScriptsPassShellcheck() {
    Path root = RepoPaths.repoRoot();
    List<Path> scripts = new ArrayList<>();
    for (String folder : List.of(".ci", "bin", "scripts", "bench")) {
      scripts.addAll(Shellcheck.scriptsUnder(root.resolve(folder)));
    }
    // Finding the launcher and the CI entry point proves the shebang filter sees the scripts.
    assertThat(scripts).contains(root.resolve("bin/homelab"), root.resolve(".ci/run"));
    Shellcheck.assumeInstalled();
    scripts.forEach(Shellcheck::assertClean);
  }
}
