package dev.homelab.core.discovery;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void explicitFilesAreTakenWhateverTheirExtensionUnlessIgnored() throws Exception {
    Path odd = write(root, "manifest.txt", "a: 1");
    write(root, ".homelabignore", "ignored.yaml\n");
    Path ignored = write(root, "ignored.yaml", "a: 1");
    assertThat(found(odd, ignored)).containsExactly("manifest.txt");
  }

  @Test
  void symlinkOutOfTheRootIsReportedAndNotFollowed(@TempDir Path outside) throws Exception {
    write(outside, "secret.yaml", "a: 1");
    Path tree = root.resolve("tree");
    write(tree, "ok.yaml", "a: 1");
    Files.createSymbolicLink(tree.resolve("escape.yaml"), outside.resolve("secret.yaml"));
    Files.createSymbolicLink(tree.resolve("escape-dir"), outside);
    Files.createSymbolicLink(tree.resolve("inside.yaml"), tree.resolve("ok.yaml"));
    FileDiscovery.Result result = FileDiscovery.discover(List.of(tree), root);
    assertThat(result.files()).extracting(SourceFile::displayPath).containsExactly("tree/ok.yaml");
    assertThat(result.findings())
        .extracting(Finding::ruleId, f -> f.location().toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("symlink-outside-root", "tree/escape-dir:1:1"),
            org.assertj.core.groups.Tuple.tuple("symlink-outside-root", "tree/escape.yaml:1:1"));
  }

  @Test
  void brokenSymlinkIsAnUnreadableFileFinding() throws Exception {
    Files.createSymbolicLink(root.resolve("gone.yaml"), root.resolve("missing.yaml"));
    FileDiscovery.Result result = FileDiscovery.discover(List.of(root), root);
    assertThat(result.findings()).extracting(Finding::ruleId).containsExactly("unreadable-file");
  }

  @Test
  void missingInputIsAUsageErrorNotAFinding() {
    assertThatThrownBy(() -> found(root.resolve("nope")))
        .isInstanceOf(FileDiscovery.NoSuchPathException.class)
        .hasMessageContaining("nope");
  }
}
