package dev.homelab.core.finding;

import dev.homelab.core.source.Location;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Folds a rule's findings into those of the rule it {@linkplain RuleInfo#restates() restates}, for
 * a run of both tools (check, and generate's gate): where both report on one object at one position
 * they state one fact, which the operator should read once. Applied after exemptions, so that an
 * exemption of either id silences the finding kept.
 */
public final class Restatements {

  private Restatements() {}

  private record Spot(String rule, Location location, ResourceRef resource) {}

  /** The findings of a restating rule at one spot, and those of the rule it restates there. */
  private record Fold(List<Finding> restating, List<Finding> kept) {}

  /**
   * {@code findings} without those of a restating rule that the restated rule also reports at their
   * spot (same object, same position, as many findings, same severity); the findings kept take the
   * exemption of a dropped one when they have none of their own. Rules of which the run has not
   * both are left alone.
   */
  public static List<Finding> fold(List<Finding> findings, Collection<RuleInfo> rules) {
    List<Fold> folds = folds(findings, rules);
    if (folds.isEmpty()) {
      return findings;
    }
    Set<Finding> dropped = new HashSet<>();
    Map<Finding, Suppression> exempted = new HashMap<>();
    for (Fold fold : folds) {
      dropped.addAll(fold.restating());
      fold.restating().stream()
          .filter(Finding::isSuppressed)
          .findFirst()
          .ifPresent(
              by ->
                  fold.kept().stream()
                      .filter(finding -> !finding.isSuppressed())
                      .forEach(finding -> exempted.put(finding, by.suppression())));
    }
    List<Finding> folded = new ArrayList<>(findings.size() - dropped.size());
    for (Finding finding : findings) {
      if (!dropped.contains(finding)) {
        Suppression by = exempted.get(finding);
        folded.add(by == null ? finding : finding.suppressed(by));
      }
    }
    return folded;
  }

  /**
   * The unexempted findings that {@link #fold} drops where every finding kept ends up exempted, so
   * that the run hides the fact they state although nothing exempts them.
   */
  public static Set<Finding> hiddenByFold(List<Finding> findings, Collection<RuleInfo> rules) {
    Set<Finding> hidden = new HashSet<>();
    for (Fold fold : folds(findings, rules)) {
      if (fold.kept().stream().allMatch(Finding::isSuppressed)
          || fold.restating().stream().anyMatch(Finding::isSuppressed)) {
        fold.restating().stream().filter(f -> !f.isSuppressed()).forEach(hidden::add);
      }
    }
    return hidden;
  }

  /** The spots where {@link #fold} drops a restating rule's findings. */
  private static List<Fold> folds(List<Finding> findings, Collection<RuleInfo> rules) {
    Map<String, String> keptFor = pairs(rules);
    if (keptFor.isEmpty()) {
      return List.of();
    }
    Map<Spot, List<Finding>> bySpot = new HashMap<>();
    for (Finding finding : findings) {
      if (keptFor.containsKey(finding.ruleId()) || keptFor.containsValue(finding.ruleId())) {
        bySpot
            .computeIfAbsent(
                new Spot(finding.ruleId(), finding.location(), finding.resource()),
                spot -> new ArrayList<>())
            .add(finding);
      }
    }
    List<Fold> folds = new ArrayList<>();
    bySpot.forEach(
        (spot, restating) -> {
          String keptRule = keptFor.get(spot.rule());
          if (keptRule == null) {
            return;
          }
          List<Finding> kept =
              bySpot.getOrDefault(new Spot(keptRule, spot.location(), spot.resource()), List.of());
          // Fewer kept findings would leave a dropped one unsaid; more would state a fact the
          // restating rule's exemption was not written for, which the fold would then hide.
          if (kept.size() == restating.size() && sameSeverity(kept, restating)) {
            folds.add(new Fold(restating, kept));
          }
        });
    return folds;
  }

  /**
   * What a run of both tools does with {@code rule}'s findings, for its page and --explain; empty
   * for a rule that restates none.
   */
  public static Optional<String> note(RuleInfo rule) {
    if (rule.restates().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "Where `"
            + rule.restates()
            + "` reports the same object at the same position, as many times, the two state one"
            + " fact, so `check`"
            + " (and the gate of `generate`), which run the validator and the policies together,"
            + " report it once, as `"
            + rule.restates()
            + "`; an exemption of either id silences that finding. Run alone, each tool reports"
            + " its own rule.");
  }

  /** Restating rule id to restated rule id, for the pairs of which {@code rules} holds both. */
  private static Map<String, String> pairs(Collection<RuleInfo> rules) {
    Set<String> ids = new HashSet<>();
    rules.forEach(rule -> ids.add(rule.id()));
    Map<String, String> keptFor = new HashMap<>();
    for (RuleInfo rule : rules) {
      if (!rule.restates().isEmpty() && ids.contains(rule.restates())) {
        keptFor.put(rule.id(), rule.restates());
      }
    }
    return keptFor;
  }

  private static boolean sameSeverity(List<Finding> kept, List<Finding> restating) {
    return kept.stream()
        .allMatch(k -> restating.stream().allMatch(r -> r.severity() == k.severity()));
  }
}
