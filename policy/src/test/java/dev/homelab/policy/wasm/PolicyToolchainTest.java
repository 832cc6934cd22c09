package dev.homelab.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homelab.core.testing.Commands;
import dev.homelab.core.testing.Commands.Result;
import dev.homelab.core.testing.PinnedOpa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed Wasm matches the Rego sources, the Rego tests pass, and a stale Wasm is caught.
 * Needs the pinned opa (scripts/install-opa.sh); without it the tests are skipped, except under
 * CI=true where a missing opa is a failure.
 */
class PolicyToolchainTest {
  private static final String WASM_DIR = "policy/src/main/resources/dev/homelab/policy/wasm";
  private static Path repo;
  private static Path opa;

  @BeforeAll
  static void findOpa() {
    repo = Path.of(System.getProperty("homelab.repo.root", "..")).toAbsolutePath().normalize();
    assertThat(PolicyManifest.loadBundled().opaVersion())
        .as("the opa that compiled the committed Wasm is the one scripts/install-opa.sh pins")
        .isEqualTo(PinnedOpa.version());
    opa = PinnedOpa.orSkip("PolicyToolchainTest");
  }

  /** Runs a command with the pinned opa named in OPA, as the scripts expect it. */
  static Result run(Path dir, List<String> command) {
    return Commands.run(dir, command, opa == null ? Map.of() : Map.of("OPA", opa.toString()));
  }

  @Test
  void theCommittedWasmIsUpToDate() {
    Result result = run(repo, List.of("bash", "scripts/build-policy-wasm.sh", "--check"));

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("up to date: " + WASM_DIR);
  }

  @Test
  void theRegoTestsPass() {
    Result result =
        run(repo, List.of(opa.toString(), "test", "--timeout", "120s", "policy/src/main/rego"));

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).containsPattern("PASS: (\\d+)/\\1");
  }

  @Test
  void aStaleWasmFailsTheCheckWithTheRefreshCommand(@TempDir Path copy) throws IOException {
    for (String part : List.of("scripts", "policy/src/main/rego", WASM_DIR)) {
      copyTree(repo.resolve(part), copy.resolve(part));
    }
    Path rego = copy.resolve("policy/src/main/rego/homelab/policies/images.rego");
    String source = Files.readString(rego);
    String changed = source.replace("with the latest tag\"", "tagged latest\"");
    assertThat(changed).as("the edit must change the policy").isNotEqualTo(source);
    Files.writeString(rego, changed);

    Result result = run(copy, List.of("bash", "scripts/build-policy-wasm.sh", "--check"));

    assertThat(result.exit()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("stale: " + WASM_DIR + "/policy.wasm")
        .contains("stale: " + WASM_DIR + "/manifest.json")
        .contains("refresh it with: scripts/build-policy-wasm.sh");
    assertThat(Files.readString(repo.resolve("policy/src/main/rego/homelab/policies/images.rego")))
        .as("the repository itself is untouched")
        .isEqualTo(source);
  }

  @Test
  void theWasmAnswersExactlyLikeOpaEvalOnEveryCase(@TempDir Path dir) throws IOException {
    PolicyEvaluator evaluator = PolicyModule.loadBundled().newEvaluator();
    for (Map.Entry<String, JsonNode> c : TestResources.cases().entrySet()) {
      String data = PolicyCasesTest.dataFor(c.getValue());
      Path dataFile = Files.writeString(dir.resolve("data.json"), data);
      Path inputFile =
          Files.writeString(dir.resolve("input.json"), c.getValue().get("input").toString());
      Result opaEval =
          run(
              repo,
              List.of(
                  opa.toString(),
                  "eval",
                  "--format",
                  "json",
                  "--data",
                  "policy/src/main/rego/homelab/lib",
                  "--data",
                  "policy/src/main/rego/homelab/main/main.rego",
                  "--data",
                  "policy/src/main/rego/homelab/policies",
                  "--data",
                  dataFile.toString(),
                  "--input",
                  inputFile.toString(),
                  "--ignore",
                  "*_test.rego",
                  "data.homelab.main.violations"));
      assertThat(opaEval.exit()).as(opaEval.output()).isZero();
      JsonNode expected =
          Json.parse(opaEval.output(), "opa eval").at("/result/0/expressions/0/value");
      evaluator.setData(data);
      JsonNode actual =
          Json.parse(evaluator.evaluateRaw(c.getValue().get("input").toString()), "wasm")
              .at("/0/result");

      // JsonNode equality ignores key order, which differs between the two evaluators.
      assertThat(list(actual)).as(c.getKey()).containsExactlyInAnyOrderElementsOf(list(expected));
      assertThat(list(expected)).as(c.getKey()).hasSize(c.getValue().get("expect").size());
    }
  }

  private static List<JsonNode> list(JsonNode violations) {
    List<JsonNode> out = new ArrayList<>();
    violations.forEach(out::add);
    return out;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
