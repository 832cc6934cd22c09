package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names follow {@code {app}-{component}}, where {app} is the object's name label. Names the
 * platform dictates are left alone: Namespaces (the lab's plan names them, and namespace-declared
 * holds them to homelab.yaml), CustomResourceDefinitions and APIServices (the API server requires
 * {@code <plural>.<group>} and {@code <version>.<group>}), a K3s HelmChartConfig (named after the
 * chart it configures) and Traefik's {@code default} TLSOption and TLSStore.
 */
final class NamePattern implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "name-pattern",
          Labels.FAMILY,
          "A resource name does not follow the lab's naming pattern.",
          "Names follow homelab.yaml's namePattern, {app}-{component} by default, where {app} is"
              + " the app.kubernetes.io/name label, so that kubectl output sorts by application."
              + " Names the platform fixes are not held to it: Namespaces, CustomResourceDefinitions"
              + " (<plural>.<group>) and APIServices (<version>.<group>), which the API server"
              + " refuses under any other name, K3s HelmChartConfigs (named after their chart) and"
              + " Traefik's default TLSOption and TLSStore. When the"
              + " name follows an app that the component's other objects carry (or the component's"
              + " own name), the label is taken to be the mistake and reported instead.",
          Severity.ERROR,
          Labels.SINCE,
          "Rename the resource to <app>-<component>, such as postgres-primary, or correct the"
              + " app.kubernetes.io/name label when that is what is misspelt.");

  private static final String COMPONENT = "[a-z0-9]+(?:-[a-z0-9]+)*";

  private static final String LABEL_POINTER = "/metadata/labels/app.kubernetes.io~1name";

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    String pattern = tree.lab().namePattern();
    Map<String, Map<String, Integer>> appsByComponent = appsByComponent(tree);
    for (Resource resource : tree.resources()) {
      String app = resource.labels().get(Labels.NAME);
      if (app == null || resource.name().isEmpty() || tree.isGenerated(resource)) {
        continue; // recommended-labels reports the missing label
      }
      if (namedByThePlatform(resource)) {
        continue;
      }
      if (compile(pattern, app).matcher(resource.name()).matches()) {
        continue;
      }
      Optional<String> meant = meantApp(tree, resource, pattern, appsByComponent);
      if (meant.isPresent()) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                LABEL_POINTER,
                LabTree.subject(resource)
                    + ": app.kubernetes.io/name is `"
                    + app
                    + "`, but the name and its component say `"
                    + meant.get()
                    + "`"));
      } else {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                "/metadata/name",
                LabTree.subject(resource)
                    + " does not follow "
                    + pattern.replace("{app}", app)
                    + " (app.kubernetes.io/name is `"
                    + app
                    + "`)"));
      }
    }
    return findings;
  }

  /**
   * The app that the name follows and the label probably meant, when the label alone is wrong: one
   * its component's other objects carry, or the component's own name.
   */
  private static Optional<String> meantApp(
      LabTree tree,
      Resource resource,
      String pattern,
      Map<String, Map<String, Integer>> appsByComponent) {
    Optional<HomeLab.Component> component = tree.componentOf(resource);
    if (component.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Integer> counts =
        new HashMap<>(appsByComponent.getOrDefault(component.get().name(), Map.of()));
    counts.merge(resource.labels().get(Labels.NAME), -1, Integer::sum);
    counts.putIfAbsent(component.get().name(), 0);
    return counts.entrySet().stream()
        .filter(entry -> entry.getValue() > 0 || entry.getKey().equals(component.get().name()))
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .filter(other -> compile(pattern, other).matcher(resource.name()).matches())
        .findFirst();
  }

  /** How many objects of each component carry each app.kubernetes.io/name. */
  private static Map<String, Map<String, Integer>> appsByComponent(LabTree tree) {
    Map<String, Map<String, Integer>> apps = new HashMap<>();
    for (Resource resource : tree.resources()) {
      String app = resource.labels().get(Labels.NAME);
      if (app != null) {
        tree.componentOf(resource)
            .ifPresent(
                component ->
                    apps.computeIfAbsent(component.name(), name -> new HashMap<>())
                        .merge(app, 1, Integer::sum));
      }
    }
    return apps;
  }

  private static boolean namedByThePlatform(Resource resource) {
    return switch (resource.group() + "/" + resource.kind()) {
      case "/Namespace",
          "apiextensions.k8s.io/CustomResourceDefinition",
          "apiregistration.k8s.io/APIService",
          "helm.cattle.io/HelmChartConfig" ->
          true;
      case "traefik.io/TLSOption", "traefik.io/TLSStore" -> resource.name().equals("default");
      default -> false;
    };
  }

  static Pattern compile(String pattern, String app) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      if (pattern.startsWith("{app}", i)) {
        regex.append(Pattern.quote(app));
        i += "{app}".length();
      } else if (pattern.startsWith("{component}", i)) {
        regex.append(COMPONENT);
        i += "{component}".length();
      } else {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
        i++;
      }
    }
    return Pattern.compile(regex.toString());
  }
}
