package dev.homelab.generator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.Commands;
import dev.homelab.core.testing.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job summary the pull-request workflow writes from the two tools' JSON reports. */
class PrSummaryScriptTest {

  private static final String DUPLICATE_KEY =
      """
      {"rule": "duplicate-key", "severity": "error", "message": "duplicate key `name`",
       "file": "gitops/a.yaml", "line": 5, "column": 3, "endLine": 5, "endColumn": 7,
       "help": "https://example.com/duplicate-key.md"}""";

  @TempDir Path directory;

  private Commands.Result summary(String validatorFindings, String policyFindings)
      throws Exception {
    Commands.Result python = Commands.run(directory, List.of("python3", "--version"));
    Assumptions.assumeTrue(python.exit() == 0, "no python3 here: " + python.output());
    report("validator", validatorFindings);
    report("policy", policyFindings);
    Path script = RepoPaths.repoRoot().resolve("scripts/pr-summary.py");
    return Commands.run(
        directory, List.of("python3", script.toString(), "validator.json", "policy.json"));
  }

  private void report(String tool, String findings) throws Exception {
    long errors = findings.split("\"severity\": \"error\"", -1).length - 1;
    Files.writeString(
        directory.resolve(tool + ".json"),
        "{\"tool\": \""
            + tool
            + "\", \"version\": \"1\", \"summary\": {\"errors\": "
            + errors
            + ", \"warnings\": 0, \"infos\": 0, \"exempted\": 0, \"files\": 1, \"resources\": 1},"
            + " \"findings\": ["
            + findings
            + "]}");
  }

  @Test
  void aFindingBothToolsReportForOneFileCountsOnce() throws Exception {
    Commands.Result run = summary(DUPLICATE_KEY, DUPLICATE_KEY);

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("1 errors, 0 warnings")
        .contains("[`duplicate-key`](https://example.com/duplicate-key.md) | error | 1 |");
    assertThat(run.output().lines().filter(line -> line.startsWith("| error | `gitops/a.yaml")))
        .hasSize(1);
  }

  @Test
  void aMessageAndAFileAreShownAsWrittenNotAsMarkdownOrHtml() throws Exception {
    String awkward =
        """
        {"rule": "wrong-type", "severity": "error",
         "message": "got <nil> & `a|b` | *x*\\r\\nnext \\u001b[31m",
         "file": "gitops/a|b `c`.yaml", "line": 2, "column": 3, "endLine": 2, "endColumn": 4}""";

    Commands.Result run = summary("", awkward);

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains(
            "| error | ``gitops/a\\|b `c`.yaml:2:3`` | `wrong-type` |"
                + " got \\<nil\\> &amp; `a\\|b` \\| \\*x\\* next \\\\u001B\\[31m |");
  }
}
