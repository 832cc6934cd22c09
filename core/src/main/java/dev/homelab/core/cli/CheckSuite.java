package dev.homelab.core.cli;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.workspace.Workspace;
import java.util.List;

/** A family of checks one command runs over a workspace. */
public interface CheckSuite {

  /** Every rule these checks may report; exemptions of other rules are not judged in this run. */
  List<RuleInfo> rules();

  List<Finding> check(Workspace workspace) throws Exception;

  /** A short name for timings, such as "validator". */
  default String name() {
    return getClass().getSimpleName();
  }
}
