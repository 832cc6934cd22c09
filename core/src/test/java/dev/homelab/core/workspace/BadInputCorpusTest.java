package dev.homelab.core.workspace;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.finding.Finding;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken input: each file gives one finding with a position, and nothing crashes. */
class BadInputCorpusTest {

  @TempDir static Path root;
  @TempDir static Path outside;

  private static Workspace workspace;

  @BeforeAll
  static void loadCorpus() throws Exception {
    Path tree = root.resolve("tree");
    write(tree, "empty.yaml", "");
    write(tree, "comments.yaml", "# only a comment\n# and another\n");
    Files.write(
        tree.resolve("invalid-utf8.yaml"),
        new byte[] {'a', ':', ' ', 'x', '\n', 'b', ':', ' ', (byte) 0xFF, '\n'});
    write(tree, "tabs.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tabbed\n");
    StringBuilder laughs =
        new StringBuilder("apiVersion: v1\nkind: ConfigMap\nl0: &l0 [lol, lol]\nl1: [");
    for (int i = 0; i < 10_000; i++) {
      laughs.append(i == 0 ? "*l0" : ", *l0");
    }
    write(tree, "laughs.yaml", laughs.append("]\n").toString());
    try (OutputStream out = Files.newOutputStream(tree.resolve("huge.yaml"))) {
      byte[] line =
          "k: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\n"
              .getBytes(StandardCharsets.US_ASCII);
      for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
        out.write(line);
      }
    }
    Files.write(
        tree.resolve("utf16.yaml"),
        "\uFEFFapiVersion: v1\nkind: ConfigMap\n".getBytes(StandardCharsets.UTF_16LE));
    Files.write(tree.resolve("binary.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
    write(outside, "elsewhere.yaml", "apiVersion: v1\nkind: ConfigMap\n");
    Files.createSymbolicLink(tree.resolve("escape.yaml"), outside.resolve("elsewhere.yaml"));
    write(tree, "shared/ok.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: shared\n");
    Files.createSymbolicLink(tree.resolve("linked"), tree.resolve("shared"));
    write(tree, "scalar.yaml", "just a string\n");
    write(tree, "list.yaml", "- a\n- b\n");
    write(tree, "no-kind.yaml", "apiVersion: v1\nmetadata:\n  name: x\n");
    write(
        tree,
        "second-doc-scalar.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\n42\n");
    write(tree, "null-list.yaml", "apiVersion: v1\nkind: ConfigMapList\nitems: null\n");
    workspace = WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(tree), null, root));
  }

  private static Map<String, String> findingsByFile() {
    Map<String, String> byFile = new TreeMap<>();
    for (Finding finding : workspace.loadFindings()) {
      String previous =
          byFile.put(
              finding.location().file().replace("tree/", ""),
              finding.ruleId()
                  + "@"
                  + finding.location().line()
                  + ":"
                  + finding.location().column());
      assertThat(previous).as("one finding per file: " + finding).isNull();
    }
    return byFile;
  }

  @Test
  void everyBadFileGivesOnePositionedFinding() {
    assertThat(findingsByFile())
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("empty.yaml", "empty-file@1:1"),
                Map.entry("comments.yaml", "empty-file@1:1"),
                Map.entry("invalid-utf8.yaml", "invalid-utf8@2:4"),
                Map.entry("tabs.yaml", "yaml-syntax-error@4:1"),
                Map.entry("laughs.yaml", "yaml-alias-limit@4:506"),
                Map.entry("huge.yaml", "file-too-large@1:1"),
                Map.entry("binary.yaml", "binary-file@1:1"),
                Map.entry("utf16.yaml", "invalid-utf8@1:1"),
                Map.entry("escape.yaml", "symlink-outside-root@1:1"),
                Map.entry("linked", "symlink-to-folder@1:1"),
                Map.entry("scalar.yaml", "manifest-not-object@1:1"),
                Map.entry("list.yaml", "manifest-not-object@1:1"),
                Map.entry("no-kind.yaml", "manifest-missing-type@1:1"),
                Map.entry("second-doc-scalar.yaml", "manifest-not-object@6:1")));
  }

  @Test
  void aListWhoseItemsAreNullIsAnEmptyListAsArgoCdAndKubectlReadIt() {
    assertThat(findingsByFile()).doesNotContainKey("null-list.yaml");
    assertThat(workspace.resources()).extracting(r -> r.kind()).doesNotContain("ConfigMapList");
  }

  @Test
  void goodDocumentsBesideBadOnesStillLoad() {
    assertThat(workspace.resources())
        .extracting(r -> r.kind() + "/" + r.name())
        .containsExactly("ConfigMap/ok", "Secret/shared");
  }
}
