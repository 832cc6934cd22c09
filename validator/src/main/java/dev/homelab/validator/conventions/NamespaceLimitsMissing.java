package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.ResourceRef;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A namespace whose profile in homelab.yaml states a quota or LimitRange values, but which has no
 * ResourceQuota or no LimitRange in the tree: nothing enforces the profile in the cluster.
 */
final class NamespaceLimitsMissing implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
              "namespace-limits-missing",
              Labels.FAMILY,
              "A namespace lacks the ResourceQuota or LimitRange that its profile in homelab.yaml states.",
              "A namespace's profile in homelab.yaml states its quota and its LimitRange's"
                  + " per-container defaults and maximum, and the checks judge the namespace's"
                  + " containers by it. The API server enforces only the ResourceQuota and LimitRange"
                  + " objects in the namespace, and nothing generates them from the profile, so a"
                  + " namespace without them (the lab keeps them in its <namespace>-boundary"
                  + " component) may use as much of the cluster as it likes, and a container that"
                  + " writes no requests gets none. namespace-limits-differ-from-profile and"
                  + " quota-exceeded compare only objects that exist, so they say nothing then. A"
                  + " profile whose `quota` is empty needs no ResourceQuota, and one whose"
                  + " `limitRange` states no value needs no LimitRange. Namespaces no Application syncs"
                  + " into (no component yet, or every component installed by a script) are not"
                  + " checked; a namespace that only charts are synced into is, since a chart seldom"
                  + " brings its namespace's quota. Any ResourceQuota or LimitRange of the namespace"
                  + " counts, wherever it lies in the tree. The rule concludes only when the run"
                  + " loaded the whole tree and every file of it loaded.",
              Severity.WARNING,
              Labels.SINCE,
              "Add the missing ResourceQuota or LimitRange with the profile's values to the"
                  + " namespace's boundary component, or empty the profile's `quota` or `limitRange`"
                  + " values in homelab.yaml if the namespace is meant to have none.")
          .withReportedIn(RuleInfo.ReportedIn.LAB_NAMESPACES);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean concludesFromAbsence() {
    return true;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    if (!tree.loadedWhole()) {
      return findings; // the objects may be in a file the run did not load
    }
    Set<String> quotas = new HashSet<>();
    Set<String> limitRanges = new HashSet<>();
    for (Resource resource : tree.resources()) {
      if (!resource.group().isEmpty() || resource.clusterScoped()) {
        continue;
      }
      if (resource.kind().equals("ResourceQuota")) {
        quotas.add(resource.namespace());
      } else if (resource.kind().equals("LimitRange")) {
        limitRanges.add(resource.namespace());
      }
    }
    Set<String> synced = tree.lab().namespacesArgoCdSyncs();
    List<HomeLab.Namespace> namespaces = tree.lab().namespaces();
    for (int i = 0; i < namespaces.size(); i++) {
      HomeLab.Namespace namespace = namespaces.get(i);
      HomeLab.Profile profile = tree.lab().profiles().get(namespace.profile());
      if (profile == null || !synced.contains(namespace.name())) {
        continue;
      }
      List<String> missing = new ArrayList<>();
      if (!profile.quota().isEmpty() && !quotas.contains(namespace.name())) {
        missing.add("ResourceQuota");
      }
      if (statesLimits(profile.limitRange()) && !limitRanges.contains(namespace.name())) {
        missing.add("LimitRange");
      }
      if (missing.isEmpty()) {
        continue;
      }
      String objects = String.join(" and no ", missing);
      String stated =
          missing.size() == 2
              ? "a quota and LimitRange values"
              : missing.get(0).equals("ResourceQuota") ? "a quota" : "LimitRange values";
      findings.add(
          Finding.of(
              INFO,
              tree.config().locate(Pointer.of("namespaces", i, "name")),
              new ResourceRef("v1", "Namespace", "", namespace.name()),
              "namespace `"
                  + namespace.name()
                  + "` has no "
                  + objects
                  + " in the tree, though its profile `"
                  + namespace.profile()
                  + "` states "
                  + stated
                  + ", so the cluster does not hold it to the profile"));
    }
    return findings;
  }

  /** Whether the profile states any LimitRange value; a config built in code may have none. */
  private static boolean statesLimits(HomeLab.LimitRange limits) {
    return limits != null
        && (notEmpty(limits.defaultRequest())
            || notEmpty(limits.defaults())
            || notEmpty(limits.max()));
  }

  private static boolean notEmpty(Map<String, String> values) {
    return values != null && !values.isEmpty();
  }
}
