package dev.homelab.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.Commands;
import dev.homelab.core.testing.GitRepos;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Shellcheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /** shellcheck does not read a heredoc, so the hook is checked as the installer writes it. */
  @Test
  void theInstalledGitHookPassesShellcheck(@TempDir Path repository) throws Exception {
    GitRepos.init(repository);
    Commands.Result installed =
        Commands.run(
            repository,
            List.of(RepoPaths.repoRoot().resolve("scripts/install-git-hook").toString()));
    assertThat(installed.exit()).as(installed.output()).isZero();
    Path hook = repository.resolve(".git/hooks/pre-commit");
    assertThat(hook).exists();
    Shellcheck.assumeInstalled();
    Shellcheck.assertClean(hook);
    Shellcheck.assertClean(repository.resolve(".git/hooks/pre-merge-commit"));
  }
}
