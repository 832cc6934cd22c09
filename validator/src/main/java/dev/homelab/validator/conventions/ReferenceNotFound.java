package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Entries;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A pod names a ConfigMap, PersistentVolumeClaim or ServiceAccount that its namespace does not
 * define, or a ConfigMap key that the ConfigMap lacks; an autoscaler names a workload its namespace
 * does not define. Secrets are left out: the lab keeps them out of git, so the tree never shows
 * them.
 */
final class ReferenceNotFound implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "reference-not-found",
          Labels.FAMILY,
          "A pod or an autoscaler names an object that its namespace does not define.",
          "The API server accepts a pod whose ConfigMap, PersistentVolumeClaim or ServiceAccount"
              + " does not exist, and Argo CD reports the sync as done, but the pod never runs: a"
              + " missing ConfigMap or key leaves it in CreateContainerConfigError or"
              + " ContainerCreating, a missing claim keeps it Pending, and a missing"
              + " ServiceAccount stops the controller from creating it at all. An autoscaler"
              + " (HorizontalPodAutoscaler, VerticalPodAutoscaler or KEDA ScaledObject) whose"
              + " target Deployment, StatefulSet or ReplicaSet does not exist reports"
              + " FailedGetScale and never scales anything. References marked"
              + " `optional: true`, the ServiceAccount `default` and the ConfigMap"
              + " `kube-root-ca.crt`, which every namespace has, are not checked. In a namespace"
              + " where a Helm chart makes objects the tree does not show, a missing object is not"
              + " reported, but a missing key of a ConfigMap the tree defines still is; a"
              + " kustomization in a component's folder makes none, since Argo CD never builds it"
              + " (see kustomization-not-built). Secrets are not checked because the lab keeps"
              + " them out of git.",
          Severity.ERROR,
          Labels.SINCE,
          "Add the missing object to the namespace's component, fix the name or key, or mark a"
              + " ConfigMap reference `optional: true` when the pod can start without it.");

  /** ConfigMaps the API server publishes into every namespace. */
  private static final Set<String> BUILT_IN_CONFIG_MAPS = Set.of("kube-root-ca.crt");

  /** What a namespace defines: ConfigMaps with their keys, claims and ServiceAccounts. */
  private static final class Defined {
    final Map<String, Set<String>> configMapKeys = new HashMap<>();
    final Set<String> claims = new HashSet<>();
    final Set<String> serviceAccounts = new HashSet<>(Set.of("default"));
    final Set<String> workloads = new HashSet<>();
  }

  /** Kinds an autoscaler can target that the tree shows, by kind: their API groups. */
  private static final Map<String, String> SCALABLE =
      Map.of(
          "Deployment", "apps",
          "StatefulSet", "apps",
          "ReplicaSet", "apps",
          "ReplicationController", "");

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
    Map<String, Defined> namespaces = new HashMap<>();
    for (Resource resource : tree.resources()) {
      if (resource.group().equals(SCALABLE.get(resource.kind()))) {
        namespaces
            .computeIfAbsent(resource.namespace(), n -> new Defined())
            .workloads
            .add(resource.kind() + "/" + resource.name());
      }
      if (!resource.group().isEmpty()) {
        continue;
      }
      Defined defined = namespaces.computeIfAbsent(resource.namespace(), n -> new Defined());
      switch (resource.kind()) {
        case "ConfigMap" ->
            // A ConfigMap defined twice (duplicate-resource's finding) counts with both key sets.
            defined
                .configMapKeys
                .computeIfAbsent(resource.name(), name -> new HashSet<>())
                .addAll(keysOf(resource.object()));
        case "PersistentVolumeClaim" -> defined.claims.add(resource.name());
        case "ServiceAccount" -> defined.serviceAccounts.add(resource.name());
        default -> {}
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      Defined defined = namespaces.getOrDefault(resource.namespace(), new Defined());
      boolean hidden = tree.mayHoldUnseen(resource.namespace());
      Entries.podSpec(resource)
          .ifPresent(spec -> new PodCheck(resource, defined, hidden, findings).run(spec));
      if (!hidden) {
        scaleTarget(resource, defined, findings);
      }
    }
    return findings;
  }

  /** An autoscaler's target must be a workload of its namespace. */
  private static void scaleTarget(Resource resource, Defined defined, List<Finding> findings) {
    String pointer =
        switch (resource.group() + "/" + resource.kind()) {
          case "autoscaling/HorizontalPodAutoscaler", "keda.sh/ScaledObject" ->
              "/spec/scaleTargetRef";
          case "autoscaling.k8s.io/VerticalPodAutoscaler" -> "/spec/targetRef";
          default -> null;
        };
    if (pointer == null) {
      return;
    }
    JsonNode target = resource.object().at(pointer);
    String kind =
        Nodes.text(target, "kind", resource.kind().equals("ScaledObject") ? "Deployment" : "");
    String name = Nodes.text(target, "name", "");
    if (SCALABLE.containsKey(kind)
        && !name.isEmpty()
        && !defined.workloads.contains(kind + "/" + name)) {
      findings.add(
          LabTree.at(
              INFO,
              resource,
              pointer + "/name",
              LabTree.subject(resource)
                  + " scales "
                  + kind
                  + " `"
                  + name
                  + "`, which is not defined in namespace `"
                  + resource.namespace()
                  + "`"));
    }
  }

  private static Set<String> keysOf(JsonNode configMap) {
    Set<String> keys = new HashSet<>();
    for (String field : List.of("data", "binaryData")) {
      keys.addAll(configMap.path(field).propertyNames());
    }
    return keys;
  }

  /** The references of one pod spec, checked against its namespace. */
  private record PodCheck(
      Resource resource, Defined defined, boolean mayBeHidden, List<Finding> findings) {

    void run(String spec) {
      serviceAccount(spec);
      Entries.each(resource, spec + "/volumes", this::volume);
      Entries.eachContainer(
          resource,
          spec,
          container -> {
            Entries.each(
                resource, container + "/envFrom", from -> configMap(from + "/configMapRef"));
            Entries.each(
                resource,
                container + "/env",
                env -> configMapKey(env + "/valueFrom/configMapKeyRef"));
          });
    }

    private void serviceAccount(String spec) {
      for (String field : List.of("serviceAccountName", "serviceAccount")) {
        JsonNode name = node(spec + "/" + field);
        if (name.isString()
            && !name.asString().isEmpty()
            && !defined.serviceAccounts.contains(name.asString())) {
          report(spec + "/" + field, "ServiceAccount", name.asString());
          return; // the deprecated field repeats the same name
        }
      }
    }

    private void volume(String volume) {
      configMap(volume + "/configMap");
      Entries.each(
          resource, volume + "/projected/sources", source -> configMap(source + "/configMap"));
      JsonNode claim = node(volume + "/persistentVolumeClaim/claimName");
      if (claim.isString()
          && !defined.claims.contains(claim.asString())
          && !claimTemplates().contains(Nodes.text(node(volume), "name", ""))) {
        report(
            volume + "/persistentVolumeClaim/claimName", "PersistentVolumeClaim", claim.asString());
      }
    }

    /** A ConfigMap volume, projection or envFrom source, with the keys its {@code items} pick. */
    private void configMap(String pointer) {
      Set<String> keys = mandatoryConfigMap(pointer);
      if (keys != null) {
        Entries.each(resource, pointer + "/items", item -> key(pointer, item + "/key", keys));
      }
    }

    /** An env var's {@code configMapKeyRef}: the ConfigMap and its key. */
    private void configMapKey(String pointer) {
      Set<String> keys = mandatoryConfigMap(pointer);
      if (keys != null) {
        key(pointer, pointer + "/key", keys);
      }
    }

    /**
     * The keys of the ConfigMap referenced at {@code pointer}, or null when the reference is
     * optional, built in, malformed or to a ConfigMap the namespace lacks (which is reported).
     */
    private Set<String> mandatoryConfigMap(String pointer) {
      JsonNode reference = node(pointer);
      JsonNode name = reference.path("name");
      if (!name.isString()
          || reference.path("optional").asBoolean(false)
          || BUILT_IN_CONFIG_MAPS.contains(name.asString())) {
        return null;
      }
      Set<String> keys = defined.configMapKeys.get(name.asString());
      if (keys == null) {
        report(pointer + "/name", "ConfigMap", name.asString());
      }
      return keys;
    }

    private void key(String configMap, String pointer, Set<String> keys) {
      JsonNode key = node(pointer);
      if (key.isString() && !keys.contains(key.asString())) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                pointer,
                LabTree.subject(resource)
                    + " reads key `"
                    + key.asString()
                    + "` of ConfigMap `"
                    + node(configMap + "/name").asString()
                    + "`, which has no such key"));
      }
    }

    /**
     * A StatefulSet's claim template names; the controller gives each pod its own claim in place of
     * a template volume of the same name, whatever that volume's claimName says.
     */
    private Set<String> claimTemplates() {
      Set<String> names = new HashSet<>();
      if (resource.kind().equals("StatefulSet") && resource.group().equals("apps")) {
        Entries.each(
            resource,
            "/spec/volumeClaimTemplates",
            claim -> names.add(Nodes.text(node(claim + "/metadata"), "name", "")));
      }
      return names;
    }

    private JsonNode node(String pointer) {
      return resource.object().at(pointer);
    }

    /** A missing object, unless a chart of the namespace may make it. */
    private void report(String pointer, String kind, String name) {
      if (mayBeHidden) {
        return;
      }
      findings.add(
          LabTree.at(
              INFO,
              resource,
              pointer,
              LabTree.subject(resource)
                  + " uses "
                  + kind
                  + " `"
                  + name
                  + "`, which is not defined in namespace `"
                  + resource.namespace()
                  + "`"));
    }
  }
}
