package dev.homelab.core.cli;

import dev.homelab.core.change.BaseTree;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** A family of checks one command runs over a workspace. */
public interface CheckSuite {

  /** Every rule these checks may report; exemptions of other rules are not judged in this run. */
  List<RuleInfo> rules();

  List<Finding> check(Workspace workspace) throws Exception;

  /**
   * Called once the lab config's place is known and before the tree loads, so that a suite can
   * start slow work of its own beside the loading.
   */
  default void prepare(Path configFile) {}

  /**
   * Files under {@code paths} that this suite reads as input of its own rather than as manifests,
   * such as the schemas of a --schema-location folder inside the tree: the run leaves them out and
   * says so. Asked before the tree loads; {@code config} is the lab's, or null without one.
   */
  default List<OwnFiles> ownFilesUnder(List<Path> paths, HomeLabConfig config) {
    return List.of();
  }

  /**
   * Files, by absolute path, and what they are to the suite, such as "schemas of --schema-location
   * x".
   */
  record OwnFiles(String what, Set<Path> files) {}

  /**
   * What this suite leaves out when the tree has no homelab.yaml, such as "the lab's conventions",
   * so the run can say so; empty when it needs nothing from the config or refuses to run without.
   */
  default Optional<String> skippedWithoutConfig() {
    return Optional.empty();
  }

  /**
   * What the run should say on stderr about how this suite checks {@code workspace}, when that is
   * not what the tree would expect (such as schemas of another Kubernetes version than the lab's).
   */
  default List<String> notes(Workspace workspace) {
    return List.of();
  }

  /**
   * Like {@link #check(Workspace)} when only findings in files that {@code inFocus} accepts (by
   * display path) will be reported, as for the files a pre-commit hook passes. Suites whose
   * findings stay in the file they examine may skip the rest; the default checks everything.
   */
  default List<Finding> check(Workspace workspace, Predicate<String> inFocus) throws Exception {
    return check(workspace);
  }

  /**
   * Why a run over some files must report on the whole tree, or empty when it need not: a change
   * that removes an object can break the files that refer to it. Asked before any suite checks, and
   * only when the run has a focus ({@code inFocus}, by display path).
   */
  default Optional<String> reasonToReportWholeTree(Workspace workspace, Predicate<String> inFocus)
      throws Exception {
    return Optional.empty();
  }

  /**
   * The tree as this suite's base revision has it, when the run compares with one; asked when the
   * run has a focus ({@code inFocus}, by display path) and no suite needs the whole tree, and given
   * to every suite's {@link #filesAlsoReported}.
   */
  default Optional<BaseTree> baseTree(Workspace workspace, Predicate<String> inFocus)
      throws Exception {
    return Optional.empty();
  }

  /**
   * Files that {@code base} calls untouched where the change causes new findings, by display path;
   * they are then reported as if named.
   */
  default List<String> filesAlsoReported(Workspace workspace, BaseTree base) throws Exception {
    return List.of();
  }

  /** A short name for timings, such as "validator". */
  default String name() {
    return getClass().getSimpleName();
  }
}
