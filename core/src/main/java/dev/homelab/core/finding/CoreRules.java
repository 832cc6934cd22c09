package dev.homelab.core.finding;

import java.util.List;
import java.util.Set;

/** The rules that core itself reports while reading files and applying exemptions. */
public final class CoreRules {

  private static final String FAMILY = "core";
  private static final String SINCE = "0.1.0";

  public static final RuleInfo YAML_SYNTAX_ERROR =
      rule(
          "yaml-syntax-error",
          "The file is not valid YAML or JSON.",
          "The parser stopped at the reported position; nothing after it in the file was checked.",
          Severity.ERROR,
          "Fix the syntax at the reported line and column; indentation must use spaces, not tabs.");

  public static final RuleInfo DUPLICATE_KEY =
      rule(
          "duplicate-key",
          "A mapping defines the same key twice.",
          "Kubernetes tools disagree on which value wins, so a repeated key is always an error.",
          Severity.ERROR,
          "Remove one of the two keys, keeping the value you meant.");

  public static final RuleInfo INVALID_UTF8 =
      rule(
          "invalid-utf8",
          "The file is not valid UTF-8.",
          "Kubernetes reads manifests as UTF-8; an invalid byte sequence cannot be applied.",
          Severity.ERROR,
          "Re-save the file as UTF-8.");

  public static final RuleInfo BINARY_FILE =
      rule(
          "binary-file",
          "A binary file sits where manifests are expected.",
          "The file contains NUL bytes, so it cannot be YAML or JSON.",
          Severity.ERROR,
          "Move the file out of the manifest tree or list it in .homelabignore.");

  public static final RuleInfo UNREADABLE_FILE =
      rule(
          "unreadable-file",
          "A file could not be read.",
          "The operating system refused to read the file, so it was not checked.",
          Severity.ERROR,
          "Check the file's permissions, or list it in .homelabignore.");

  public static final RuleInfo FILE_TOO_LARGE =
      rule(
          "file-too-large",
          "A file is larger than the loader accepts.",
          "Very large files are refused before parsing so that one file cannot exhaust memory.",
          Severity.ERROR,
          "Split the file into smaller manifests.");

  public static final RuleInfo YAML_ALIAS_LIMIT =
      rule(
          "yaml-alias-limit",
          "A document uses more aliases, nesting or expansion than the loader allows.",
          "Anchors and aliases can expand exponentially (the billion-laughs attack), so their"
              + " number and the expanded size are bounded.",
          Severity.ERROR,
          "Write the repeated content out, or use fewer aliases.");

  public static final RuleInfo EMPTY_FILE =
      rule(
          "empty-file",
          "A manifest file holds no documents.",
          "An empty file or one with only comments applies nothing, which is usually a mistake.",
          Severity.WARNING,
          "Add the manifest, or delete the file.");

  public static final RuleInfo MANIFEST_NOT_OBJECT =
      rule(
          "manifest-not-object",
          "A document is a scalar or a list instead of a Kubernetes object.",
          "Every document in a manifest file must be a mapping with apiVersion and kind.",
          Severity.ERROR,
          "Turn the document into a mapping with apiVersion, kind and metadata.");

  public static final RuleInfo MANIFEST_MISSING_TYPE =
      rule(
          "manifest-missing-type",
          "A document has no apiVersion or no kind.",
          "Without apiVersion and kind nothing can tell which object the document describes.",
          Severity.ERROR,
          "Add apiVersion and kind; rename the file if it is a Helm values file"
              + " (values-homelab.yaml); list it in .homelabignore if it configures another tool"
              + " (.sops.yaml, .yamllint).");

  public static final RuleInfo SYMLINK_OUTSIDE_ROOT =
      rule(
          "symlink-outside-root",
          "A symbolic link points outside the repository.",
          "Argo CD follows a link that stays inside the repository, and the checks read it as the"
              + " file it points at under the link's own name; Argo CD refuses a link that points"
              + " out of the repository, and what it points at was not checked. Outside a git"
              + " repository, the scanned folder is the bound.",
          Severity.ERROR,
          "Replace the link with the file itself, or point it at a file inside the repository.");

