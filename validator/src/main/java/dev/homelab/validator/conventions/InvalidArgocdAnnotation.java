package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.schema.SchemaProblems;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * An Argo CD annotation that Argo CD would ignore: a misspelt key, a sync wave that is not an
 * integer, or a hook, delete policy, sync option or compare option it does not know. Argo CD
 * matches these strings exactly and skips what it does not recognise without a word.
 */
final class InvalidArgocdAnnotation implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "invalid-argocd-annotation",
          Labels.FAMILY,
          "An Argo CD annotation has a key or value that Argo CD ignores.",
          "Argo CD reads `argocd.argoproj.io/` annotations by exact, case-sensitive match and"
              + " skips what it does not recognise without an error. A sync wave that is not an"
              + " integer puts the object in wave 0, a misspelt sync option such as `Prune=False`"
              + " leaves pruning on, and a hook annotation naming no known phase makes the object"
              + " a hook that runs in no phase, so it is never applied. Options that only an"
              + " Application's `syncPolicy.syncOptions` reads, such as `CreateNamespace=true`, do"
              + " nothing on a resource. A key one or two letters away from a known one is"
              + " reported as a typo.",
          Severity.ERROR,
          Labels.SINCE,
          "Use the spelling the message suggests. Drop application-level options from the"
              + " resource: the generator writes each Application's sync options from the"
              + " component's `sync` settings in homelab.yaml.");

  private static final String PREFIX = "argocd.argoproj.io/";
  private static final String SYNC_WAVE = PREFIX + "sync-wave";
  private static final String HOOK = PREFIX + "hook";
  private static final String HOOK_DELETE_POLICY = PREFIX + "hook-delete-policy";
  private static final String SYNC_OPTIONS = LabTree.SYNC_OPTIONS;
  private static final String COMPARE_OPTIONS = PREFIX + "compare-options";

  /** The keys Argo CD reads on a synced resource; a near miss of one of them is a typo. */
  private static final Set<String> RESOURCE_KEYS =
      Set.of(SYNC_WAVE, HOOK, HOOK_DELETE_POLICY, SYNC_OPTIONS, COMPARE_OPTIONS);

  /** Other keys Argo CD sets or reads, mostly on Applications; never reported as typos. */
  private static final Set<String> OTHER_KEYS =
      Set.of(
          "tracking-id",
          "installation-id",
          "manifest-generate-paths",
          "refresh",
          "hydrate",
          "skip-reconcile",
          "deletion-approved",
          "application-set-refresh",
          "client-side-apply-migration-manager");

  private static final Set<String> HOOKS =
      Set.of("PreSync", "Sync", "PostSync", "SyncFail", "PostDelete", "Skip");
  private static final Set<String> DELETE_POLICIES =
      Set.of("HookSucceeded", "HookFailed", "BeforeHookCreation");
  private static final Set<String> RESOURCE_SYNC_OPTIONS =
      Set.of(
          "Prune=false",
          "Prune=true",
          "Prune=confirm",
          "Delete=false",
          "Delete=true",
          "Delete=confirm",
          "Validate=false",
          "Validate=true",
          "SkipDryRunOnMissingResource=true",
          "SkipDryRunOnMissingResource=false",
          "PruneLast=true",
          "PruneLast=false",
          "Replace=true",
          "Replace=false",
          "Force=true",
          "Force=false",
          "ServerSideApply=true",
          "ServerSideApply=false",
          "RespectIgnoreDifferences=true",
          "RespectIgnoreDifferences=false",
          "ControllerReferencesOnly=true");
  private static final Set<String> APPLICATION_SYNC_OPTIONS =
      Set.of(
          "CreateNamespace",
          "ApplyOutOfSyncOnly",
          "PrunePropagationPolicy",
          "FailOnSharedResource",
          "ClientSideApplyMigration");
  private static final Set<String> COMPARE_OPTION_VALUES =
      Set.of(
          "IgnoreExtraneous",
          "ServerSideDiff=true",
          "ServerSideDiff=false",
          "IncludeMutationWebhook=true",
          "IncludeMutationWebhook=false");

  /** What Go's strconv.Atoi takes, which is how Argo CD reads a wave. */
  private static final Pattern WAVE = Pattern.compile("[+-]?[0-9]{1,18}");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      JsonNode annotations = resource.object().path("metadata").path("annotations");
      if (!annotations.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> annotation : annotations.properties()) {
        String key = annotation.getKey();
        if (key.startsWith(PREFIX) && annotation.getValue().isString()) {
          check(resource, key, annotation.getValue().asString(), findings);
        }
      }
    }
    return findings;
  }

  private static void check(Resource resource, String key, String value, List<Finding> findings) {
    String pointer = Pointer.of("metadata", "annotations", key);
    switch (key) {
      case SYNC_WAVE -> {
        if (!WAVE.matcher(value).matches()) {
          findings.add(
              LabTree.at(
                  INFO,
                  resource,
                  pointer,
                  "sync wave `"
                      + value
                      + "` is not an integer; Argo CD puts the object in wave 0"));
        }
      }
      case HOOK -> {
        List<String> items = LabTree.commaSeparated(value);
        List<String> unknown = items.stream().filter(item -> !HOOKS.contains(item)).toList();
        for (String item : unknown) {
          findings.add(
              LabTree.at(
                  INFO,
                  resource,
                  pointer,
                  "hook `"
                      + item
                      + "` is not a phase Argo CD knows"
                      + (unknown.size() == items.size()
                          ? ", so the object becomes a hook that runs in no phase and is never"
                              + " applied"
                          : " and is ignored")
                      + SchemaProblems.suggestion(item, HOOKS)));
        }
      }
      case HOOK_DELETE_POLICY ->
          unknownItems(resource, pointer, value, "hook delete policy", DELETE_POLICIES, findings);
      case SYNC_OPTIONS -> {
        for (String item : LabTree.commaSeparated(value)) {
          String name = item.contains("=") ? item.substring(0, item.indexOf('=')) : item;
          if (APPLICATION_SYNC_OPTIONS.contains(name)) {
            findings.add(
                LabTree.at(
                    INFO,
                    resource,
                    pointer,
                    "sync option `"
                        + item
                        + "` only takes effect in an Application's syncPolicy, not on a"
                        + " resource"));
          } else if (!RESOURCE_SYNC_OPTIONS.contains(item)) {
            unknownItems(resource, pointer, item, "sync option", RESOURCE_SYNC_OPTIONS, findings);
          }
        }
      }
      case COMPARE_OPTIONS ->
          unknownItems(resource, pointer, value, "compare option", COMPARE_OPTION_VALUES, findings);
      default -> {
        String suggestion = SchemaProblems.suggestion(key, RESOURCE_KEYS);
        if (!OTHER_KEYS.contains(key.substring(PREFIX.length())) && !suggestion.isEmpty()) {
          findings.add(
              LabTree.atKey(
                  INFO,
                  resource,
                  pointer,
                  "annotation `"
                      + key
                      + "` is not one Argo CD reads, so it is ignored"
                      + suggestion));
        }
      }
    }
  }

  private static void unknownItems(
      Resource resource,
      String pointer,
      String value,
      String what,
      Set<String> known,
      List<Finding> findings) {
    for (String item : LabTree.commaSeparated(value)) {
      if (!known.contains(item)) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                pointer,
                what
                    + " `"
                    + item
                    + "` is not one Argo CD knows, so it is ignored"
                    + SchemaProblems.suggestion(item, known)));
      }
    }
  }
}
