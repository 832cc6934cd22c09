package dev.homelab.validator.conventions;

import dev.homelab.core.config.OutputPaths;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * homelab.yaml's docsPath leads out of the repository that holds the lab, so the generator refuses
 * the lab and the ADR and runbook rules look at a folder the repository does not have.
 */
final class DocsPathOutsideRepository implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "docs-path-outside-repository",
          Labels.FAMILY,
          "homelab.yaml's docsPath leads out of the lab's repository.",
          "The generator writes the app-of-apps diagram under docsPath and commits it to the"
              + " repository that holds homelab.yaml, so a docsPath that leads out of that"
              + " repository makes it refuse the lab with exit 2; the ADR and runbook rules read"
              + " their documents from docsPath too, and outside the repository they check"
              + " nothing. An unset docsPath is `../docs`, which suits a lab in a gitops/ folder"
              + " but leads out of the repository for a lab at its top; the finding is then at the"
              + " file's first line. The rule resolves docsPath from the folder of homelab.yaml and"
              + " compares it with the top of the git work tree that holds it (the hook's copy of"
              + " the index counts as that work tree); outside a repository it reports nothing.",
          Severity.ERROR,
          Labels.SINCE,
          "Set docsPath to a folder inside the repository (`docsPath: docs` for a lab at the"
              + " repository's top).");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    Optional<Path> workTree = tree.workTree();
    if (workTree.isEmpty()) {
      return List.of();
    }
    return OutputPaths.outside(tree.config(), workTree.get()).stream()
        .map(problem -> Finding.of(INFO, problem.location(), problem.message()))
        .toList();
  }
}
