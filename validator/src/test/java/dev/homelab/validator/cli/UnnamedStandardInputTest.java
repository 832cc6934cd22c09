package dev.homelab.validator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Trees;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Standard input piped in without --stdin-name, from a working directory inside the lab's tree: the
 * document has no file name, so it sits in no folder of the tree, and the rules that judge a file's
 * place say nothing about it. A process of its own, as the working directory decides.
 */
class UnnamedStandardInputTest {

  @TempDir Path scratch;

  /** The rules of each finding the validator reports on {@code input}, run from {@code dir}. */
  private List<String> rulesPipedFrom(Path dir, String input) throws Exception {
    Path piped = Files.writeString(scratch.resolve("piped.yaml"), input, StandardCharsets.UTF_8);
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ValidatorCli.class.getName(),
            "--offline",
            "--no-catalog",
            "--cache-dir",
            scratch.resolve("cache").toString(),
            "--format",
            "json",
            "-");
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectInput(piped.toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(err + out).isIn(0, 1);
    List<String> rules = new ArrayList<>();
    for (JsonNode finding : JsonMapper.builder().build().readTree(out).path("findings")) {
      rules.add(finding.path("rule").asString() + " " + finding.path("message").asString());
    }
    return rules;
  }

  @Test
  void aDocumentWithoutAFileNameSitsInNoFolderOfTheTree() throws Exception {
    Path tree = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    String configMap =
        Trees.read(tree.resolve("applications/nginx/configmap.yaml"))
            .replace("name: nginx-config", "name: nginx-config-next");

    for (Path dir :
        List.of(tree, tree.resolve("infrastructure"), tree.resolve("applications/ollama"))) {
      assertThat(rulesPipedFrom(dir, configMap)).as(dir.toString()).isEmpty();
    }
  }

  /**
   * An object that names no namespace gets none from the folder the command runs in: the folder of
   * a component would otherwise lend it that component's namespace.
   */
  @Test
  void anObjectWithoutANamespaceTakesNoneFromTheWorkingDirectory() throws Exception {
    Path tree = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    String configMap =
        Trees.read(tree.resolve("applications/nginx/configmap.yaml"))
            .replace("name: nginx-config", "name: nginx-config-next")
            .replace("  namespace: dev\n", "");

    List<String> fromRoot = rulesPipedFrom(tree, configMap);
    assertThat(fromRoot)
        .contains(
            "namespace-declared ConfigMap nginx-config-next has no namespace and lies outside"
                + " every component folder");
    for (Path dir :
        List.of(tree.resolve("applications/nginx"), tree.resolve("applications/ollama"))) {
      assertThat(rulesPipedFrom(dir, configMap)).as(dir.toString()).isEqualTo(fromRoot);
    }
  }
}
