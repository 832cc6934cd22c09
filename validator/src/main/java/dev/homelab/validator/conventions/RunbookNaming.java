package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import java.util.List;
import java.util.regex.Pattern;

/** Runbooks are named {@code {component}-{operation}.md}. */
final class RunbookNaming implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "runbook-naming",
          Labels.FAMILY,
          "A runbook file is not named {component}-{operation}.md.",
          "Runbooks in docs/runbooks/ are named after what they operate on and what they do,"
              + " such as postgres-backup.md or cluster-recovery.md, so the right one is found"
              + " under pressure.",
          Severity.ERROR,
          Labels.SINCE,
          "Rename the file to <component>-<operation>.md in lower case.");

  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)+\\.md");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    return DocNames.misnamed(tree, INFO, "runbooks", NAME, "{component}-{operation}.md");
  }
}
