package dev.homelab.core.render;

import dev.homelab.core.finding.CoreRules;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.Report;
import dev.homelab.core.finding.ResourceRef;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.finding.Suppression;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.Region;
import java.util.List;

/** One report with every feature a renderer must handle, shared by the golden-file tests. */
final class SampleReport {

  static final RuleInfo WRONG_TYPE =
      new RuleInfo(
          "wrong-type",
          "schema",
          "A field has the wrong type.",
          "The value's JSON type differs from the schema's.",
          Severity.ERROR,
          "0.1.0",
          "Write the value with the type the schema names.");

  static final RuleInfo HOST_PATTERN =
      new RuleInfo(
          "host-pattern",
          "conventions",
          "A route serves a host outside the lab domain.",
          "",
          Severity.WARNING,
          "0.1.0",
          "Use {service}.<domain>.");

  private SampleReport() {}

  static Report build() {
    ResourceRef deployment = new ResourceRef("apps/v1", "Deployment", "dev", "nginx-proxy");
    ResourceRef ingress = new ResourceRef("networking.k8s.io/v1", "Ingress", "apps", "n8n-web");
    List<Finding> findings =
        List.of(
            new Finding(
                "wrong-type",
                Severity.ERROR,
                "`spec.replicas` must be an integer, got string \"3\"",
                new Location("gitops/applications/nginx/deployment.yaml", new Region(9, 13, 9, 16)),
                deployment,
                null),
            new Finding(
                "host-pattern",
                Severity.WARNING,
                "Ingress `n8n-web` serves host `n8n.example.com`, outside *.home.example.com: check <tls> & \"rules\", 100%",
                new Location("gitops/applications/n8n/ingress.yaml", new Region(14, 11, 14, 26)),
                ingress,
                null),
            new Finding(
                "host-pattern",
                Severity.WARNING,
                "Ingress `n8n-old` serves host `old.example.com`",
                new Location("gitops/applications/n8n/ingress.yaml", new Region(40, 11, 40, 26)),
                ingress,
                new Suppression(
                    "migrating in January", "annotation ignore.homelab.dev/host-pattern", true)),
            new Finding(
                "yaml-syntax-error",
                Severity.ERROR,
                "mapping values are not allowed here\nline two",
                new Location("gitops/my dir/broken.yaml", Region.point(3, 8)),
                null,
                null));
    return new Report(
        "validator",
        "1.2.3",
        List.of(WRONG_TYPE, HOST_PATTERN, CoreRules.YAML_SYNTAX_ERROR),
        findings,
        new Report.Scope(
            List.of(
                "gitops/applications/nginx/deployment.yaml",
                "gitops/applications/n8n/ingress.yaml",
                "gitops/my dir/broken.yaml",
                "gitops/applications/ollama/ingress.yaml"),
            7));
  }
}
