package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.workspace.ProjectPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * homelab.yaml's {@code git.path} is not where its tree lies in the repository, so every generated
 * Application points Argo CD at folders the repository does not have.
 */
final class GitPathMismatch implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
              "git-path-mismatch",
              Labels.FAMILY,
              "homelab.yaml's git.path is not the tree's folder in its repository.",
              "The generator writes each Application's source path as git.path followed by the"
                  + " component's folder, and Argo CD resolves it inside the repository that"
                  + " git.repoURL names. When git.path says `gitops` but homelab.yaml sits at the"
                  + " repository's top (a lab moved into a repository of its own), or the other way"
                  + " round, every Application fails with \"app path does not exist\" and nothing"
                  + " syncs. The rule compares git.path with the folder of homelab.yaml relative to the"
                  + " top of the git work tree that holds it (the hook's copy of the index counts as"
                  + " that work tree); outside a repository it reports nothing.",
              Severity.ERROR,
              Labels.SINCE,
              "Set git.path to the folder of homelab.yaml inside the repository (`.` when it is at the"
                  + " top), then run the generator to refresh the Applications.")
          .withReportedIn(RuleInfo.ReportedIn.LAB_CONFIG);

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
    Path root = tree.config().root().toAbsolutePath().normalize();
    String actual =
        ProjectPaths.repoPath(workTree.get().relativize(root).toString().replace('\\', '/'));
    String declared = ProjectPaths.repoPath(tree.config().lab().git().path());
    if (actual.equals(declared)) {
      return List.of();
    }
    return List.of(
        tree.inConfig(
            INFO,
            "/git/path",
            "git.path is `"
                + (declared.isEmpty() ? "." : declared)
                + "`, but this homelab.yaml lies "
                + (actual.isEmpty() ? "at the top of" : "in `" + actual + "` of")
                + " its repository, so the generated Applications point Argo CD at "
                + (declared.isEmpty() ? "the top" : "`" + declared + "/`")
                + "; set git.path to `"
                + (actual.isEmpty() ? "." : actual)
                + "`"));
  }
}
