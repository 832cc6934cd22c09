package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Entries;
import dev.homelab.core.model.Resource;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.yaml.Document;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import dev.homelab.core.yaml.YamlFile;
import dev.homelab.core.yaml.YamlLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A Traefik route, chain or service reaches into another namespace for a middleware, a service or
 * TLS options while Traefik's CRD provider does not allow it; Traefik then refuses it.
 */
final class CrossNamespaceReference implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "cross-namespace-reference",
          Labels.FAMILY,
          "A Traefik route uses another namespace's object, which the lab's Traefik refuses.",
          "Traefik's Kubernetes CRD provider ignores a middleware, service or TLS option in"
              + " another namespace than the object that names it (an IngressRoute, TCP or UDP"
              + " route, a chain Middleware's members, a TraefikService's weighted or mirrored"
              + " services) unless `providers.kubernetesCRD.allowCrossNamespace` is true, and the"
              + " route then fails. The setting is off by default, in K3s's bundled Traefik too. The rule"
              + " reads it from the `traefik` HelmChartConfig in kube-system, or from the values"
              + " of a component with the traefik chart; with neither, on K3s the default"
              + " applies, and elsewhere nothing is checked.",
          Severity.ERROR,
          Labels.SINCE,
          "Set `providers.kubernetesCRD.allowCrossNamespace: true` in the Traefik values (the"
              + " HelmChartConfig's valuesContent on K3s), or move the object into the route's"
              + " namespace.");

  private static final String SETTING = "/providers/kubernetesCRD/allowCrossNamespace";

  /** Where the lab's Traefik takes its settings from, and whether they allow it. */
  private record Traefik(String source, boolean allowsCrossNamespace) {}

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    Optional<Traefik> traefik = traefik(tree);
    if (traefik.isEmpty() || traefik.get().allowsCrossNamespace()) {
      return findings;
    }
    for (Resource resource : tree.resources()) {
      if (!resource.group().startsWith("traefik.")) {
        continue;
      }
      List<String> references = new ArrayList<>();
      switch (resource.kind()) {
        case "IngressRoute", "IngressRouteTCP", "IngressRouteUDP" -> {
          List<JsonNode> routes = Nodes.elements(resource.object().at("/spec/routes"));
          for (int i = 0; i < routes.size(); i++) {
            for (String list : List.of("middlewares", "services")) {
              Entries.each(resource, Pointer.of("spec", "routes", i, list), references::add);
            }
          }
          references.add("/spec/tls/options");
        }
        case "Middleware" -> Entries.each(resource, "/spec/chain/middlewares", references::add);
        case "TraefikService" -> {
          Entries.each(resource, "/spec/weighted/services", references::add);
          references.add("/spec/mirroring");
          Entries.each(resource, "/spec/mirroring/mirrors", references::add);
        }
        default -> {
          // No other Traefik kind names objects by namespace.
        }
      }
      for (String pointer : references) {
        check(resource, pointer, traefik.get(), findings);
      }
    }
    return findings;
  }

  private static void check(
      Resource route, String pointer, Traefik traefik, List<Finding> findings) {
    JsonNode reference = route.object().at(pointer);
    JsonNode namespace = reference.path("namespace");
    if (namespace.isString() && !namespace.asString().equals(route.namespace())) {
      findings.add(
          LabTree.at(
              INFO,
              route,
              pointer + "/namespace",
              LabTree.subject(route)
                  + " uses `"
                  + namespace.asString()
                  + "/"
                  + Nodes.text(reference, "name", "")
                  + "` from another namespace, which Traefik refuses: "
                  + traefik.source()
                  + " does not set providers.kubernetesCRD.allowCrossNamespace"));
    }
  }

  /** The lab's Traefik settings, or empty when the lab's Traefik is not known. */
  private static Optional<Traefik> traefik(LabTree tree) {
    for (Resource resource : tree.resources()) {
      if (resource.kind().equals("HelmChartConfig")
          && resource.group().equals("helm.cattle.io")
          && resource.name().equals("traefik")
          && resource.namespace().equals("kube-system")) {
        JsonNode values = valuesContent(resource);
        return Optional.of(
            new Traefik("the HelmChartConfig `traefik`", values.at(SETTING).asBoolean(false)));
      }
    }
    if (!tree.seesWholeTree()) {
      return Optional.empty(); // the HelmChartConfig, or the chart's values, may not be loaded
    }
    for (HomeLab.Component component : tree.lab().components()) {
      if (component.isHelm() && component.chart().name().equals("traefik")) {
        return Optional.of(
            new Traefik(
                "the values of component `" + component.name() + "`",
                tree.chartValue(component, SETTING).asBoolean(false)));
      }
    }
    return "k3s".equals(tree.lab().kubernetes().distribution())
        ? Optional.of(new Traefik("K3s's bundled Traefik (no HelmChartConfig `traefik`)", false))
        : Optional.empty();
  }

  /** The HelmChartConfig's values, parsed; missing when they are absent or not YAML. */
  private static JsonNode valuesContent(Resource chartConfig) {
    String text = Nodes.text(chartConfig.object().path("spec"), "valuesContent", "");
    YamlFile parsed =
        new YamlLoader()
            .parse(new SourceFile(Path.of("valuesContent.yaml"), "valuesContent.yaml"), text);
    return parsed.documents().stream()
        .findFirst()
        .map(Document::root)
        .orElse(MissingNode.getInstance());
  }
}
