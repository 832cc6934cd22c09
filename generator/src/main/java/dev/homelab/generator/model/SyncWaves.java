package dev.homelab.generator.model;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.config.NamespaceDependencies;
import java.util.HashMap;
import java.util.Map;

/**
 * Sync waves from {@code dependsOn}: a component's wave is the length of its longest dependency
 * chain (0 without dependencies), and a namespace's wave is the same measure over the namespace
 * graph, where a namespace depends on another when one of its components depends on one of theirs.
 * Loading homelab.yaml refuses cycles in either graph, so both have an order.
 */
public final class SyncWaves {
  private final Map<String, Integer> componentWaves;
  private final Map<String, Integer> namespaceWaves;

  private SyncWaves(Map<String, Integer> componentWaves, Map<String, Integer> namespaceWaves) {
    this.componentWaves = componentWaves;
    this.namespaceWaves = namespaceWaves;
  }

  /** The waves of {@code config}'s components and namespaces. */
  public static SyncWaves of(HomeLabConfig config) {
    HomeLab lab = config.lab();
    Map<String, HomeLab.Component> byName = new HashMap<>();
    lab.components().forEach(c -> byName.put(c.name(), c));
    Map<String, Integer> components = new HashMap<>();
    for (HomeLab.Component component : lab.components()) {
      depth(component.name(), byName, components);
    }
    NamespaceDependencies graph = NamespaceDependencies.of(lab);
    Map<String, Integer> namespaces = new HashMap<>();
    for (HomeLab.Namespace namespace : lab.namespaces()) {
      depthOf(namespace.name(), graph, namespaces);
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

  private static int depthOf(String node, NamespaceDependencies graph, Map<String, Integer> memo) {
    Integer known = memo.get(node);
    if (known != null) {
      return known;
    }
    int wave = 0;
    for (String next : graph.dependenciesOf(node)) {
      wave = Math.max(wave, depthOf(next, graph, memo) + 1);
    }
    memo.put(node, wave);
    return wave;
  }
}
