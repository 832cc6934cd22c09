package dev.homelab.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.homelab.core.config.ConfigLoader;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.generator.git.GitCli;
import dev.homelab.generator.model.AppOfApps;
import dev.homelab.generator.model.ArgoObject;
import dev.homelab.generator.model.ComponentFiles;
import dev.homelab.generator.output.GeneratedOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generated app-of-apps of the real lab in {@code gitops/} is committed; this test fails when
 * it drifts from what the generator makes, and checks every object against Argo CD's own schemas.
 */
class GoldenTest {
  private static final GeneratedOutput LAYOUT =
      new GeneratedOutput("gitops/argocd", "docs/diagrams/app-of-apps.md", "gitops/homelab.yaml");

  @TempDir Path scratch;

  @Test
  void generatingForTheRealLabYieldsExactlyTheCommittedFiles() throws Exception {
    Path root = RepoPaths.repoRoot();
    SortedMap<String, byte[]> generated = LAYOUT.render(plan(root));

    TreeSet<String> committed = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root.resolve("gitops/argocd"))) {
      files
          .filter(Files::isRegularFile)
          .forEach(f -> committed.add(root.relativize(f).toString().replace('\\', '/')));
    }
    committed.add(LAYOUT.diagram());
    assertThat(committed)
        .as("files on disk; regenerate with %s", GeneratedOutput.RUN_HINT)
        .containsExactlyElementsOf(generated.keySet());
    for (var file : generated.entrySet()) {
      assertThat(Files.readString(root.resolve(file.getKey()), StandardCharsets.UTF_8))
          .as("%s; regenerate with %s", file.getKey(), GeneratedOutput.RUN_HINT)
          .isEqualTo(new String(file.getValue(), StandardCharsets.UTF_8));
    }
    assertThat(generated.keySet())
        .contains(
            "gitops/argocd/root.yaml",
            "gitops/argocd/namespaces/infra.yaml",
            "gitops/argocd/apps/monitoring/prometheus.yaml",
            "gitops/argocd/apps/dev/dev-containers.yaml")
        .noneMatch(path -> path.endsWith("/k3s.yaml"));
  }

  /**
   * The plain git hook skips generate --check for a commit that only edits manifests, on the ground
   * that what the generator makes follows homelab.yaml and the names of the files, never their
   * contents. If this fails, the generator reads contents now: change scripts/install-git-hook.
   */
  @Test
  void whatTheGeneratorMakesDoesNotDependOnWhatTheManifestsSay() throws Exception {
    Path root = RepoPaths.repoRoot();
    Path copy = scratch.resolve("lab");
    dev.homelab.core.testing.Trees.copy(root.resolve("gitops"), copy.resolve("gitops"));
    int rewritten = 0;
    try (Stream<Path> files = Files.walk(copy.resolve("gitops"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        boolean generated = copy.resolve("gitops").relativize(file).startsWith("argocd");
        if (!generated && !name.equals("homelab.yaml") && name.matches(".*\\.(ya?ml|json)")) {
          Files.writeString(file, "# rewritten\napiVersion: v1\nkind: ConfigMap\n");
          rewritten++;
        }
      }
    }

    assertThat(rewritten).isGreaterThan(50);
    SortedMap<String, byte[]> original = LAYOUT.render(plan(root));
    SortedMap<String, byte[]> fromRewritten = LAYOUT.render(plan(copy));
    assertThat(fromRewritten.keySet()).isEqualTo(original.keySet());
    for (String path : original.keySet()) {
      assertThat(new String(fromRewritten.get(path), StandardCharsets.UTF_8))
          .as(path)
          .isEqualTo(new String(original.get(path), StandardCharsets.UTF_8));
    }
  }

  @Test
  void everyGeneratedObjectValidatesAgainstTheArgoCdSchemas() throws Exception {
    Path schemas = RepoPaths.shared("schemas/crds/argoproj.io");
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    JsonMapper json = JsonMapper.builder().build();
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (var file : LAYOUT.render(plan(RepoPaths.repoRoot())).entrySet()) {
      if (!file.getKey().endsWith(".yaml")) {
        continue;
      }
      for (Object document : yaml.loadAll(new String(file.getValue(), StandardCharsets.UTF_8))) {
        ArgoObject object = ArgoObject.parse(document).orElseThrow();
        Path schemaFile =
            schemas.resolve(object.kind().toLowerCase(Locale.ROOT) + "_v1alpha1.json");
        Schema schema = registry.getSchema(json.readTree(Files.readString(schemaFile)));
        JsonNode node = json.valueToTree(document);
        for (Error error : schema.validate(node)) {
          problems.add(file.getKey() + " " + object.label() + ": " + error);
        }
        checked++;
      }
    }
    assertThat(problems).isEmpty();
    assertThat(checked).as("root + 9 x (project, namespace app) + 24 components").isEqualTo(43);
  }

  @Test
  void checkPassesOnAFreshCloneOfTheProject() throws Exception {
    Path root = RepoPaths.repoRoot();
    assumeTrue(Files.exists(root.resolve(".git")), root + " is not a git checkout");
    GitCli git = GitCli.isolatedIn(scratch);
    git.run(scratch, "clone", "-q", root.toString(), "project");

    TestLab.Run run = TestLab.cli(scratch.resolve("project/gitops").toString(), "--check");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("The committed app-of-apps is up to date.");
  }

  private static AppOfApps plan(Path root) throws Exception {
    HomeLabConfig config = ConfigLoader.load(root.resolve("gitops/homelab.yaml"), root);
    return AppOfApps.plan(config, ComponentFiles.scan(config));
  }
}
