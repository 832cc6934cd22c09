package dev.homelab.generator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pull-request workflow's own check steps, run exactly as written on a copy of the repository:
 * the jars with their reports and annotations, the freshness check and the job summary. GitHub
 * Actions cannot run here, so its {@code uses:} steps are only checked for commit pins, and the
 * verdict step's expressions are replaced by asserting each step's exit code.
 */
class PrChecksWorkflowIT {

  private static final Path WORKFLOW =
      RepoPaths.repoRoot().resolve(".github/workflows/pr-checks.yml");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path directory;

  @Test
  void everyActionIsPinnedToACommit() throws Exception {
    List<String> actions = new ArrayList<>();
    for (Map<String, Object> step : steps()) {
      if (step.get("uses") instanceof String uses) {
        actions.add(uses);
      }
    }
    assertThat(actions)
        .isNotEmpty()
        .allMatch(uses -> uses.matches("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}"), "pinned by SHA");
    assertThat(actions).anyMatch(uses -> uses.startsWith("github/codeql-action/upload-sarif@"));
  }

  @Test
  void aCleanLabPassesEveryCheckStepAndSaysSo() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    Map<String, Sandbox.Result> results = runCheckSteps(lab);

    assertThat(results.keySet()).contains("Validator", "Policy", "Job summary");
    results.forEach(
        (name, result) -> assertThat(result.exit()).as(name + ":\n" + result.output()).isZero());
    assertThat(Files.readString(lab.root().resolve("summary.md")))
        .startsWith("## homelab checks passed: validator + policy")
        .contains("0 errors, 0 warnings");
  }

  @Test
  void aBrokenManifestFailsWithAnnotationsReportsAndAWorstFirstSummary() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    String deployment = "gitops/applications/nginx/deployment.yaml";
    lab.sh("sed -i 's/replicas: 1/replicas: \"1\"/' " + deployment);
    lab.sh("sed -i 's/nginx-unprivileged:1.28.0-alpine/nginx-unprivileged:latest/' " + deployment);

    Map<String, Sandbox.Result> results = runCheckSteps(lab);

    assertThat(results.get("Validator").exit()).isEqualTo(1);
    assertThat(results.get("Validator").output())
        .contains("::error file=" + deployment + ",line=14,col=13")
        .contains("title=wrong-type::");
    assertThat(results.get("Policy").exit()).isEqualTo(1);
    assertThat(results.get("Policy").output())
        .contains("::error file=" + deployment + ",line=37,col=18")
        .contains("title=image-tag-latest::");
    assertThat(results.get("Generated Argo CD tree is fresh").exit()).isZero();
    assertThat(results.get("Job summary").exit()).isZero();

    JsonNode sarif = JSON.readTree(Files.readString(lab.root().resolve("policy.sarif")));
    assertThat(sarif.at("/runs/0/results/0/ruleId").asString()).isEqualTo("image-tag-latest");
    Element suites =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(lab.root().resolve("validator-junit.xml").toFile())
            .getDocumentElement();
    assertThat(suites.getElementsByTagName("failure").getLength()).isEqualTo(1);

    String summary = Files.readString(lab.root().resolve("summary.md"));
    assertThat(summary)
        .startsWith("## homelab checks failed: validator + policy")
        .contains("2 errors, 0 warnings")
        .contains("docs/rules/wrong-type.md) | error | 1 |")
        .contains("docs/rules/image-tag-latest.md) | error | 1 |")
        .contains("| error | `" + deployment + ":14:13` | `wrong-type` |")
        .contains("| error | `" + deployment + ":37:18` | `image-tag-latest` |");

    // A step that died before writing its report still leaves a summary, and it says failed.
    Sandbox.Result partial = lab.sh("python3 scripts/pr-summary.py missing.json policy.json");
    assertThat(partial.exit()).isZero();
    assertThat(partial.output())
        .startsWith("## homelab checks failed: policy")
        .contains("`missing.json` could not be read")
        .doesNotContain("Traceback");
  }

  @Test
  void aPullRequestIsComparedWithItsBaseBranch() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    // What the workflow sets for a pull request; the sandbox's one commit stands for the base.
    lab.env("BASE", "HEAD");
    String claims = "gitops/applications/paperless/pvc.yaml";
    lab.sh("sed -i '21s/storage: 5Gi/storage: 2Gi/' " + claims);

    Map<String, Sandbox.Result> results = runCheckSteps(lab);

    assertThat(results.get("Validator").exit()).isEqualTo(1);
    assertThat(results.get("Validator").output())
        .contains("::error file=" + claims + ",line=21,col=7")
        .contains("title=immutable-field-changed::");
    assertThat(results.get("Policy").exit()).isZero();
  }

  /** Runs the steps that check the tree (the jars and the summary), by step name, in order. */
  private Map<String, Sandbox.Result> runCheckSteps(Sandbox lab) throws Exception {
    lab.env("GITHUB_STEP_SUMMARY", lab.root().resolve("summary.md").toString());
    Map<String, Sandbox.Result> results = new LinkedHashMap<>();
    for (Map<String, Object> step : steps()) {
      if (step.get("run") instanceof String run
          && (run.startsWith("java -jar ") || run.startsWith("python3 scripts/"))) {
        results.put((String) step.get("name"), lab.sh(run.strip()));
      }
    }
    return results;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps() throws Exception {
    Map<String, Object> workflow = new Yaml().load(Files.readString(WORKFLOW));
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Object job : ((Map<String, Object>) workflow.get("jobs")).values()) {
      steps.addAll((List<Map<String, Object>>) ((Map<String, Object>) job).get("steps"));
    }
    return steps;
  }
}
