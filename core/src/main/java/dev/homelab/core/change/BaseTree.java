package dev.homelab.core.change;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.workspace.Workspace;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The tree as a run's base revision has it, beside the tree checked now, so that a run over some
 * files can tell which findings in other files the change caused.
 *
 * @param workspace the tree at the base revision: the changed files as they were, the added ones
 *     left out
 * @param untouched display paths outside the run's focus whose bytes the base revision has too; the
 *     new findings of a file that changed itself need not come from the files in focus
 */
public record BaseTree(Workspace workspace, Predicate<String> untouched) {

  /**
   * The untouched files with a finding that the base tree lacks at the same place (rule, line and
   * column), by display path.
   *
   * @param now findings on the tree checked now, in any files
   * @param before the same checks' findings on the base tree
   */
  public List<String> filesWithNewFindings(List<Finding> now, List<Finding> before) {
    Set<String> earlier = new HashSet<>();
    before.forEach(finding -> earlier.add(place(finding)));
    Set<String> files = new TreeSet<>();
    for (Finding finding : now) {
      String file = finding.location().file();
      if (!files.contains(file) && !earlier.contains(place(finding)) && untouched.test(file)) {
        files.add(file);
      }
    }
    return List.copyOf(files);
  }

  private static String place(Finding finding) {
    return finding.ruleId()
        + "\n"
        + finding.location().file()
        + "\n"
        + finding.location().line()
        + ":"
        + finding.location().column();
  }
}
