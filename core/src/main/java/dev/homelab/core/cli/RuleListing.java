package dev.homelab.core.cli;

import dev.homelab.core.finding.CoreRules;
import dev.homelab.core.finding.Exemptions;
import dev.homelab.core.finding.Restatements;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.ToolkitRules;
import dev.homelab.core.render.RuleJson;
import dev.homelab.core.schema.SchemaProblems;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --list-rules} and {@code --explain RULE}: what a command checks, instead of a run. Every
 * command that checks mixes this in and asks {@link #answer} first.
 */
public final class RuleListing {

  /** Where a paragraph is wrapped in the terminal. */
  private static final int WIDTH = 100;

  /** Every command's options that a list of rules takes; --output has words of its own. */
  private static final Set<String> LISTING_OPTIONS =
      Set.of("--list-rules", "--explain", "--format", "--no-color", "--output");

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--list-rules",
      description =
          "Print the rules this command checks (id, default severity, family, summary) and exit;"
              + " no lab changes them, so it takes no paths nor the options of a run.")
  boolean requested;

  @Option(
      names = "--explain",
      paramLabel = "RULE",
      description =
          "Print what one rule checks, why, how to fix it and how to exempt, and exit; the id is"
              + " taken in any case; no paths nor options of a run.")
  String explain;

  /**
   * The exit code when the command was asked to list or explain its rules, having printed the
   * answer in the --format of {@code common} (text or json); null when it should run. Options of a
   * run are refused, but for {@code shapingOptions}, the command's own that decide its rules.
   */
  public Integer answer(
      List<CheckSuite> suites, CommonOptions common, PrintWriter out, String... shapingOptions) {
    if (explain == null && !requested) {
      return null;
    }
    String option = explain != null ? "--explain" : "--list-rules";
    String format = common.format();
    boolean json = format.equals("json");
    if (!json && !format.equals("text")) {
      throw new UsageException(
          option
              + " prints text or json, not "
              + format
              + "; the other formats describe a run's"
              + " findings");
    }
    if (!common.outputs.isEmpty()) {
      throw new UsageException(
          option
              + " prints on standard output only, so --output "
              + common.outputs.get(0)
              + " would stay unwritten; redirect standard output instead (--format json > FILE)");
    }
    if (!common.paths.isEmpty()) {
      List<String> paths = common.paths.stream().map(Path::toString).toList();
      throw new UsageException(
          option
              + " takes no paths, as the rules a command checks are the same for every lab; leave"
              + " out "
              + String.join(" and ", paths));
    }
    List<String> unused = new ArrayList<>();
    for (OptionSpec given : command.commandLine().getParseResult().matchedOptions()) {
      String name = given.longestName();
      if (!LISTING_OPTIONS.contains(name)
          && !List.of(shapingOptions).contains(name)
          && !unused.contains(name)) {
        unused.add(name);
      }
    }
    if (!unused.isEmpty()) {
      String names =
          unused.size() == 1
              ? unused.get(0)
              : String.join(", ", unused.subList(0, unused.size() - 1))
                  + " and "
                  + unused.get(unused.size() - 1);
      throw new UsageException(
          option
              + " checks no lab, so "
              + names
              + " would change nothing; leave "
              + (unused.size() == 1 ? "it" : "them")
              + " out");
    }
    if (explain != null) {
      return json ? printJson(suites, explain, out) : explain(suites, explain, out);
    }
    return json ? printJson(suites, null, out) : print(suites, out);
  }

  /**
   * Prints every rule, or the one named {@code id}, as JSON objects with the metadata {@code
   * --explain} shows, for scripts and editors.
   */
  private static int printJson(List<CheckSuite> suites, String id, PrintWriter out) {
    Map<String, RuleInfo> rules = rules(suites);
    out.println(id == null ? RuleJson.list(rules.values()) : RuleJson.one(find(rules, id)));
    out.flush();
    return ExitCode.CLEAN;
  }

  /** Prints the file-level rules every command has and the suites' own, sorted by id. */
  public static int print(List<CheckSuite> suites, PrintWriter out) {
    Map<String, RuleInfo> rules = rules(suites);
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
    long custom = rules.values().stream().filter(rule -> rule.helpUri().isEmpty()).count();
    out.printf(
        custom == 0
            ? "%d rules; each has a page in docs/rules/<id>.md%n"
            : "%d rules; each but the %d custom one(s) has a page in docs/rules/<id>.md%n",
        rules.size(),
        custom);
    out.flush();
    return ExitCode.CLEAN;
  }

  /** Prints one rule's metadata as plain text. */
  static int explain(List<CheckSuite> suites, String id, PrintWriter out) {
    RuleInfo rule = find(rules(suites), id);
    out.printf("%s (%s, %s)%n", rule.id(), rule.severity().label(), rule.family());
    out.println(rule.summary());
    paragraph(out, "Why", rule.description().isEmpty() ? rule.summary() : rule.description());
    paragraph(out, "How to fix", rule.remediation());
    Restatements.note(rule).ifPresent(note -> paragraph(out, "In check", note));
    paragraph(
        out,
        "Exempting",
        "annotate the object with "
            + Exemptions.ANNOTATION_PREFIX
            + rule.id()
            + ": \"<reason>\", or add an entry with rule: "
            + rule.id()
            + " under exemptions in homelab.yaml.");
    out.println();
    out.println(
        rule.helpUri().isPresent()
            ? "More: docs/rules/" + rule.id() + ".md"
            : "More: the --policy-dir policy that defines it; the toolkit has no page for it.");
    out.flush();
    return ExitCode.CLEAN;
  }

  /** The rule named {@code id}; an id the command does not check is a usage error. */
  private static RuleInfo find(Map<String, RuleInfo> rules, String given) {
    // Every rule id is lower-case kebab-case (custom ones are refused otherwise), so case cannot
    // tell two apart, and --format is taken in any case too.
    String id = given.toLowerCase(Locale.ROOT);
    RuleInfo rule = rules.get(id);
    if (rule == null && ToolkitRules.ids().contains(id)) {
      throw new UsageException(
          "`"
              + id
              + "` is a rule of another of the toolkit's commands, not this one; check --explain "
              + id
              + " explains the rules of both validator and policy");
    }
    if (rule == null) {
      String hint = SchemaProblems.suggestion(id, rules.keySet());
      if (hint.isEmpty() && rules.values().stream().anyMatch(RuleInfo::fromPolicy)) {
        hint = " (a --policy-dir policy's rule is known only to runs given that --policy-dir)";
      }
      throw new UsageException(
          "this command has no rule `" + id + "`" + hint + "; --list-rules shows them");
    }
    return rule;
  }

  private static Map<String, RuleInfo> rules(List<CheckSuite> suites) {
    Map<String, RuleInfo> rules = new TreeMap<>();
    CoreRules.ALL.forEach(rule -> rules.put(rule.id(), rule));
    for (CheckSuite suite : suites) {
      suite.rules().forEach(rule -> rules.putIfAbsent(rule.id(), rule));
    }
    return rules;
  }

  /** A titled paragraph, wrapped at {@link #WIDTH} columns on spaces. */
  private static void paragraph(PrintWriter out, String title, String text) {
    out.println();
    StringBuilder line = new StringBuilder(title).append(':');
    for (String word : text.split(" ")) {
      if (line.length() + 1 + word.length() > WIDTH) {
        out.println(line);
        line = new StringBuilder("  ").append(word);
      } else {
        line.append(' ').append(word);
      }
    }
    out.println(line);
  }
}
