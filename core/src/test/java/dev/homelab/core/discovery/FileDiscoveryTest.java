package dev.homelab.core.discovery;

import static dev.homelab.core.testing.GitRepos.git;
import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.testing.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileDiscoveryTest {

  @TempDir Path root;

  private List<String> found(Path... inputs) throws Exception {
    return FileDiscovery.discover(List.of(inputs), root).files().stream()
        .map(SourceFile::displayPath)
        .toList();
  }

  @Test
  void walksYamlAndJsonFilesInSortedOrderAndSkipsBuildFolders() throws Exception {
    write(root, "b/deploy.yaml", "a: 1");
    write(root, "a/svc.yml", "a: 1");
    write(root, "a/data.json", "{}");
    write(root, "a/README.md", "# no");
    write(root, ".git/config.yaml", "a: 1");
    write(root, "x/target/out.yaml", "a: 1");
    write(root, "node_modules/m/p.yaml", "a: 1");
    assertThat(found(root)).containsExactly("a/data.json", "a/svc.yml", "b/deploy.yaml");
  }

  @Test
  void listsOtherFilesApartFromManifestsUnderTheSameSkipAndIgnoreRules() throws Exception {
    write(root, ".homelabignore", "*.bak\n");
    write(root, "scripts/deploy-all.sh", "helm version");
    write(root, "apps/n8n/install.sh.bak", "helm version");
    write(root, "apps/n8n/README.md", "# n8n");
    write(root, "apps/n8n/deployment.yaml", "a: 1");
    write(root, "x/target/build.sh", "true");
    write(root, ".git/HEAD", "ref: refs/heads/main");
    FileDiscovery.Result result =
        FileDiscovery.discover(List.of(root, root.resolve("scripts")), root);
    assertThat(result.otherFiles())
        .extracting(SourceFile::displayPath)
        .containsExactly(".homelabignore", "apps/n8n/README.md", "scripts/deploy-all.sh");
    assertThat(result.files())
        .extracting(SourceFile::displayPath)
        .containsExactly("apps/n8n/deployment.yaml");
  }

  @Test
  void honoursHomelabignoreWithNegationFolderOnlyAndNestedFiles() throws Exception {
    write(root, ".homelabignore", "# generated\n*.json\n!keep.json\nscratch/\n/top-only.yaml\n");
    write(root, "a.json", "{}");
    write(root, "keep.json", "{}");
    write(root, "scratch/x.yaml", "a: 1");
    write(root, "top-only.yaml", "a: 1");
    write(root, "sub/top-only.yaml", "a: 1");
    write(root, "sub/.homelabignore", "local-*.yaml\n");
    write(root, "sub/local-test.yaml", "a: 1");
    write(root, "sub/deep/local-x.yaml", "a: 1");
    write(root, "sub/deep/kept.yaml", "a: 1");
    assertThat(found(root)).containsExactly("keep.json", "sub/deep/kept.yaml", "sub/top-only.yaml");
  }

  /** Argo CD syncs what git holds, so what git ignores is not checked, from any folder above. */
  @Test
  void whatGitIgnoresIsNotCheckedAndHomelabignoreCanTakeItBack() throws Exception {
    write(root, ".git/info/exclude", "scratch/\n");
    write(root, ".gitignore", "*.local.yaml\n");
    write(root, "gitops/.homelabignore", "!keep.local.yaml\n");
    write(root, "gitops/apps/nginx/deployment.yaml", "a: 1");
    write(root, "gitops/apps/nginx/creds.local.yaml", "a: 1");
    write(root, "gitops/apps/nginx/keep.local.yaml", "a: 1");
    write(root, "gitops/scratch/try.yaml", "a: 1");
    // A byte that is not UTF-8 in an ignore file does not stop discovery.
    Files.write(
        root.resolve("gitops/apps/.gitignore"),
        new byte[] {'d', 'r', 'a', 'f', 't', '-', '*', '\n', (byte) 0xff, '\n'});
    write(root, "gitops/apps/draft-pvc.yaml", "a: 1");

    assertThat(found(root.resolve("gitops")))
        .containsExactly("gitops/apps/nginx/deployment.yaml", "gitops/apps/nginx/keep.local.yaml");
    assertThat(found(root.resolve("gitops/apps/nginx/creds.local.yaml"))).isEmpty();
  }

  /**
   * A file git tracks is committed and synced whatever .gitignore says, so it is checked (what
   * .homelabignore lists is left out all the same); read from a real repository's index in each of
   * its formats (3 when an entry is only intended to be added, 4 with paths compressed against the
   * entry before).
   */
  @ParameterizedTest
  @ValueSource(strings = {"2", "3", "4"})
  void filesGitTracksAreCheckedThoughAnIgnoreRuleMatchesThem(String version) throws Exception {
    write(root, ".gitignore", "*.local.yaml\nscratch/\n");
    write(root, "gitops/apps/nginx/deployment.yaml", "a: 1");
    write(root, "gitops/apps/nginx/creds.local.yaml", "a: 1");
    write(root, "gitops/apps/nginx/other.local.yaml", "a: 1");
    write(root, "gitops/scratch/kept.yaml", "a: 1");
    write(root, "gitops/scratch/deeper/kept-too.yaml", "a: 1");
    write(root, "gitops/scratch/try.yaml", "a: 1");
    write(root, "gitops/apps/later.yaml", "a: 1");
    write(root, "gitops/.homelabignore", ".sops.yaml\n");
    write(root, "gitops/.sops.yaml", "creation_rules: []");
    git(root, "init", "-q");
    git(root, "add", ".gitignore", "gitops/apps/nginx/deployment.yaml", "gitops/.sops.yaml");
    git(root, "add", "-f", "gitops/apps/nginx/creds.local.yaml", "gitops/scratch/kept.yaml");
    git(root, "add", "-f", "gitops/scratch/deeper/kept-too.yaml");
    if (version.equals("3")) {
      git(root, "add", "-N", "gitops/apps/later.yaml");
    } else {
      git(root, "add", "gitops/apps/later.yaml");
      git(root, "update-index", "--index-version", version);
    }
    assertThat(Files.readAllBytes(root.resolve(".git/index"))[7])
        .isEqualTo((byte) (version.charAt(0) - '0'));

    assertThat(found(root.resolve("gitops")))
        .containsExactly(
            "gitops/apps/later.yaml",
            "gitops/apps/nginx/creds.local.yaml",
            "gitops/apps/nginx/deployment.yaml",
            "gitops/scratch/deeper/kept-too.yaml",
            "gitops/scratch/kept.yaml");
    assertThat(found(root.resolve("gitops/apps/nginx/creds.local.yaml")))
        .containsExactly("gitops/apps/nginx/creds.local.yaml");
    assertThat(found(root.resolve("gitops/apps/nginx/other.local.yaml"))).isEmpty();
    assertThat(found(root.resolve("gitops/.sops.yaml")))
        .as("what .homelabignore lists stays out, tracked or not")
        .isEmpty();
  }

  /**
   * The pre-commit hook checks a copy of the index, and names the repository through git's
   * variables.
   */
  @Test
  void aCopyOfTheIndexKnowsItsTrackedFilesThroughGitDirAndGitWorkTree(@TempDir Path copy)
      throws Exception {
    write(root, ".gitignore", "*.local.yaml\n");
    write(root, "gitops/creds.local.yaml", "a: 1");
    write(root, "gitops/deployment.yaml", "a: 1");
    git(root, "init", "-q");
    git(root, "add", ".gitignore", "gitops/deployment.yaml");
    git(root, "add", "-f", "gitops/creds.local.yaml");
    git(root, "checkout-index", "--all", "--prefix=" + copy + "/");

    Map<String, String> environment =
        Map.of("GIT_DIR", root.resolve(".git").toString(), "GIT_WORK_TREE", copy.toString());
    assertThat(paths(FileDiscovery.discover(List.of(copy.resolve("gitops")), copy, environment)))
        .containsExactly("gitops/creds.local.yaml", "gitops/deployment.yaml");
    assertThat(paths(FileDiscovery.discover(List.of(copy.resolve("gitops")), copy, Map.of())))
        .as("outside any repository the ignore rules alone decide")
        .containsExactly("gitops/deployment.yaml");
  }

  /** Git's global excludes keep files out of every repository of the user, so out of a run too. */
  @Test
  void theUsersGlobalExcludesApplyAtTheRepositorysTop(@TempDir Path home) throws Exception {
    write(home, ".config/git/ignore", "*.scratch.yaml\n");
    write(home, "my-ignore", "*.mine.yaml\n");
    write(root, "gitops/deployment.yaml", "a: 1");
    write(root, "gitops/try.scratch.yaml", "a: 1");
    write(root, "gitops/kept.scratch.yaml", "a: 1");
    write(root, "gitops/notes.mine.yaml", "a: 1");
    git(root, "init", "-q");
    git(root, "add", "-f", "gitops/kept.scratch.yaml");
    Map<String, String> environment = Map.of("HOME", home.toString());

    assertThat(paths(FileDiscovery.discover(List.of(root.resolve("gitops")), root, environment)))
        .containsExactly(
            "gitops/deployment.yaml", "gitops/kept.scratch.yaml", "gitops/notes.mine.yaml");

    git(root, "config", "core.excludesFile", "~/my-ignore");
    assertThat(paths(FileDiscovery.discover(List.of(root.resolve("gitops")), root, environment)))
        .as("core.excludesFile takes the place of the default file")
        .containsExactly(
            "gitops/deployment.yaml", "gitops/kept.scratch.yaml", "gitops/try.scratch.yaml");
  }

  @Test
  void excludesFileIsReadFromTheCoreSectionOfAGitConfig(@TempDir Path home) throws Exception {
    write(
        home,
        ".gitconfig",
        String.join(
            "\n",
            "[user]",
            "  excludesFile = ~/wrong",
            "[core]",
            "\tautocrlf = input",
            "\tExcludesFile = \"~/.gitignore global\"",
            "[alias]",
            "  excludesfile = ~/wrong-too"));
    write(home, "bare.gitconfig", "[core]\n  bare = false\n");

    assertThat(IgnoreRules.excludesFile(home.resolve(".gitconfig"), home.toString()))
        .contains("~/.gitignore global");
    assertThat(IgnoreRules.excludesFile(home.resolve("bare.gitconfig"), home.toString())).isEmpty();
  }

  /** Dotfile repositories often keep the settings in a file the user's config includes. */
  @Test
  void excludesFileIsFollowedIntoIncludedConfigFilesInGitsOrder(@TempDir Path home)
      throws Exception {
    write(home, "dotfiles/git/ignore.inc", "[core]\n  excludesFile = ~/from-include\n");
    write(home, "dotfiles/git/loop.inc", "[include]\n  path = loop.inc\n");
    write(
        home,
        ".gitconfig",
        "[include]\n  path = ~/dotfiles/git/ignore.inc\n  path = dotfiles/git/loop.inc\n");
    write(
        home,
        "later.gitconfig",
        "[include]\n  path = dotfiles/git/ignore.inc\n[core]\n  excludesFile = ~/set-after\n");
    write(
        home,
        "conditional.gitconfig",
        "[includeIf \"gitdir:~/work/\"]\n  path = dotfiles/git/ignore.inc\n");

    assertThat(IgnoreRules.excludesFile(home.resolve(".gitconfig"), home.toString()))
        .as(
            "a path from home, then a relative one that includes itself, which git refuses and the run outlives")
        .contains("~/from-include");
    assertThat(IgnoreRules.excludesFile(home.resolve("later.gitconfig"), home.toString()))
        .as("a setting after the include wins, as it does in git")
        .contains("~/set-after");
    assertThat(IgnoreRules.excludesFile(home.resolve("conditional.gitconfig"), home.toString()))
        .isEmpty();

    write(home, "from-include", "*.mine.yaml\n");
    write(root, "gitops/deployment.yaml", "a: 1");
    write(root, "gitops/notes.mine.yaml", "a: 1");
    git(root, "init", "-q");
    assertThat(
            paths(
                FileDiscovery.discover(
                    List.of(root.resolve("gitops")), root, Map.of("HOME", home.toString()))))
        .containsExactly("gitops/deployment.yaml");
  }

  @Test
  void anIndexThisReaderDoesNotKnowLeavesTheIgnoreRulesToDecide() {
    assertThat(
            TrackedFiles.read("not an index".getBytes(java.nio.charset.StandardCharsets.UTF_8), 20))
        .isNull();
    byte[] unknownVersion = {'D', 'I', 'R', 'C', 0, 0, 0, 9, 0, 0, 0, 0};
    assertThat(TrackedFiles.read(unknownVersion, 20)).isNull();
    byte[] splitIndex = new byte[12 + 8 + 20 + 20];
    System.arraycopy(new byte[] {'D', 'I', 'R', 'C', 0, 0, 0, 2, 0, 0, 0, 0}, 0, splitIndex, 0, 12);
    System.arraycopy(new byte[] {'l', 'i', 'n', 'k', 0, 0, 0, 20}, 0, splitIndex, 12, 8);
    assertThat(TrackedFiles.read(splitIndex, 20)).isNull();
  }

  private static List<String> paths(FileDiscovery.Result result) {
    return result.files().stream().map(SourceFile::displayPath).toList();
  }

  @Test
  void explicitFilesAreTakenWhateverTheirExtensionUnlessIgnored() throws Exception {
    Path odd = write(root, "manifest.txt", "a: 1");
    write(root, ".homelabignore", "ignored.yaml\n");
    Path ignored = write(root, "ignored.yaml", "a: 1");
    assertThat(found(odd, ignored)).containsExactly("manifest.txt");
  }

  /** Outside a git repository, the scanned folder bounds the links that are followed. */
  @Test
  void symlinkOutOfTheScannedFolderIsAnErrorAndNotFollowed(@TempDir Path outside) throws Exception {
    write(outside, "secret.yaml", "a: 1");
    Path tree = root.resolve("tree");
    write(tree, "ok.yaml", "a: 1");
    Files.createSymbolicLink(tree.resolve("escape.yaml"), outside.resolve("secret.yaml"));
    Files.createSymbolicLink(tree.resolve("escape-dir"), outside);
    Files.createSymbolicLink(tree.resolve("inside.yaml"), tree.resolve("ok.yaml"));
    FileDiscovery.Result result = FileDiscovery.discover(List.of(tree), root);
    assertThat(result.files())
        .extracting(SourceFile::displayPath)
        .containsExactly("tree/inside.yaml", "tree/ok.yaml");
    assertThat(result.findings())
        .extracting(Finding::ruleId, f -> f.severity().toString(), f -> f.location().toString())
        .containsExactly(
            tuple("symlink-outside-root", "ERROR", "tree/escape-dir:1:1"),
            tuple("symlink-outside-root", "ERROR", "tree/escape.yaml:1:1"));
    assertThat(result.findings().get(1).message())
        .startsWith("symbolic link points outside the scanned folder, to ");
  }

  /**
   * Argo CD follows a link that stays inside the repository, so its target is read under the link's
   * own path, wherever in the repository it lies; a link to a folder is not walked, and says so
   * when the folder holds manifests that would then never be synced.
   */
  @Test
  void symlinkInsideTheRepositoryIsReadAsTheFileItPointsAtUnderItsOwnPath() throws Exception {
    GitRepos.init(root);
    Path shared = write(root, "shared/nginx.yaml", "kind: ConfigMap\n");
    Path lab = root.resolve("gitops");
    write(lab, "apps/nginx/deployment.yaml", "kind: Deployment\n");
    Files.createSymbolicLink(
        lab.resolve("apps/nginx/shared.yaml"), Path.of("../../../shared/nginx.yaml"));
    Files.createSymbolicLink(lab.resolve("apps/nginx/alias.yaml"), Path.of("deployment.yaml"));
    Files.createSymbolicLink(lab.resolve("apps/shared"), Path.of("../../shared"));

    Files.createDirectories(root.resolve("scripts"));
    write(root, "scripts/build.sh", "true\n");
    Files.createSymbolicLink(lab.resolve("apps/scripts"), Path.of("../../scripts"));

    FileDiscovery.Result result = FileDiscovery.discover(List.of(lab), root);

    assertThat(result.findings())
        .extracting(Finding::ruleId, f -> f.severity().toString(), f -> f.location().toString())
        .containsExactly(tuple("symlink-to-folder", "WARNING", "gitops/apps/shared:1:1"));
    assertThat(result.findings().get(0).message())
        .isEqualTo(
            "symbolic link to the folder shared, whose 1 YAML or JSON file(s) Argo CD does not"
                + " read, as it does not walk into linked folders; not followed");
    assertThat(result.files())
        .extracting(SourceFile::displayPath)
        .containsExactly(
            "gitops/apps/nginx/alias.yaml",
            "gitops/apps/nginx/deployment.yaml",
            "gitops/apps/nginx/shared.yaml");
    SourceFile link = result.files().get(2);
    assertThat(link.path()).isEqualTo(lab.resolve("apps/nginx/shared.yaml"));
    assertThat(Files.readString(link.path())).isEqualTo(Files.readString(shared));
  }

  /** Argo CD refuses a link out of the repository, though it may stay inside the machine's tree. */
  @Test
  void symlinkOutOfTheRepositoryIsAnErrorWhetherWalkedOrNamed(@TempDir Path outside)
      throws Exception {
    Path repository = root.resolve("repo");
    GitRepos.init(repository);
    write(root, "beside.yaml", "a: 1");
    write(outside, "secret.yaml", "a: 1");
    Path lab = repository.resolve("gitops");
    write(lab, "ok.yaml", "a: 1");
    Files.createSymbolicLink(lab.resolve("beside.yaml"), Path.of("../../beside.yaml"));
    Path named = lab.resolve("secret.yaml");
    Files.createSymbolicLink(named, outside.resolve("secret.yaml"));

    FileDiscovery.Result walked = FileDiscovery.discover(List.of(lab), repository);
    FileDiscovery.Result listed = FileDiscovery.discover(List.of(named), repository);

    assertThat(walked.files())
        .extracting(SourceFile::displayPath)
        .containsExactly("gitops/ok.yaml");
    assertThat(walked.findings())
        .extracting(Finding::ruleId, f -> f.severity().toString(), f -> f.location().toString())
        .containsExactly(
            tuple("symlink-outside-root", "ERROR", "gitops/beside.yaml:1:1"),
            tuple("symlink-outside-root", "ERROR", "gitops/secret.yaml:1:1"));
    assertThat(walked.findings().get(0).message())
        .startsWith("symbolic link points outside the repository, to ");
    assertThat(listed.files()).isEmpty();
    assertThat(listed.findings())
        .extracting(Finding::ruleId, f -> f.location().toString())
        .containsExactly(tuple("symlink-outside-root", "gitops/secret.yaml:1:1"));
  }

  @Test
  void brokenSymlinkIsAnUnreadableFileFinding() throws Exception {
    Files.createSymbolicLink(root.resolve("gone.yaml"), root.resolve("missing.yaml"));
    FileDiscovery.Result result = FileDiscovery.discover(List.of(root), root);
    assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("unreadable-file");
  }

  /** A loop has a target; calling it broken sends the user looking for a missing file. */
  @Test
  void symlinkLoopIsReportedAsALoopNotAsBroken() throws Exception {
    Files.createSymbolicLink(root.resolve("a.yaml"), Path.of("b.yaml"));
    Files.createSymbolicLink(root.resolve("b.yaml"), Path.of("a.yaml"));
    Files.createSymbolicLink(root.resolve("self.yaml"), Path.of("self.yaml"));
    FileDiscovery.Result result = FileDiscovery.discover(List.of(root), root);
    assertThat(result.findings())
        .extracting(Finding::ruleId, Finding::message)
        .containsExactlyInAnyOrder(
            tuple(
                "unreadable-file", "symbolic link loop: a.yaml -> b.yaml -> a.yaml; not followed"),
            tuple(
                "unreadable-file", "symbolic link loop: b.yaml -> a.yaml -> b.yaml; not followed"),
            tuple("unreadable-file", "symbolic link loop: self.yaml -> self.yaml; not followed"));
  }

  @Test
  void missingInputIsAUsageErrorNotAFinding() {
    assertThatThrownBy(() -> found(root.resolve("nope")))
        .isInstanceOf(FileDiscovery.NoSuchPathException.class)
        .hasMessageContaining("nope");
  }
}
