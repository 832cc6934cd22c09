package dev.homelab.core.cli;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.testing.CommandOptions;
import dev.homelab.core.workspace.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A suite for tests of the pipeline: on every object, an error saying which lab's config the run
 * had and how many objects it loaded, which shows what was loaded around the files reported.
 */
final class CountingSuite implements CheckSuite {

  static final RuleInfo RULE =
      new RuleInfo("tree-size", "test", "Counts.", "", Severity.ERROR, "0.1.0", "Nothing.");

  static final CountingSuite INSTANCE = new CountingSuite();

  /** What a run printed, and its exit code. */
  record Run(int exit, String out, String err) {}

  private CountingSuite() {}

  @Override
  public List<RuleInfo> rules() {
    return List.of(RULE);
  }

  @Override
  public List<Finding> check(Workspace workspace) {
    String lab = workspace.config().map(config -> config.lab().name()).orElse("none");
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : workspace.resources()) {
      findings.add(
          Finding.of(
              RULE,
              resource.location(),
              resource.ref(),
              lab + " holds " + workspace.resources().size()));
    }
    return findings;
  }

  /** Runs the pipeline with this suite as a command would, with {@code args}. */
  static Run run(String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        ToolRun.execute(
            "test",
            CommandOptions.parse(args),
            List.of(INSTANCE),
            new PrintWriter(out),
            new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString().replace(System.lineSeparator(), "\n"));
  }
}
