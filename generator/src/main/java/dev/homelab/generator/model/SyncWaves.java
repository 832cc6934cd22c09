package dev.homelab.generator.model;

import dev.homelab.core.config.ConfigException;
import dev.homelab.core.config.HomeLab;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Sync waves from {@code dependsOn}: a component's wave is the length of its longest dependency
 * chain (0 without dependencies), and a namespace's wave is the same measure over the namespace
 * graph, where a namespace depends on another when one of its components depends on one of theirs.
 */
public final class SyncWaves {
  /** One dependsOn entry that crosses namespaces. */
  private record Edge(HomeLab.Component from, HomeLab.Component to, int dependsOnIndex) {
    String describe() {
      return from.namespace()
          + "/"
          + from.name()
          + " depends on "
          + to.namespace()
          + "/"
          + to.name();
    }
  }

  private final Map<String, Integer> componentWaves;
  private final Map<String, Integer> namespaceWaves;

  private SyncWaves(Map<String, Integer> componentWaves, Map<String, Integer> namespaceWaves) {
    this.componentWaves = componentWaves;
    this.namespaceWaves = namespaceWaves;
  }

  /**
   * The waves of {@code config}'s components and namespaces.
   *
   * @throws ConfigException when namespaces depend on each other in a cycle, naming the component
   *     edges that close it (component cycles were already refused when the config was loaded)
   */
  public static SyncWaves of(HomeLabConfig config) throws ConfigException {
    HomeLab lab = config.lab();
    Map<String, HomeLab.Component> byName = new HashMap<>();
    lab.components().forEach(c -> byName.put(c.name(), c));
    Map<String, Integer> components = new HashMap<>();
    for (HomeLab.Component component : lab.components()) {
      depth(component.name(), byName, components);
    }
    // Namespace -> depended-on namespace -> the first component edge that makes it so.
    Map<String, Map<String, Edge>> graph = new LinkedHashMap<>();
    lab.namespaces().forEach(ns -> graph.put(ns.name(), new TreeMap<>()));
    for (HomeLab.Component component : lab.components()) {
      for (int i = 0; i < component.dependsOn().size(); i++) {
        HomeLab.Component dependency = byName.get(component.dependsOn().get(i));
        if (!dependency.namespace().equals(component.namespace())) {
          graph
              .get(component.namespace())
              .putIfAbsent(dependency.namespace(), new Edge(component, dependency, i));
        }
      }
    }
    Optional<List<Edge>> cycle = findCycle(graph);
    if (cycle.isPresent()) {
      throw cycleError(config, cycle.get());
    }
    Map<String, Integer> namespaces = new HashMap<>();
    Map<String, List<String>> namespaceEdges = new HashMap<>();
    graph.forEach((ns, edges) -> namespaceEdges.put(ns, new ArrayList<>(edges.keySet())));
    for (String namespace : graph.keySet()) {
      depthOf(namespace, namespaceEdges, namespaces);
    }
    return new SyncWaves(Map.copyOf(components), Map.copyOf(namespaces));
  }

  public int component(String name) {
    return componentWaves.get(name);
  }

  public int namespace(String name) {
    return namespaceWaves.get(name);
  }

  private static int depth(
      String name, Map<String, HomeLab.Component> byName, Map<String, Integer> memo) {
    Integer known = memo.get(name);
    if (known != null) {
      return known;
    }
    int wave = 0;
    for (String dependency : byName.get(name).dependsOn()) {
      wave = Math.max(wave, depth(dependency, byName, memo) + 1);
    }
    memo.put(name, wave);
    return wave;
  }

  private static int depthOf(
      String node, Map<String, List<String>> edges, Map<String, Integer> memo) {
    Integer known = memo.get(node);
    if (known != null) {
      return known;
    }
    int wave = 0;
    for (String next : edges.get(node)) {
      wave = Math.max(wave, depthOf(next, edges, memo) + 1);
    }
    memo.put(node, wave);
    return wave;
  }

  /** The first cycle in declaration order, as the edges that form it. */
  private static Optional<List<Edge>> findCycle(Map<String, Map<String, Edge>> graph) {
    Map<String, Integer> state = new HashMap<>();
    for (String start : graph.keySet()) {
      List<Edge> path = new ArrayList<>();
      Optional<List<Edge>> cycle = visit(start, graph, state, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  private static Optional<List<Edge>> visit(
      String node,
      Map<String, Map<String, Edge>> graph,
      Map<String, Integer> state,
      List<Edge> path) {
    Integer seen = state.get(node);
    if (seen != null && seen == 2) {
      return Optional.empty();
    }
    if (seen != null && seen == 1) {
      int start = 0;
      while (!path.get(start).from().namespace().equals(node)) {
        start++;
      }
      return Optional.of(List.copyOf(path.subList(start, path.size())));
    }
    state.put(node, 1);
    for (Edge edge : graph.get(node).values()) {
      path.add(edge);
      Optional<List<Edge>> cycle = visit(edge.to().namespace(), graph, state, path);
      if (cycle.isPresent()) {
        return cycle;
      }
      path.remove(path.size() - 1);
    }
    state.put(node, 2);
    return Optional.empty();
  }

  private static ConfigException cycleError(HomeLabConfig config, List<Edge> cycle) {
    StringBuilder chain = new StringBuilder(cycle.get(0).from().namespace());
    List<String> because = new ArrayList<>();
    for (Edge edge : cycle) {
      chain.append(" → ").append(edge.to().namespace());
      because.add(edge.describe());
    }
    Edge first = cycle.get(0);
    String pointer =
        Pointer.of("components", config.indexOf(first.from()), "dependsOn", first.dependsOnIndex());
    return new ConfigException(
        config.locate(pointer),
        "namespaces depend on each other in a cycle, so they have no sync order: "
            + chain
            + " ("
            + String.join("; ", because)
            + ")");
  }
}
