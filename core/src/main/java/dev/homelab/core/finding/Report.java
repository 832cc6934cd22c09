package dev.homelab.core.finding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

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
  private final Map<String, RuleInfo> rulesById;
  private final List<Finding> findings;
  private final Scope scope;
  // Findings --quiet leaves out, by severity, so the summary still counts them.
  private final Map<Severity, Long> hidden;

  public Report(
      String tool, String version, List<RuleInfo> rules, List<Finding> findings, Scope scope) {
    this(tool, version, rules, findings, scope, Map.of());
  }

  private Report(
      String tool,
      String version,
      List<RuleInfo> rules,
      List<Finding> findings,
      Scope scope,
      Map<Severity, Long> hidden) {
    this.tool = tool;
    this.version = version;
    List<RuleInfo> sortedRules = new ArrayList<>(rules);
    sortedRules.sort(Comparator.comparing(RuleInfo::id));
    this.rules = List.copyOf(sortedRules);
    this.rulesById =
        rules.stream()
            .collect(Collectors.toMap(RuleInfo::id, Function.identity(), (first, other) -> first));
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(null);
    this.findings = List.copyOf(sorted);
    this.scope = scope;
    this.hidden = Map.copyOf(hidden);
  }

  /**
   * One report of the reports of one tool over several labs: all their findings, in the one total
   * order, and the files and objects of all of them. The rules are the first report's, as every lab
   * runs the same ones.
   */
  public static Report merged(List<Report> reports) {
    Report first = reports.get(0);
    List<Finding> findings = new ArrayList<>();
    Set<String> files = new TreeSet<>();
    int resources = 0;
    Map<Severity, Long> hidden = new EnumMap<>(Severity.class);
    for (Report report : reports) {
      findings.addAll(report.findings);
      files.addAll(report.scope.files());
      resources += report.scope.resources();
      report.hidden.forEach((severity, count) -> hidden.merge(severity, count, Long::sum));
    }
    return new Report(
        first.tool,
        first.version,
        first.rules,
        findings,
        new Scope(List.copyOf(files), resources),
        hidden);
  }

  /** This report with its errors only, as --quiet shows it; it still counts what it leaves out. */
  public Report errorsOnly() {
    Map<Severity, Long> left = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      if (severity != Severity.ERROR && count(severity) > 0) {
        left.put(severity, count(severity));
      }
    }
    List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    return new Report(tool, version, rules, errors, scope, left);
  }

  /** How many findings of {@code severity} (not exempted) {@link #errorsOnly()} left out. */
  public long hidden(Severity severity) {
    return hidden.getOrDefault(severity, 0L);
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

  /**
   * The page of a finding's rule in docs/rules/; none for a custom rule or one the catalogue lacks,
   * such as a rule of a --policy-dir policy without METADATA.
   */
  public Optional<String> helpUri(String ruleId) {
    RuleInfo rule = rulesById.get(ruleId);
    return rule == null ? Optional.empty() : rule.helpUri();
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
