package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.source.Location;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import dev.homelab.validator.apiserver.Quantities;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A namespace's ResourceQuota or LimitRange in the tree that says otherwise than its profile in
 * homelab.yaml: the checks judge containers by the profile, the API server by the objects.
 */
final class NamespaceLimitsDifferFromProfile implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "namespace-limits-differ-from-profile",
          Labels.FAMILY,
          "A namespace's ResourceQuota or LimitRange states a value other than its profile in"
              + " homelab.yaml.",
          "Each namespace's profile in homelab.yaml states its quota and its LimitRange's"
              + " per-container defaults and maximum, and the namespace's ResourceQuota and"
              + " LimitRange objects in the tree are what the API server enforces. Nothing"
              + " generates one from the other, so they drift apart. The rule compares every value"
              + " both state, as quantities (2 equals 2000m, 4Gi equals 4096Mi; `cpu` in a quota"
              + " means `requests.cpu`). A LimitRange maximum below the profile's is an error:"
              + " the policy container-resources-above-profile-max passes a container between the"
              + " two, and the API server then refuses its pods. A maximum above the profile's is"
              + " a warning: the checks hold the tree's containers to the profile, but the cluster"
              + " does not, so a chart's containers (which the checks do not see) may go past it."
              + " A quota or a default that differs is a warning either way: quota-exceeded and"
              + " the API server use the object, so the profile misstates what the namespace may"
              + " use or what a container without requests gets. A quota with scopes, and"
              + " LimitRange entries for pods or claims, are not compared, since a profile has no"
              + " such values.",
          Severity.ERROR,
          Labels.SINCE,
          "Make the object's value and the profile's equal: change the ResourceQuota's"
              + " `spec.hard` or the LimitRange's Container entry, or the profile's `quota` or"
              + " `limitRange` in homelab.yaml, whichever states what the namespace should have.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      if (!resource.group().isEmpty() || resource.clusterScoped()) {
        continue;
      }
      boolean quota = resource.kind().equals("ResourceQuota");
      if (!quota && !resource.kind().equals("LimitRange")) {
        continue;
      }
      Optional<String> profileName =
          tree.config().namespace(resource.namespace()).map(HomeLab.Namespace::profile);
      HomeLab.Profile profile = profileName.map(tree.lab().profiles()::get).orElse(null);
      if (profile == null) { // namespace-declared reports an undeclared namespace
        continue;
      }
      Profile named = new Profile(tree, profileName.get(), profile);
      if (quota) {
        checkQuota(resource, named, findings);
      } else {
        checkLimitRange(resource, named, findings);
      }
    }
    return findings;
  }

  /** The profile with its name, and where homelab.yaml states each value. */
  private record Profile(LabTree tree, String name, HomeLab.Profile values) {

    String pointer(String... keys) {
      String pointer = Pointer.of("profiles", name);
      for (String key : keys) {
        pointer = Pointer.append(pointer, key);
      }
      return pointer;
    }

    /** How a message names the profile's value: {@code profile `x`'s 2 (homelab.yaml:12)}. */
    String value(String text, String pointer) {
      Location where = tree.config().locate(pointer);
      return "the "
          + text
          + " of profile `"
          + name
          + "` ("
          + where.file()
          + ":"
          + where.line()
          + ")";
    }
  }

  private static void checkQuota(Resource quota, Profile profile, List<Finding> findings) {
    JsonNode spec = quota.object().path("spec");
    if (spec.has("scopes") || spec.has("scopeSelector")) {
      return; // a scoped quota caps only some pods; the profile's is the namespace's
    }
    Map<String, String> stated = new LinkedHashMap<>();
    for (String key : profile.values().quota().keySet()) {
      stated.putIfAbsent(canonical(key), key);
    }
    for (Map.Entry<String, JsonNode> hard : spec.path("hard").properties()) {
      String profileKey = stated.get(canonical(hard.getKey()));
      if (profileKey == null) {
        continue;
      }
      String theirs = profile.values().quota().get(profileKey);
      int order = compare(Quantities.text(hard.getValue()), theirs);
      if (order == 0) {
        continue;
      }
      findings.add(
          LabTree.at(
                  INFO,
                  quota,
                  Pointer.of("spec", "hard", hard.getKey()),
                  LabTree.subject(quota)
                      + " allows "
                      + Quantities.text(hard.getValue())
                      + " of "
                      + hard.getKey()
                      + ", "
                      + (order < 0 ? "below " : "above ")
                      + profile.value(theirs, profile.pointer("quota", profileKey))
                      + (order < 0
                          ? ", so the namespace has less room than the profile says"
                          : ", so the cluster does not hold the namespace to the profile"))
              .withSeverity(Severity.WARNING));
    }
  }

  private static void checkLimitRange(
      Resource limitRange, Profile profile, List<Finding> findings) {
    HomeLab.LimitRange theirs = profile.values().limitRange();
    if (theirs == null) { // the schema requires one; a config built in code may lack it
      return;
    }
    List<JsonNode> limits = Nodes.elements(limitRange.object().at("/spec/limits"));
    for (int i = 0; i < limits.size(); i++) {
      if (!Nodes.text(limits.get(i), "type", "").equals("Container")) {
        continue;
      }
      String entry = "/spec/limits/" + i;
      compareField(limitRange, entry, "max", theirs.max(), profile, findings);
      compareField(limitRange, entry, "default", theirs.defaults(), profile, findings);
      compareField(limitRange, entry, "defaultRequest", theirs.defaultRequest(), profile, findings);
    }
  }

  private static void compareField(
      Resource limitRange,
      String entry,
      String field,
      Map<String, String> theirs,
      Profile profile,
      List<Finding> findings) {
    for (Map.Entry<String, JsonNode> ours :
        limitRange.object().at(entry + "/" + field).properties()) {
      String resource = ours.getKey();
      String profileText = theirs == null ? null : theirs.get(resource);
      String text = Quantities.text(ours.getValue());
      int order = compare(text, profileText);
      if (order == 0) {
        continue;
      }
      String named = profile.value(profileText, profile.pointer("limitRange", field, resource));
      String pointer = Pointer.append(Pointer.append(entry, field), resource);
      if (field.equals("max")) {
        Finding finding =
            LabTree.at(
                INFO,
                limitRange,
                pointer,
                LabTree.subject(limitRange)
                    + " caps a container's "
                    + resource
                    + " at "
                    + text
                    + ", "
                    + (order < 0 ? "below " : "above ")
                    + named
                    + (order < 0
                        ? ", so the checks pass containers between the two that the API server"
                            + " refuses"
                        : ", so the cluster lets containers the checks do not see go past the"
                            + " profile"));
        findings.add(order < 0 ? finding : finding.withSeverity(Severity.WARNING));
      } else {
        findings.add(
            LabTree.at(
                    INFO,
                    limitRange,
                    pointer,
                    LabTree.subject(limitRange)
                        + " gives a container without its own "
                        + resource
                        + (field.equals("default") ? " limit " : " request ")
                        + text
                        + ", "
                        + (order < 0 ? "below " : "above ")
                        + named)
                .withSeverity(Severity.WARNING));
      }
    }
  }

  /**
   * How the object's quantity compares with the profile's: 0 when equal, or when either is missing
   * or not a quantity (the schema reports that).
   */
  private static int compare(String ours, String theirs) {
    if (ours == null || theirs == null) {
      return 0;
    }
    Optional<BigDecimal> a = Quantities.parse(ours);
    Optional<BigDecimal> b = Quantities.parse(theirs);
    return a.isPresent() && b.isPresent() ? Integer.signum(a.get().compareTo(b.get())) : 0;
  }

  /** A quota key as the API server counts it: {@code cpu} means {@code requests.cpu}. */
  private static String canonical(String key) {
    return switch (key) {
      case "cpu" -> "requests.cpu";
      case "memory" -> "requests.memory";
      case "ephemeral-storage" -> "requests.ephemeral-storage";
      default -> key;
    };
  }
}
