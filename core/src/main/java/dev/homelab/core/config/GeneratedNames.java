package dev.homelab.core.config;

import dev.homelab.core.source.Location;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The names of the Argo CD objects that the generator makes for a lab, so that the config is
 * refused when two of them would share a name (Argo CD keeps one object per kind and name).
 */
public final class GeneratedNames {
  /** Argo CD's built-in AppProject, which the root and namespace Applications belong to. */
  public static final String DEFAULT_PROJECT = "default";

  private GeneratedNames() {}

  public static String rootApplication(HomeLab lab) {
    return lab.name() + "-root";
  }

  public static String namespaceApplication(String namespace) {
    return "namespace-" + namespace;
  }

  /** The namespaces that get an AppProject and an Application: those with an Argo CD component. */
  private static Set<String> generatedNamespaces(HomeLab lab) {
    Set<String> namespaces = new TreeSet<>();
    lab.components().stream()
        .filter(HomeLab.Component::deployedByArgoCd)
        .forEach(c -> namespaces.add(c.namespace()));
    return namespaces;
  }

  /** An entry of homelab.yaml that a generated object comes from. */
  private record Source(Location location, String description) {}

  /**
   * Each name that two generated objects would share, at the later of the entries they come from,
   * naming the lines of all of them; and a namespace whose AppProject would replace Argo CD's own.
   */
  static List<ConfigException.Problem> clashes(HomeLab lab, Function<String, Location> locate) {
    List<ConfigException.Problem> problems = new ArrayList<>();
    Map<String, List<Source>> applications = new LinkedHashMap<>();
    applications
        .computeIfAbsent(rootApplication(lab), name -> new ArrayList<>())
        .add(
            new Source(
                locate.apply(Pointer.of("name")),
                "as the root Application of lab `" + lab.name() + "`"));
    Set<String> generated = generatedNamespaces(lab);
    for (int i = 0; i < lab.namespaces().size(); i++) {
      String namespace = lab.namespaces().get(i).name();
      if (!generated.contains(namespace)) {
        continue;
      }
      Location at = locate.apply(Pointer.of("namespaces", i, "name"));
      applications
          .computeIfAbsent(namespaceApplication(namespace), name -> new ArrayList<>())
          .add(new Source(at, "for namespace `" + namespace + "`"));
      if (namespace.equals(DEFAULT_PROJECT)) {
        problems.add(
            new ConfigException.Problem(
                at,
                "namespace `"
                    + namespace
                    + "` would get an AppProject named `"
                    + DEFAULT_PROJECT
                    + "`, which would replace Argo CD's built-in project that the root and"
                    + " namespace Applications use; deploy its components into a namespace of"
                    + " another name"));
      }
    }
    for (int i = 0; i < lab.components().size(); i++) {
      HomeLab.Component component = lab.components().get(i);
      if (component.deployedByArgoCd()) {
        applications
            .computeIfAbsent(component.name(), name -> new ArrayList<>())
            .add(
                new Source(
                    locate.apply(Pointer.of("components", i, "name")),
                    "for component `" + component.name() + "`"));
      }
    }
    applications.forEach(
        (name, sources) -> {
          if (sources.size() > 1) {
            List<String> each =
                sources.stream()
                    .map(s -> s.description() + " (line " + s.location().line() + ")")
                    .toList();
            problems.add(
                new ConfigException.Problem(
                    sources.stream()
                        .map(Source::location)
                        .max(Comparator.naturalOrder())
                        .orElseThrow(),
                    "Application `"
                        + name
                        + "` would be generated "
                        + (sources.size() == 2 ? "twice" : sources.size() + " times")
                        + " in namespace `"
                        + lab.argocd().namespace()
                        + "`: "
                        + String.join(", ", each.subList(0, each.size() - 1))
                        + " and "
                        + each.get(each.size() - 1)
                        + "; rename one of them"));
          }
        });
    return problems;
  }
}