  public static final RuleInfo SYMLINK_TO_FOLDER =
      rule(
          "symlink-to-folder",
          "A symbolic link points at a folder that holds manifests.",
          "Argo CD reads a linked file, but does not walk into a linked folder, so the YAML and"
              + " JSON files under it are never synced; the checks leave them out for the same"
              + " reason.",
          Severity.WARNING,
          "Move the folder to where the link is, or link each file instead of the folder.");

  public static final RuleInfo EXEMPTION_EXPIRED =
      rule(
          "exemption-expired",
          "An exemption's until date has passed.",
          "An expired exemption no longer applies, so the findings it matches are reported again;"
              + " the message says how many, whether another exemption still hides them (in"
              + " check, one of the rule they restate), or that it matches none.",
          Severity.WARNING,
          "Fix the underlying finding and remove the exemption, or extend its until date; remove"
              + " one that matches no finding.");

  public static final RuleInfo EXEMPTION_UNUSED =
      rule(
          "exemption-unused",
          "An exemption matches no finding, or names a rule the toolkit does not have.",
          "An exemption that matches nothing hides nothing today but may hide a new problem"
              + " tomorrow. One whose rule id is a letter or two away from a rule of the toolkit"
              + " is most likely misspelt, and hides nothing at all; so does one whose rule id is"
              + " no rule of the toolkit or of the run, which policy and check report when they do"
              + " not load a --policy-dir policy with that rule (validate, which evaluates no"
              + " policy, cannot tell). A finding is hidden by the"
              + " first exemption that matches it, annotations before homelab.yaml entries, so an"
              + " entry after one that already covers its findings hides nothing either, and so"
              + " does an annotation ignore.homelab.dev/ with no rule id after the slash.",
          Severity.WARNING,
          "Remove the exemption, or correct its rule id to the one the message suggests; if the"
              + " message names an earlier exemption, keep the one whose reason is right. An"
              + " exemption of a --policy-dir policy's rule is reported by a policy or check run"
              + " not given that --policy-dir, so give them the folder.");

  public static final RuleInfo EXEMPTION_WITHOUT_REASON =
      rule(
          "exemption-without-reason",
          "An exemption annotation gives no reason.",
          "Every exemption must say why the finding is acceptable; one without a reason is"
              + " ignored. Annotation values are strings, so a bare number or boolean (5, true)"
              + " is no reason either: quote it.",
          Severity.ERROR,
          "Write the reason as the annotation's value.");

  /** Load problems after which some of a file's objects may be missing from the tree. */
  public static final Set<String> OBJECTS_MAY_BE_MISSING =
      Set.of(
          YAML_SYNTAX_ERROR.id(),
          INVALID_UTF8.id(),
          BINARY_FILE.id(),
          UNREADABLE_FILE.id(),
          FILE_TOO_LARGE.id(),
          YAML_ALIAS_LIMIT.id(),
          MANIFEST_NOT_OBJECT.id(),
          MANIFEST_MISSING_TYPE.id());

  /** Every core rule, sorted by id. */
  public static final List<RuleInfo> ALL =
      List.of(
          BINARY_FILE,
          DUPLICATE_KEY,
          EMPTY_FILE,
          EXEMPTION_EXPIRED,
          EXEMPTION_UNUSED,
          EXEMPTION_WITHOUT_REASON,
          FILE_TOO_LARGE,
          INVALID_UTF8,
          MANIFEST_MISSING_TYPE,
          MANIFEST_NOT_OBJECT,
          SYMLINK_OUTSIDE_ROOT,
          SYMLINK_TO_FOLDER,
          UNREADABLE_FILE,
          YAML_ALIAS_LIMIT,
          YAML_SYNTAX_ERROR);

  private CoreRules() {}

  private static RuleInfo rule(
      String id, String summary, String description, Severity severity, String remediation) {
    return new RuleInfo(id, FAMILY, summary, description, severity, SINCE, remediation);
  }
}
