package dev.homelab.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.cli.ToolRun;
import dev.homelab.core.config.HomeLab;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.testing.CommandOptions;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.yaml.YamlFile;
import dev.homelab.generator.model.ComponentFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ignore files of the repository decide which files of a lab in one of its folders the
 * generated Applications sync, as they decide which files validate checks: those of the folders
 * above the lab too, as git reads them, and never for a file git tracks.
 */
class IgnoredFilesTest {
  private static final String WEB = "gitops/argocd/apps/apps/web.yaml";

  @TempDir Path scratch;
  private TestLab lab;

  @BeforeEach
  void createLab() throws IOException {
    lab = TestLab.create(scratch);
  }

  @Test
  void aFileTheRepositorysTopGitignoreLeavesOutDoesNotMakeTheAppsStale() {
    assertThat(lab.generate().exitCode()).isZero();
    lab.write(".gitignore", "*.local.yaml\n");
    lab.commitAll("Ignore local files");
    lab.write("gitops/applications/web/creds.local.yaml", configMap("creds.local.yaml"));
    String head = lab.head();

    TestLab.Run check = lab.generate("--check");
    TestLab.Run run = lab.generate();

    assertThat(check.exitCode()).as(check.toString()).isZero();
    assertThat(check.out()).contains("up to date");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(lab.head()).as("nothing committed").isEqualTo(head);
    assertThat(lab.read(WEB)).doesNotContain("creds.local.yaml");
  }

  @Test
  void aFileGitTracksThoughTheTopGitignoreMatchesItIsSynced() {
    assertThat(lab.generate().exitCode()).isZero();
    lab.write(".gitignore", "*.local.yaml\n");
    lab.write("gitops/applications/web/creds.local.yaml", configMap("creds.local.yaml"));
    lab.git.run(lab.local, "add", "-f", "gitops/applications/web/creds.local.yaml");
    lab.commitAll("Track one local file");

    TestLab.Run check = lab.generate("--check");
    TestLab.Run run = lab.generate();

    assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
    assertThat(check.err()).contains("stale: " + WEB);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(lab.read(WEB)).contains("creds.local.yaml");
  }

  @Test
  void validateAndGenerateCountTheSameFilesOfEachComponent() throws Exception {
    lab.write(".gitignore", "*.local.yaml\nscratch/\n");
    lab.write(".homelabignore", "draft-*.yaml\n");
    lab.write("gitops/applications/web/.gitignore", "!keep.local.yaml\n");
    for (String file :
        List.of(
            "creds.local.yaml",
            "tracked.local.yaml",
            "scratch/untracked.yaml",
            "scratch/tracked.yaml",
            "draft-1.yaml")) {
      lab.write("gitops/applications/web/" + file, configMap(file));
    }
    lab.git.run(
        lab.local,
        "add",
        "-f",
        "gitops/applications/web/tracked.local.yaml",
        "gitops/applications/web/scratch/tracked.yaml");
    lab.commitAll("Track some ignored files");
    lab.write("gitops/applications/web/keep.local.yaml", configMap("keep.local.yaml"));

    Workspace validated = ToolRun.load(CommandOptions.parse(lab.tree.toString()));
    HomeLabConfig config = validated.config().orElseThrow();
    ComponentFiles byValidate =
        ComponentFiles.classify(config, validated.files().stream().map(YamlFile::source).toList());

    assertThat(manifests(config, ComponentFiles.scan(config)))
        .isEqualTo(manifests(config, byValidate));
    assertThat(manifests(config, byValidate))
        .containsEntry(
            "web",
            new TreeSet<>(
                List.of(
                    "configmap.yaml",
                    "keep.local.yaml",
                    "scratch/tracked.yaml",
                    "tracked.local.yaml")));
  }

  private static Map<String, SortedSet<String>> manifests(
      HomeLabConfig config, ComponentFiles files) {
    Map<String, SortedSet<String>> byComponent = new TreeMap<>();
    for (HomeLab.Component component : config.lab().components()) {
      byComponent.put(component.name(), files.manifests(component));
    }
    return byComponent;
  }

  /** A ConfigMap of the web component named after {@code file}. */
  private static String configMap(String file) {
    String name = "web-" + file.replaceAll("[^a-z0-9]+", "-");
    return TestLab.configMap("web", "apps", "hello").replace("name: web-config", "name: " + name);
  }
}
