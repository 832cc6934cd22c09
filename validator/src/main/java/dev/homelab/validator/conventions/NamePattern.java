package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Names follow {@code {app}-{component}}, where {app} is the object's name label. Names the
 * platform dictates are left alone: Namespaces (the lab's plan names them, and namespace-declared
 * holds them to homelab.yaml), a K3s HelmChartConfig (named after the chart it configures) and
 * Traefik's {@code default} TLSOption and TLSStore.
 */
final class NamePattern implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "name-pattern",
          Labels.FAMILY,
          "A resource name does not follow the lab's naming pattern.",
          "Names follow homelab.yaml's namePattern, {app}-{component} by default, where {app} is"
              + " the app.kubernetes.io/name label, so that kubectl output sorts by application."
              + " Names the platform fixes are not held to it: Namespaces, K3s HelmChartConfigs"
              + " (named after their chart) and Traefik's default TLSOption and TLSStore.",
          Severity.ERROR,
          Labels.SINCE,
          "Rename the resource to <app>-<component>, such as postgres-primary.");

  private static final String COMPONENT = "[a-z0-9]+(?:-[a-z0-9]+)*";

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    String pattern = tree.lab().namePattern();
    for (Resource resource : tree.resources()) {
      String app = resource.labels().get(Labels.NAME);
      if (app == null || resource.name().isEmpty() || tree.isGenerated(resource)) {
        continue; // recommended-labels reports the missing label
      }
      if (namedByThePlatform(resource)) {
        continue;
      }
      if (!compile(pattern, app).matcher(resource.name()).matches()) {
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

  private static boolean namedByThePlatform(Resource resource) {
    return switch (resource.group() + "/" + resource.kind()) {
      case "/Namespace", "helm.cattle.io/HelmChartConfig" -> true;
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
