package dev.homelab.core.workspace;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated output is checked before it is written, by laying it over the disk. */
class WorkspaceOverlayTest {

  @TempDir Path root;

  private static byte[] configMap(String name) {
    return ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void overlayAddsAndReplacesFilesAndHiddenFilesDisappear() throws Exception {
    write(root, "a.yaml", new String(configMap("on-disk"), StandardCharsets.UTF_8));
    write(root, "b.yaml", new String(configMap("to-delete"), StandardCharsets.UTF_8));
    WorkspaceLoader.Request request =
        new WorkspaceLoader.Request(List.of(root), null, root)
            .withOverlay(
                Map.of(
                    root.resolve("a.yaml"),
                    configMap("replaced"),
                    root.resolve("gen/c.yaml"),
                    configMap("added"),
                    root.resolve("docs/diagram.md"),
                    "# Diagram\n\n```mermaid\nflowchart LR\n```\n"
                        .getBytes(StandardCharsets.UTF_8)),
                Set.of(root.resolve("b.yaml")));
    Workspace workspace = WorkspaceLoader.load(request);
    assertThat(workspace.resources())
        .extracting(r -> r.file() + ":" + r.name())
        .containsExactly("a.yaml:replaced", "gen/c.yaml:added");
    assertThat(workspace.files())
        .as("a generated page is no manifest, as discovery would have it")
        .extracting(file -> file.source().displayPath())
        .containsExactly("a.yaml", "gen/c.yaml");
    assertThat(workspace.resources().get(1).locate("/metadata/name").line()).isEqualTo(4);
  }
}
