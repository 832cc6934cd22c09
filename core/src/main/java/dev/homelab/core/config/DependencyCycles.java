package dev.homelab.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Finds a cycle in dependsOn, between components or between namespaces. */
public final class DependencyCycles {

  private DependencyCycles() {}

  /** A dependsOn entry: components[component].dependsOn[entry] names {@code to}. */
  public record Dependency(String from, String to, int component, int entry) {}

  /**
   * The first cycle in declaration order, as its dependsOn entries, ending with the one declared
   * last in the file: the entry that, read top to bottom, closes the cycle.
   */
  public static Optional<List<Dependency>> find(List<HomeLab.Component> components) {
    Map<String, List<Dependency>> edges = new HashMap<>();
    for (int c = 0; c < components.size(); c++) {
      HomeLab.Component component = components.get(c);
      List<Dependency> out = edges.computeIfAbsent(component.name(), name -> new ArrayList<>());
      for (int d = 0; d < component.dependsOn().size(); d++) {
        out.add(new Dependency(component.name(), component.dependsOn().get(d), c, d));
      }
    }
    return find(
            components.stream().map(HomeLab.Component::name).toList(), edges::get, Dependency::to)
        .map(
            cycle ->
                closingLast(
                    cycle,
                    Comparator.comparingInt(Dependency::component)
                        .thenComparingInt(Dependency::entry)));
  }

  /** {@code cycle} turned so that it ends with its edge that comes last in {@code fileOrder}. */
  static <E> List<E> closingLast(List<E> cycle, Comparator<E> fileOrder) {
    int after = cycle.indexOf(cycle.stream().max(fileOrder).orElseThrow()) + 1;
    List<E> turned = new ArrayList<>(cycle.subList(after, cycle.size()));
    turned.addAll(cycle.subList(0, after));
    return List.copyOf(turned);
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
