package dev.homelab.core.cli;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.workspace.Workspace;
import java.util.List;
import java.util.function.Predicate;

/** A family of checks one command runs over a workspace. */
public interface CheckSuite {

  /** Every rule these checks may report; exemptions of other rules are not judged in this run. */
  List<RuleInfo> rules();

  List<Finding> check(Workspace workspace) throws Exception;

  /**
   * Like {@link #check(Workspace)} when only findings in files that {@code inFocus} accepts (by
   * display path) will be reported, as for the files a pre-commit hook passes. Suites whose
   * findings stay in the file they examine may skip the rest; the default checks everything.
   */
  default List<Finding> check(Workspace workspace, Predicate<String> inFocus) throws Exception {
    return check(workspace);
  }

  /** A short name for timings, such as "validator". */
  default String name() {
    return getClass().getSimpleName();
  }
}
