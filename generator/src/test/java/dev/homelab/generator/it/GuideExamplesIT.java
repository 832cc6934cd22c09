package dev.homelab.generator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.PinnedOpa;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.generator.cluster.MockArgoCd;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code console} example of docs/guide.md, each block in a fresh sandbox copy of the
 * repository: {@code $ } lines are commands (a trailing {@code # exit N} is the expected exit code,
 * else 0), and the lines after a command must appear in its output in that order. The Argo CD
 * examples talk to the fabric8 mock API server in CRUD mode, since no real cluster runs here.
 */
class GuideExamplesIT {

  private static final Path GUIDE = RepoPaths.repoRoot().resolve("docs/guide.md");
  private static final Pattern EXIT = Pattern.compile("^(.*?)\\s+#\\s*exit\\s+(\\d+)\\s*$");

  /** One command of an example, with its expected exit code and output lines. */
  record Step(String command, int exit, List<String> expected) {}

  /** One console block: where it starts in the guide, and its steps. */
  record Example(int line, List<Step> steps) {
    @Override
    public String toString() {
      return "guide.md:" + line + " " + steps.get(0).command();
    }
  }

  private static KubernetesMockServer cluster;

  @TempDir Path directory;

  @BeforeAll
  static void startMockCluster() {
    cluster =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    cluster.init();
    cluster.expectCustomResource(MockArgoCd.APPLICATIONS);
  }

  @AfterAll
  static void stopMockCluster() {
    cluster.destroy();
  }

  static Stream<Example> examples() throws Exception {
    List<String> lines = Files.readAllLines(GUIDE, StandardCharsets.UTF_8);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals("```console")) {
        continue;
      }
      int start = i + 1;
      List<Step> steps = new ArrayList<>();
      for (i++; !lines.get(i).equals("```"); i++) {
        String line = lines.get(i);
        if (line.startsWith("$ ")) {
          Matcher exit = EXIT.matcher(line.substring(2));
          steps.add(
              exit.matches()
                  ? new Step(exit.group(1), Integer.parseInt(exit.group(2)), new ArrayList<>())
                  : new Step(line.substring(2), 0, new ArrayList<>()));
        } else if (!line.isBlank()) {
          steps.get(steps.size() - 1).expected().add(line);
        }
      }
      examples.add(new Example(start, steps));
    }
    assertThat(examples).as("console examples in the guide").hasSizeGreaterThan(5);
    return examples.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void theExampleRunsAsShown(Example example) throws Exception {
    boolean needsOpa = example.steps().stream().anyMatch(s -> s.command().contains("--policy-dir"));
    if (needsOpa) {
      PinnedOpa.orSkip(example.toString());
    }
    Sandbox lab = Sandbox.create(directory);
    PinnedOpa.find()
        .ifPresent(opa -> lab.env("PATH", opa.getParent() + ":" + System.getenv("PATH")));
    lab.env("KUBECONFIG", kubeconfig(lab.root()).toString());
    for (Step step : example.steps()) {
      Sandbox.Result result = lab.sh(step.command());
      String where = example + " → $ " + step.command() + "\n" + result.output();
      assertThat(result.exit()).as(where).isEqualTo(step.exit());
      int from = 0;
      List<String> output = result.output().lines().toList();
      for (String expected : step.expected()) {
        int found = -1;
        for (int j = from; j < output.size(); j++) {
          if (output.get(j).contains(expected.strip())) {
            found = j;
            break;
          }
        }
        assertThat(found)
            .as("expected line «" + expected + "» in order, in " + where)
            .isGreaterThanOrEqualTo(0);
        from = found + 1;
      }
    }
  }

  /** A kubeconfig whose context "lab" is the mock cluster. */
  private static Path kubeconfig(Path root) throws Exception {
    Path file = root.resolve(".kube-config");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: lab
            cluster: {server: "%s"}
        users:
          - name: operator
            user: {token: not-a-real-token}
        contexts:
          - name: lab
            context: {cluster: lab, user: operator, namespace: argocd}
        current-context: lab
        """
            .formatted(cluster.url("/").replaceAll("/$", "")));
    return file;
  }
}
