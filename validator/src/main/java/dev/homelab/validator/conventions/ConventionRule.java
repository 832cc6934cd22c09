package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import java.util.List;

/**
 * One of the lab's conventions. Each rule is one class with its metadata, a fixture folder under
 * {@code validator/src/test/resources/conventions/<id>/} and a test.
 */
public interface ConventionRule {

  RuleInfo info();

  List<Finding> check(LabTree tree);

  /**
   * Whether the rule concludes that something is missing (no pod matches, no Middleware has that
   * name). Such rules are skipped while a file of the tree does not load, since the object they
   * look for may be in it.
   */
  default boolean concludesFromAbsence() {
    return false;
  }

  /**
   * Whether the rule's findings depend on which files the run reports on ({@link
   * LabTree#reportsOnFirst}), so that a run over named files checks it again with its focus.
   */
  default boolean dependsOnFocus() {
    return false;
  }
}
