package dev.homelab.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a cycle in components' dependsOn, reported as the chain that closes it. */
public final class DependencyCycles {

  private DependencyCycles() {}

  /** The first cycle in declaration order, as names ending with the name it started from. */
  public static Optional<List<String>> find(List<HomeLab.Component> components) {
    Map<String, List<String>> edges = new HashMap<>();
    for (HomeLab.Component component : components) {
      edges.put(component.name(), component.dependsOn());
    }
    Map<String, Integer> state = new HashMap<>();
    for (HomeLab.Component component : components) {
      List<String> path = new ArrayList<>();
      Optional<List<String>> cycle = visit(component.name(), edges, state, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  private static Optional<List<String>> visit(
      String node, Map<String, List<String>> edges, Map<String, Integer> state, List<String> path) {
    Integer seen = state.get(node);
    if (seen != null && seen == 2) {
      return Optional.empty();
    }
    if (seen != null && seen == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return Optional.of(cycle);
    }
    state.put(node, 1);
    path.add(node);
    for (String next : edges.getOrDefault(node, List.of())) {
      Optional<List<String>> cycle = visit(next, edges, state, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(node, 2);
    return Optional.empty();
  }
}
