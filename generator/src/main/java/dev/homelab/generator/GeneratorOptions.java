package dev.homelab.generator;

import dev.homelab.core.cli.CheckSuite;
import dev.homelab.core.finding.FailOn;
import dev.homelab.core.finding.Report;
import dev.homelab.generator.git.GitCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * How one refresh runs; the CLI fills it from its options.
 *
 * @param workingDir where the run starts looking for the tree and its repository
 * @param tree the folder of homelab.yaml, or null to find it from {@code workingDir}
 * @param config homelab.yaml, or null for the one in the tree
 * @param repo a path or URL to clone into a temporary folder and work in, or null
 * @param author {@code Name <email>} for the commit, or null for git config
 * @param push push the branch to {@code origin} after committing
 * @param check write nothing; fail when the committed (or staged) output is stale
 * @param dryRun write nothing; print the diff that a run would make
 * @param skipChecks skip the gate, loudly
 * @param allowRename go ahead when an Application is renamed
 * @param allowDelete go ahead when a component's Application is removed
 * @param suites the gate's check suites
 * @param report a report is asked for, so the gate runs even when there is nothing to write
 * @param failOn findings at or above this also stop the run (errors always do)
 * @param reporter shows the gate's report
 * @param credentials git credentials for cloning and pushing
 */
public record GeneratorOptions(
    Path workingDir,
    Path tree,
    Path config,
    String repo,
    String author,
    boolean push,
    boolean check,
    boolean dryRun,
    boolean skipChecks,
    boolean allowRename,
    boolean allowDelete,
    List<CheckSuite> suites,
    boolean report,
    FailOn failOn,
    GateReporter reporter,
    Supplier<GitCredentials> credentials) {

  /** Shows the gate's report; {@code blocked} says whether it stopped the run. */
  @FunctionalInterface
  public interface GateReporter {
    void show(Report report, boolean blocked) throws IOException;
  }
}
