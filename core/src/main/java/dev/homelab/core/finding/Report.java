package dev.homelab.core.finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of one run: every finding (exempted ones included, flagged), the catalogue of rules
 * that ran, and what was looked at. Renderers read only this.
 */
public final class Report {

  /**
   * What a run looked at.
   *
   * @param files display paths of every file read, sorted
   * @param resources how many Kubernetes objects were checked
   */
  public record Scope(List<String> files, int resources) {
    public Scope {
      files = files.stream().sorted().toList();
    }
  }

  private final String tool;
  private final String version;
  private final List<RuleInfo> rules;
  private final List<Finding> findings;
  private final Scope scope;

  public Report(
      String tool, String version, List<RuleInfo> rules, List<Finding> findings, Scope scope) {
    this.tool = tool;
    this.version = version;
    List<RuleInfo> sortedRules = new ArrayList<>(rules);
    sortedRules.sort(Comparator.comparing(RuleInfo::id));
    this.rules = List.copyOf(sortedRules);
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(null);
    this.findings = List.copyOf(sorted);
    this.scope = scope;
  }

  /** The command that produced the report, such as {@code validator}. */
  public String tool() {
    return tool;
  }

  public String version() {
    return version;
  }

  public List<RuleInfo> rules() {
    return rules;
  }

  /** All findings in their total order, exempted ones included. */
  public List<Finding> findings() {
    return findings;
  }

  public Scope scope() {
    return scope;
  }

  public long count(Severity severity) {
    return findings.stream().filter(f -> !f.isSuppressed() && f.severity() == severity).count();
  }

  public long exempted() {
    return findings.stream().filter(Finding::isSuppressed).count();
  }

  /** Whether any finding that is not exempted is at least as serious as {@code threshold}. */
  public boolean fails(FailOn failOn) {
    return failOn
        .threshold()
        .map(t -> findings.stream().anyMatch(f -> !f.isSuppressed() && f.severity().atLeast(t)))
        .orElse(false);
  }
}
