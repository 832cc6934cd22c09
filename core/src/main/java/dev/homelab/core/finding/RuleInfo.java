package dev.homelab.core.finding;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a rule is: the metadata that reports, SARIF rule entries and the generated rule pages come
 * from.
 *
 * @param id kebab-case name of the problem, such as {@code ingress-without-tls}
 * @param family which check family owns it (core, schema, conventions, policy, or custom for the
 *     rules of --policy-dir policies)
 * @param since the toolkit version that introduced it
 * @param restates the id of a rule of another tool that states the same fact where both report on
 *     one object at one position, so that a run of both keeps only that rule's finding (see {@link
 *     Restatements}); empty for none
 * @param reportedIn where its findings are, which decides the exemptions that can select them
 */
public record RuleInfo(
    String id,
    String family,
    String summary,
    String description,
    Severity severity,
    String since,
    String remediation,
    String restates,
    ReportedIn reportedIn) {

  /** Where a rule's findings are, which decides how an exemption selects them. */
  public enum ReportedIn {
    /** On objects, or on files that belong to none: an annotation, or an entry by name or file. */
    OBJECTS_OR_FILES,
    /** In homelab.yaml, each on a namespaces entry, naming its Namespace: kind and name select. */
    LAB_NAMESPACES,
    /** In homelab.yaml, naming no object: only an entry by file selects them. */
    LAB_CONFIG
  }

  /** The family of the rules that users' own policies add, which have no page in docs/rules/. */
  public static final String CUSTOM_FAMILY = "custom";

  /** The family of the toolkit's bundled Rego policies. */
  public static final String POLICY_FAMILY = "policy";

  /** Whether a Rego policy, bundled or a user's own, reports this rule. */
  public boolean fromPolicy() {
    return family.equals(POLICY_FAMILY) || family.equals(CUSTOM_FAMILY);
  }

  private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  public RuleInfo {
    Objects.requireNonNull(id, "id");
    if (!isKebabCase(id)) {
      throw new IllegalArgumentException("rule id is not kebab-case: " + id);
    }
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(summary, "summary");
    description = description == null ? "" : description;
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(remediation, "remediation");
    restates = restates == null ? "" : restates;
    if (!restates.isEmpty() && (!isKebabCase(restates) || restates.equals(id))) {
      throw new IllegalArgumentException(id + " cannot restate `" + restates + "`");
    }
    Objects.requireNonNull(reportedIn, "reportedIn");
  }

  /** A rule that reports on objects or files. */
  public RuleInfo(
      String id,
      String family,
      String summary,
      String description,
      Severity severity,
      String since,
      String remediation,
      String restates) {
    this(
        id,
        family,
        summary,
        description,
        severity,
        since,
        remediation,
        restates,
        ReportedIn.OBJECTS_OR_FILES);
  }

  /** This rule, reporting its findings in {@code where}. */
  public RuleInfo withReportedIn(ReportedIn where) {
    return new RuleInfo(
        id, family, summary, description, severity, since, remediation, restates, where);
  }

  /** A rule that restates none. */
  public RuleInfo(
      String id,
      String family,
      String summary,
      String description,
      Severity severity,
      String since,
      String remediation) {
    this(id, family, summary, description, severity, since, remediation, "");
  }

  /** Whether {@code id} can be a rule id: lower-case words and digits joined by hyphens. */
  public static boolean isKebabCase(String id) {
    return KEBAB.matcher(id).matches();
  }

  /** The rule's page in docs/rules/; custom rules have none. */
  public Optional<String> helpUri() {
    return family.equals(CUSTOM_FAMILY) ? Optional.empty() : Optional.of(HelpLinks.forRule(id));
  }
}
