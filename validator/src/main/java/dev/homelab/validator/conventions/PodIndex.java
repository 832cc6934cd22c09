package dev.homelab.validator.conventions;

import dev.homelab.core.model.Entries;
import dev.homelab.core.model.PodTemplate;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** The tree's pod templates by namespace, with their labels and the names of their ports. */
final class PodIndex {

  /** One pod template: its workload, its labels and every port name its containers declare. */
  record Pod(Resource resource, Map<String, String> labels, Set<String> portNames) {}

  /** Where a workload kind this index does not know usually keeps its pod template. */
  private static final String OTHER_TEMPLATE = "/spec/template/metadata/labels";

  private final Map<String, List<Pod>> byNamespace = new HashMap<>();

  /** Labels of the templates of other kinds (an Argo Rollout, a misspelt Deployment). */
  private final Map<String, List<Map<String, String>>> otherKinds = new HashMap<>();

  PodIndex(List<Resource> resources) {
    for (Resource resource : resources) {
      JsonNode otherLabels = resource.object().at(OTHER_TEMPLATE);
      if (PodTemplate.of(resource).isEmpty() && otherLabels.isObject()) {
        otherKinds
            .computeIfAbsent(resource.namespace(), n -> new ArrayList<>())
            .add(Nodes.stringMap(otherLabels));
      }
      PodTemplate.of(resource)
          .ifPresent(
              template ->
                  byNamespace
                      .computeIfAbsent(resource.namespace(), n -> new ArrayList<>())
                      .add(
                          new Pod(
                              resource,
                              Nodes.stringMap(template.labels()),
                              portNames(resource, template.pointer() + "/spec"))));
    }
  }

  /** The pod templates of {@code namespace} whose labels include all of {@code selector}. */
  List<Pod> selected(String namespace, Map<String, String> selector) {
    return selected(namespace, labels -> labels.entrySet().containsAll(selector.entrySet()));
  }

  /**
   * Whether an object of a kind without a known pod template has a {@code spec.template} with all
   * of {@code selector}'s labels, so its pods (whose ports this index cannot know) may be selected.
   */
  boolean otherKindMaySelect(String namespace, Map<String, String> selector) {
    return otherKindMaySelect(
        namespace, labels -> labels.entrySet().containsAll(selector.entrySet()));
  }

  /** As {@link #otherKindMaySelect(String, Map)}, for a selector with expressions. */
  boolean otherKindMaySelect(String namespace, Predicate<Map<String, String>> selector) {
    return otherKinds.getOrDefault(namespace, List.of()).stream().anyMatch(selector);
  }

  /** The pod templates of {@code namespace} whose labels {@code selector} matches. */
  List<Pod> selected(String namespace, Predicate<Map<String, String>> selector) {
    List<Pod> selected = new ArrayList<>();
    for (Pod pod : byNamespace.getOrDefault(namespace, List.of())) {
      if (selector.test(pod.labels())) {
        selected.add(pod);
      }
    }
    return selected;
  }

  /** The names of the ports that the containers of the pod spec at {@code spec} declare. */
  static Set<String> portNames(Resource resource, String spec) {
    Set<String> names = new TreeSet<>();
    Entries.eachContainer(
        resource, spec, container -> names.addAll(containerPorts(resource, container)));
    return names;
  }

  /** The names of the ports that the container at {@code container} declares. */
  static Set<String> containerPorts(Resource resource, String container) {
    Set<String> names = new TreeSet<>();
    Entries.each(
        resource,
        container + "/ports",
        port -> {
          JsonNode name = resource.object().at(port + "/name");
          if (name.isString()) {
            names.add(name.asString());
          }
        });
    return names;
  }
}
