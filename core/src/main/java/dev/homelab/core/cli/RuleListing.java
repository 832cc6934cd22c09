package dev.homelab.core.cli;

import dev.homelab.core.finding.CoreRules;
import dev.homelab.core.finding.RuleInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/** {@code --list-rules}: what a command checks, one rule a line, instead of a run. */
public final class RuleListing {

  @Option(
      names = "--list-rules",
      description =
          "Print the rules this command checks (id, default severity, family, summary) and exit.")
  boolean requested;

  public boolean requested() {
    return requested;
  }

  /** Prints the file-level rules every command has and the suites' own, sorted by id. */
  public static int print(List<CheckSuite> suites, PrintWriter out) {
    Map<String, RuleInfo> rules = new TreeMap<>();
    CoreRules.ALL.forEach(rule -> rules.put(rule.id(), rule));
    for (CheckSuite suite : suites) {
      suite.rules().forEach(rule -> rules.putIfAbsent(rule.id(), rule));
    }
    int width = rules.keySet().stream().mapToInt(String::length).max().orElse(0);
    int familyWidth = rules.values().stream().mapToInt(r -> r.family().length()).max().orElse(0);
    for (RuleInfo rule : rules.values()) {
      out.printf(
          "%-" + width + "s  %-7s  %-" + familyWidth + "s  %s%n",
          rule.id(),
          rule.severity().label(),
          rule.family(),
          rule.summary());
    }
    out.printf("%d rules; each has a page in docs/rules/<id>.md%n", rules.size());
    out.flush();
    return ExitCode.CLEAN;
  }
}
