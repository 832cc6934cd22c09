package dev.homelab.core.config;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which namespaces depend on which: one does on another when one of its components depends on one
 * of the other's. The generator orders the namespaces' sync waves by it, so a cycle is a config
 * error.
 */
public final class NamespaceDependencies {

  /** The first dependsOn entry, in file order, that makes one namespace depend on another. */
  public record Edge(
      HomeLab.Component from, HomeLab.Component to, int componentIndex, int dependsOnIndex) {
    public String describe() {
      return from.namespace()
          + "/"
          + from.name()
          + " depends on "
          + to.namespace()
          + "/"
          + to.name();
    }
  }

  // Namespace (in declaration order) -> depended-on namespace -> the edge that makes it so.
  private final Map<String, Map<String, Edge>> graph;

  private NamespaceDependencies(Map<String, Map<String, Edge>> graph) {
    this.graph = graph;
  }

  /** The dependencies of {@code lab}, whose dependsOn entries all name declared components. */
  public static NamespaceDependencies of(HomeLab lab) {
    Map<String, HomeLab.Component> byName = new HashMap<>();
    lab.components().forEach(c -> byName.putIfAbsent(c.name(), c));
    Map<String, Map<String, Edge>> graph = new LinkedHashMap<>();
    lab.namespaces().forEach(ns -> graph.putIfAbsent(ns.name(), new TreeMap<>()));
    for (int c = 0; c < lab.components().size(); c++) {
      HomeLab.Component component = lab.components().get(c);
      for (int d = 0; d < component.dependsOn().size(); d++) {
        HomeLab.Component dependency = byName.get(component.dependsOn().get(d));
        if (!dependency.namespace().equals(component.namespace())) {
          graph
              .computeIfAbsent(component.namespace(), ns -> new TreeMap<>())
              .putIfAbsent(dependency.namespace(), new Edge(component, dependency, c, d));
        }
      }
    }
    return new NamespaceDependencies(graph);
  }

  /** The namespaces that {@code namespace} depends on directly. */
  public Set<String> dependenciesOf(String namespace) {
    return graph.getOrDefault(namespace, Map.of()).keySet();
  }

  /**
   * The first cycle, as the edges that form it, ending with the one declared last in the file: the
   * entry that, read top to bottom, closes the cycle.
   */
  public Optional<List<Edge>> cycle() {
    return DependencyCycles.find(
            List.copyOf(graph.keySet()),
            ns -> graph.getOrDefault(ns, Map.of()).values(),
            edge -> edge.to().namespace())
        .map(
            cycle ->
                DependencyCycles.closingLast(
                    cycle,
                    Comparator.comparingInt(Edge::componentIndex)
                        .thenComparingInt(Edge::dependsOnIndex)));
  }
}
