package dev.homelab.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Finds a cycle in dependsOn, between components or between namespaces. */
public final class DependencyCycles {

  private DependencyCycles() {}

  /** The first cycle in declaration order, as names ending with the name it started from. */
  public static Optional<List<String>> find(List<HomeLab.Component> components) {
    Map<String, List<String>> edges = new HashMap<>();
    for (HomeLab.Component component : components) {
      edges.put(component.name(), component.dependsOn());
    }
    return find(components.stream().map(HomeLab.Component::name).toList(), edges::get, name -> name)
        .map(
            cycle -> {
              List<String> chain = new ArrayList<>();
              chain.add(cycle.get(cycle.size() - 1));
              chain.addAll(cycle);
              return chain;
            });
  }

  /**
   * The first cycle found walking from each node in {@code nodes}' order, as the edges that form
   * it, starting with the one that leaves the node it returns to.
   */
  static <E> Optional<List<E>> find(
      Collection<String> nodes,
      Function<String, ? extends Collection<E>> edges,
      Function<E, String> target) {
    Map<String, Integer> state = new HashMap<>();
    for (String start : nodes) {
      Optional<List<E>> cycle =
          visit(start, edges, target, state, new ArrayList<>(), new ArrayList<>());
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  /** Depth first; {@code from.get(i)} is the node that {@code path.get(i)} leaves. */
  private static <E> Optional<List<E>> visit(
      String node,
      Function<String, ? extends Collection<E>> edges,
      Function<E, String> target,
      Map<String, Integer> state,
      List<String> from,
      List<E> path) {
    Integer seen = state.get(node);
    if (seen != null && seen == 2) {
      return Optional.empty();
    }
    if (seen != null && seen == 1) {
      return Optional.of(List.copyOf(path.subList(from.indexOf(node), path.size())));
    }
    state.put(node, 1);
    Collection<E> out = edges.apply(node);
    for (E edge : out == null ? List.<E>of() : out) {
      from.add(node);
      path.add(edge);
      Optional<List<E>> cycle = visit(target.apply(edge), edges, target, state, from, path);
      if (cycle.isPresent()) {
        return cycle;
      }
      from.remove(from.size() - 1);
      path.remove(path.size() - 1);
    }
    state.put(node, 2);
    return Optional.empty();
  }
}
