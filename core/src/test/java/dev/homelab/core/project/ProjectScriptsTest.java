package dev.homelab.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.Commands;
import dev.homelab.core.testing.GitRepos;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Shellcheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  /**
   * The installer replaces its own hook but leaves another's alone, a file or a link to one that is
   * not there yet, and writes nothing then.
   */
  @Test
  void theGitHookInstallerSaysWhenAGlobalHooksPathSharesItsHooks(@TempDir Path scratch)
      throws Exception {
    Path repository = Files.createDirectory(scratch.resolve("repo"));
    GitRepos.init(repository);
    Path home = Files.createDirectory(scratch.resolve("home"));
    Path shared = scratch.resolve("shared-hooks");
    Files.writeString(home.resolve(".gitconfig"), "[core]\n\thooksPath = " + shared + "\n");
    List<String> install =
        List.of(RepoPaths.repoRoot().resolve("scripts/install-git-hook").toString());

    Commands.Result global =
        Commands.run(
            repository, install, Map.of("HOME", home.toString(), "GIT_CONFIG_NOSYSTEM", "1"));

    assertThat(global.exit()).as(global.output()).isZero();
    assertThat(shared.resolve("pre-commit")).isRegularFile();
    assertThat(global.output())
        .contains(
            "note: core.hooksPath in the global git config sends every repository to " + shared);

    Files.writeString(home.resolve(".gitconfig"), "");
    Commands.Result local =
        Commands.run(
            repository, install, Map.of("HOME", home.toString(), "GIT_CONFIG_NOSYSTEM", "1"));
    assertThat(local.exit()).isZero();
    assertThat(local.output()).doesNotContain("note:");
  }

  @Test
  void theGitHookInstallerLeavesAnotherHookAlone(@TempDir Path repository) throws Exception {
    GitRepos.init(repository);
    List<String> install =
        List.of(RepoPaths.repoRoot().resolve("scripts/install-git-hook").toString());
    Path hooks = repository.resolve(".git/hooks");
    assertThat(Commands.run(repository, install).exit()).isZero();
    Commands.Result again = Commands.run(repository, install);
    assertThat(again.exit()).as(again.output()).isZero();

    Files.writeString(hooks.resolve("pre-commit"), "#!/bin/sh\necho lint\n");
    Commands.Result overFile = Commands.run(repository, install);
    String kept = Files.readString(hooks.resolve("pre-commit"));
    Files.delete(hooks.resolve("pre-commit"));
    Path elsewhere = repository.resolve("shared-hooks/pre-commit");
    Files.createSymbolicLink(hooks.resolve("pre-commit"), elsewhere);
    Commands.Result overLink = Commands.run(repository, install);

    assertThat(overFile.exit()).isEqualTo(1);
    assertThat(overFile.output()).contains("pre-commit exists and is not ours; move it away first");
    assertThat(kept).isEqualTo("#!/bin/sh\necho lint\n");
    assertThat(overLink.exit()).isEqualTo(1);
    assertThat(overLink.output()).contains("pre-commit exists and is not ours");
    assertThat(elsewhere).doesNotExist();
  }

  @Test
  void theGitHookInstallerAnswersHelpAndRefusesAFolderOutsideGit(@TempDir Path scratch) {
    String install = RepoPaths.repoRoot().resolve("scripts/install-git-hook").toString();

    Commands.Result help = Commands.run(scratch, List.of(install, "--help"));
    Commands.Result outside = Commands.run(scratch, List.of(install));
    Commands.Result missing = Commands.run(scratch, List.of(install, "no-such-repo"));

    assertThat(help.exit()).as(help.output()).isZero();
    assertThat(help.output()).startsWith("usage: scripts/install-git-hook [REPOSITORY]");
    assertThat(scratch.resolve("--help")).doesNotExist();
    assertThat(outside.exit()).as(outside.output()).isEqualTo(2);
    assertThat(outside.output())
        .isEqualTo("install-git-hook: " + scratch + " is not in a git repository\n");
    assertThat(missing.exit()).as(missing.output()).isEqualTo(2);
    assertThat(missing.output())
        .isEqualTo("install-git-hook: no-such-repo is not in a git repository\n");
  }

  /** The launcher's command list is a table, so each column starts at one place in every row. */
  @Test
  void theLauncherHelpAlignsItsColumns(@TempDir Path scratch) {
    Commands.Result help =
        Commands.run(
            scratch, List.of(RepoPaths.repoRoot().resolve("bin/homelab").toString(), "-h"));

    assertThat(help.exit()).as(help.output()).isZero();
    List<String> rows =
        help.output().lines().filter(line -> line.matches("  [a-z]+ +.*\\(.*\\.jar.*\\)")).toList();
    assertThat(rows).hasSize(6);
    assertThat(rows.stream().map(row -> row.indexOf(row.trim().split(" +")[1])).distinct())
        .as("descriptions start in one column: %s", rows)
        .hasSize(1);
    assertThat(rows.stream().map(row -> row.indexOf('(')).distinct())
        .as("jars start in one column: %s", rows)
        .hasSize(1);
  }
}
