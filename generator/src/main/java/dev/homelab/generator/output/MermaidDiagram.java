package dev.homelab.generator.output;

import dev.homelab.core.config.HomeLab;
import dev.homelab.generator.model.AppOfApps;
import dev.homelab.generator.model.SyncWaves;
import java.util.TreeSet;

/**
 * The app-of-apps as a Mermaid flowchart for the docs: namespaces as subgraphs with their wave,
 * components as nodes with theirs, and an arrow from each dependency to the component that needs
 * it, so that waves grow along the arrows.
 */
final class MermaidDiagram {
  private MermaidDiagram() {}

  static String render(AppOfApps plan, String header) {
    HomeLab lab = plan.lab();
    SyncWaves waves = plan.waves();
    StringBuilder out = new StringBuilder();
    out.append(header).append("\n\n");
    out.append("# App of apps\n\n");
    out.append("Argo CD syncs `")
        .append(plan.root().name())
        .append("`, which syncs the Application `namespace-<name>` of each namespace, which syncs")
        .append(" one Application per component. Each box is a namespace with the sync wave of its")
        .append(" Application; each node is a component with its own wave. An arrow points from a")
        .append(" component to one that depends on it and so syncs after it. Components marked")
        .append(" `script` are installed by their scripts, not by Argo CD.\n\n");
    out.append("```mermaid\nflowchart LR\n");
    for (HomeLab.Namespace namespace : lab.namespaces()) {
      out.append("  subgraph ")
          .append(id("ns", namespace.name()))
          .append("[\"")
          .append(namespace.name())
          .append(" · wave ")
          .append(waves.namespace(namespace.name()))
          .append("\"]\n");
      for (HomeLab.Component component : lab.components()) {
        if (component.namespace().equals(namespace.name())) {
          out.append("    ")
              .append(id("c", component.name()))
              .append("[\"")
              .append(component.name())
              .append(" · ")
              .append(
                  component.deployedByArgoCd()
                      ? "wave " + waves.component(component.name())
                      : "script")
              .append("\"]\n");
        }
      }
      out.append("  end\n");
    }
    TreeSet<String> edges = new TreeSet<>();
    for (HomeLab.Component component : lab.components()) {
      for (String dependency : component.dependsOn()) {
        edges.add("  " + id("c", dependency) + " --> " + id("c", component.name()) + "\n");
      }
    }
    edges.forEach(out::append);
    return out.append("```\n").toString();
  }

  // Names are DNS labels, so swapping dashes for underscores cannot make two ids equal.
  private static String id(String prefix, String name) {
    return prefix + "_" + name.replace('-', '_');
  }
}
