package dev.homelab.validator.schema;

import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.validator.apiserver.ApiServerRules;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The rules the schema check reports. */
public final class SchemaRules {

  private static final String FAMILY = "schema";
  private static final String SINCE = "0.1.0";

  public static final RuleInfo UNKNOWN_FIELD =
      rule(
          "unknown-field",
          "A field is not part of the object's schema.",
          "Strict validation rejects fields the API does not define; they are usually typos or"
              + " fields placed at the wrong level, and the API server drops or refuses them.",
          "Fix the field's spelling or indentation, or remove it. --no-strict turns this check off.");

  public static final RuleInfo WRONG_TYPE =
      rule(
          "wrong-type",
          "A field has the wrong type.",
          "The value's JSON type differs from the one the schema requires, such as a quoted number"
              + " where an integer is expected.",
          "Write the value with the type the message names (quotes make a string).");

  public static final RuleInfo MISSING_REQUIRED_FIELD =
      rule(
          "missing-required-field",
          "A required field is missing.",
          "The API server refuses an object that lacks a field its schema requires.",
          "Add the field the message names under the reported parent.");

  public static final RuleInfo INVALID_VALUE =
      rule(
          "invalid-value",
          "A field's value is not allowed by the schema.",
          "The value has the right type but breaks a constraint: an enum, a pattern such as the"
              + " quantity grammar, a fixed value, or a bound.",
          "Change the value to one the message allows.");

  public static final RuleInfo VALIDATION_RULE_FAILED =
      rule(
          "validation-rule-failed",
          "A value breaks a validation rule that its CustomResourceDefinition declares.",
          "CRDs carry rules in the Common Expression Language (x-kubernetes-validations) beside"
              + " their schema, such as Traefik's addPrefix needing a leading slash; the API server"
              + " refuses an object that breaks one. Rules that compare with the stored object"
              + " (oldSelf) run with --base, against the object at that revision (those marked"
              + " optionalOldSelf on new objects too); rules that need"
              + " Kubernetes' own CEL libraries (quantity, url, ip) are not run.",
          "Change the value so that the rule the message quotes holds.");

  public static final RuleInfo DUPLICATE_LIST_ENTRY =
      rule(
          "duplicate-list-entry",
          "Two entries of a list that its CRD keys are the same.",
          "A CRD can declare a list a set (x-kubernetes-list-type: set) or a map keyed by some of"
              + " its entries' fields (list-type map with x-kubernetes-list-map-keys), such as"
              + " Gateway API's header matches by name; the API server refuses a repeated entry.",
          "Remove the repeated entry or merge it into the first; the message gives its line.");

  public static final RuleInfo SCHEMA_MISSING =
      rule(
          "schema-missing",
          "No schema was found for an apiVersion and kind.",
          "Without a schema the object cannot be checked. Schemas come from CRDs in the tree,"
              + " the embedded Kubernetes schemas, --schema-location, the embedded CRDs of the"
              + " lab's operators and the remote catalog.",
          Severity.WARNING,
          "Add the CRD to the tree, or pass --schema-location with a folder or URL template that"
              + " holds the schema; --require-schemas makes this an error.");

  public static final RuleInfo UNKNOWN_API_TYPE =
      rule(
          "unknown-api-type",
          "The apiVersion and kind name a type that Kubernetes' own API groups do not have.",
          "Kinds in Kubernetes' own API groups (the core group, apps, batch, networking.k8s.io and"
              + " the others) come only from Kubernetes itself, since no CRD may add to them. A"
              + " version or kind those groups do not serve, such as apps/v2 or a misspelt kind,"
              + " is refused by the API server.",
          "Use the apiVersion and kind the message names.");

  public static final RuleInfo REMOVED_API_VERSION =
      rule(
          "removed-api-version",
          "The apiVersion is no longer served by the target Kubernetes version.",
          "The API server of the lab's Kubernetes version does not know this apiVersion, so the"
              + " object cannot be applied.",
          "Move the object to the replacement apiVersion the message names.");

  public static final RuleInfo DEPRECATED_API_VERSION =
      rule(
          "deprecated-api-version",
          "The apiVersion is deprecated in the target Kubernetes version.",
          "Deprecated apiVersions still work but will be removed in a later release.",
          Severity.WARNING,
          "Move the object to the replacement apiVersion the message names.");

  /** Every rule of the schema family, with the object metadata rules, sorted by id. */
  public static final List<RuleInfo> ALL =
      Stream.concat(
              Stream.of(
                  DEPRECATED_API_VERSION,
                  DUPLICATE_LIST_ENTRY,
                  INVALID_VALUE,
                  MISSING_REQUIRED_FIELD,
                  REMOVED_API_VERSION,
                  SCHEMA_MISSING,
                  UNKNOWN_API_TYPE,
                  UNKNOWN_FIELD,
                  VALIDATION_RULE_FAILED,
                  WRONG_TYPE),
              ApiServerRules.infos().stream())
          .sorted(Comparator.comparing(RuleInfo::id))
          .toList();

  private SchemaRules() {}

  private static RuleInfo rule(String id, String summary, String description, String remediation) {
    return rule(id, summary, description, Severity.ERROR, remediation);
  }

  private static RuleInfo rule(
      String id, String summary, String description, Severity severity, String remediation) {
    return new RuleInfo(id, FAMILY, summary, description, severity, SINCE, remediation);
  }
}
