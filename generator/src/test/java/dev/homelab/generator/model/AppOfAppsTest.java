package dev.homelab.generator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.core.config.ConfigException;
import dev.homelab.core.config.ConfigLoader;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.testing.Trees;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planned objects: waves, sources, sync defaults and their per-component overrides. */
class AppOfAppsTest {
  private static final String HEAD =
      """
      name: lab
      domain: home.example.com
      kubernetes:
        version: "1.34"
      git:
        repoURL: https://example.com/lab.git
        revision: main
        path: gitops
      network:
        lan: 192.168.2.0/24
        tailscale: 100.64.0.0/10
        metallbPools: [192.168.2.240-192.168.2.250]
      layers: [infrastructure, applications]
      profiles:
        small:
          quota: {requests.cpu: "2"}
          limitRange:
            defaultRequest: {cpu: 100m, memory: 128Mi}
            default: {cpu: 500m, memory: 512Mi}
            max: {cpu: "1", memory: 2Gi}
      namespaces:
        - {name: infra, layer: infrastructure, profile: small, clusterResources: true}
        - {name: monitoring, layer: infrastructure, profile: small}
        - {name: apps, layer: applications, profile: small}
      components:
      """;

  @TempDir Path scratch;

  @Test
  void wavesAreTheLongestDependencyChainForComponentsAndForNamespaces() throws Exception {
    AppOfApps plan =
        plan(
            """
              - {name: base, namespace: infra, path: infra/base}
              - {name: certs, namespace: infra, path: infra/certs, dependsOn: [base]}
              - {name: metrics, namespace: monitoring, path: mon/metrics, dependsOn: [certs]}
              - {name: web, namespace: apps, path: apps/web, dependsOn: [base, metrics]}
              - {name: cache, namespace: apps, path: apps/cache}
            """,
            Map.of(
                "base", List.of("a.yaml"),
                "certs", List.of("a.yaml"),
                "metrics", List.of("a.yaml"),
                "web", List.of("a.yaml"),
                "cache", List.of("a.yaml")));

    assertThat(wave(plan, "base")).isEqualTo("0");
    assertThat(wave(plan, "certs")).isEqualTo("1");
    assertThat(wave(plan, "metrics")).isEqualTo("2");
    assertThat(wave(plan, "web")).as("longest path, not the nearest").isEqualTo("3");
    assertThat(wave(plan, "cache")).isEqualTo("0");
    assertThat(wave(plan, "namespace-infra")).isEqualTo("0");
    assertThat(wave(plan, "namespace-monitoring")).isEqualTo("1");
    assertThat(wave(plan, "namespace-apps")).isEqualTo("2");
    assertThat(object(plan, "AppProject apps").at("metadata", "annotations", AppOfApps.SYNC_WAVE))
        .isEqualTo("-1");
  }

  @Test
  void helmComponentsAreMultiSourceWithValuesAndAnExplicitManifestList() throws Exception {
    AppOfApps plan =
        plan(
            """
              - name: prometheus
                namespace: monitoring
                path: monitoring/prometheus/
                values: [values-large.yaml]
                chart:
                  repoURL: https://prometheus-community.github.io/helm-charts
                  name: kube-prometheus-stack
                  version: 79.2.1
                  releaseName: kps
            """,
            Map.of("prometheus", List.of("rules/alerts.yaml", "ingress.yaml")));

    ArgoObject app = object(plan, "Application prometheus");
    List<Map<?, ?>> sources = app.sources();
    assertThat(sources).hasSize(3);
    assertThat(copy(sources.get(0)))
        .containsEntry("repoURL", "https://prometheus-community.github.io/helm-charts")
        .containsEntry("chart", "kube-prometheus-stack")
        .containsEntry("targetRevision", "79.2.1")
        .containsEntry(
            "helm",
            Map.of(
                "releaseName",
                "kps",
                "valueFiles",
                List.of(
                    "$values/gitops/monitoring/prometheus/values-homelab.yaml",
                    "$values/gitops/monitoring/prometheus/values-large.yaml")));
    assertThat(sources.get(1))
        .isEqualTo(
            Map.of(
                "repoURL",
                "https://example.com/lab.git",
                "targetRevision",
                "main",
                "ref",
                "values"));
    assertThat(copy(sources.get(2)))
        .containsEntry("path", "gitops/monitoring/prometheus")
        .containsEntry(
            "directory", Map.of("recurse", true, "include", "{ingress.yaml,rules/alerts.yaml}"));
    assertThat(app.at("spec", "syncPolicy", "syncOptions"))
        .as("kube-prometheus-stack gets server-side apply by default")
        .isEqualTo(
            List.of(
                "CreateNamespace=false", "RespectIgnoreDifferences=true", "ServerSideApply=true"));
    assertThat(app.componentPath()).isEqualTo("monitoring/prometheus");
    assertThat(object(plan, "AppProject monitoring").at("spec", "sourceRepos"))
        .isEqualTo(
            List.of(
                "https://example.com/lab.git",
                "https://prometheus-community.github.io/helm-charts"));
  }

  @Test
  void manifestComponentsHaveOneDirectorySourceAndNoDefaultIgnores() throws Exception {
    AppOfApps plan =
        plan(
            "  - {name: web, namespace: apps, path: apps/web}\n",
            Map.of("web", List.of("deployment.yaml")));

    ArgoObject app = object(plan, "Application web");
    assertThat(app.at("spec", "sources")).isNull();
    assertThat(app.at("spec", "source"))
        .isEqualTo(
            Map.of(
                "repoURL",
                "https://example.com/lab.git",
                "targetRevision",
                "main",
                "path",
                "gitops/apps/web",
                "directory",
                Map.of("recurse", true, "include", "deployment.yaml")));
    assertThat(app.at("spec", "ignoreDifferences")).isNull();
    assertThat(app.at("spec", "syncPolicy"))
        .isEqualTo(
            Map.of(
                "automated", Map.of("prune", true, "selfHeal", true),
                "syncOptions", List.of("CreateNamespace=false"),
                "retry",
                    Map.of(
                        "limit",
                        5,
                        "backoff",
                        Map.of("duration", "10s", "factor", 2, "maxDuration", "3m"))));
    assertThat(app.at("metadata", "finalizers")).isEqualTo(List.of(AppOfApps.FINALIZER));
    assertThat(app.at("spec", "destination"))
        .isEqualTo(Map.of("server", AppOfApps.IN_CLUSTER, "namespace", "apps"));
    assertThat(app.at("spec", "project")).isEqualTo("apps");
  }

  @Test
  void everyDefaultCanBeOverriddenPerComponent() throws Exception {
    AppOfApps plan =
        plan(
            """
              - name: db
                namespace: apps
                path: apps/db
                chart: {repoURL: https://charts.example.com, name: kube-prometheus-stack, version: 1.0.0}
                sync:
                  automated: false
                  serverSideApply: false
                  retryLimit: 2
                  ignoreDifferences: []
              - name: hooks
                namespace: apps
                path: apps/hooks
                sync:
                  prune: false
                  selfHeal: false
                  serverSideApply: true
                  ignoreDifferences: [apiservice-ca-bundle, crd-ca-bundle]
            """,
            Map.of("hooks", List.of("hooks.yaml")));

    ArgoObject db = object(plan, "Application db");
    assertThat(db.at("spec", "syncPolicy", "automated")).isNull();
    assertThat(db.at("spec", "syncPolicy", "syncOptions"))
        .isEqualTo(List.of("CreateNamespace=false"));
    assertThat(db.at("spec", "syncPolicy", "retry", "limit")).isEqualTo(2);
    assertThat(db.at("spec", "ignoreDifferences")).as("explicit [] turns the preset off").isNull();

    ArgoObject hooks = object(plan, "Application hooks");
    assertThat(hooks.at("spec", "syncPolicy", "automated"))
        .isEqualTo(Map.of("prune", false, "selfHeal", false));
    assertThat(hooks.at("spec", "syncPolicy", "syncOptions"))
        .isEqualTo(
            List.of(
                "CreateNamespace=false", "RespectIgnoreDifferences=true", "ServerSideApply=true"));
    assertThat(hooks.at("spec", "ignoreDifferences"))
        .isEqualTo(
            List.of(
                Map.of(
                    "group", "apiextensions.k8s.io",
                    "kind", "CustomResourceDefinition",
                    "jqPathExpressions", List.of(".spec.conversion.webhook.clientConfig.caBundle")),
                Map.of(
                    "group", "apiregistration.k8s.io",
                    "kind", "APIService",
                    "jqPathExpressions", List.of(".spec.caBundle"))));
  }

  @Test
  void appProjectsAllowOnlyTheirNamespaceAndClusterResourcesWhereConfigured() throws Exception {
    AppOfApps plan =
        plan(
            """
              - {name: base, namespace: infra, path: infra/base}
              - {name: web, namespace: apps, path: apps/web}
              - {name: k3s, namespace: apps, path: apps/k3s, deploy: script}
            """,
            Map.of("base", List.of("a.yaml"), "web", List.of("b.yaml")));

    ArgoObject infra = object(plan, "AppProject infra");
    ArgoObject apps = object(plan, "AppProject apps");
    Map<String, String> everything = Map.of("group", "*", "kind", "*");
    assertThat(infra.at("spec", "clusterResourceWhitelist")).isEqualTo(List.of(everything));
    assertThat(apps.at("spec", "clusterResourceWhitelist")).isEqualTo(List.of());
    assertThat(apps.at("spec", "namespaceResourceWhitelist")).isEqualTo(List.of(everything));
    assertThat(apps.at("spec", "destinations"))
        .isEqualTo(List.of(Map.of("server", AppOfApps.IN_CLUSTER, "namespace", "apps")));
    assertThat(plan.files())
        .extracting(AppOfApps.GeneratedFile::path)
        .containsExactly(
            "root.yaml",
            "namespaces/infra.yaml",
            "apps/infra/base.yaml",
            "namespaces/apps.yaml",
            "apps/apps/web.yaml")
        .as("no namespace without Argo CD components, no Application for a script component");
    ArgoObject root = plan.root();
    assertThat(root.name()).isEqualTo("lab-root");
    assertThat(root.at("spec", "source", "path")).isEqualTo("gitops/argocd/namespaces");
    assertThat(object(plan, "Application namespace-apps").at("spec", "source", "path"))
        .isEqualTo("gitops/argocd/apps/apps");
  }

  /** Loading homelab.yaml refuses it, at the line of the component, before any plan. */
  @Test
  void twoApplicationsWithOneNameAreAConfigErrorNamingBothLines() {
    assertThatThrownBy(
            () ->
                plan(
                    "  - {name: namespace-apps, namespace: apps, path: apps/x}\n",
                    Map.of("namespace-apps", List.of("x.yaml"))))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "gitops/homelab.yaml:26:12: Application `namespace-apps` would be generated twice in"
                + " namespace `argocd`: for namespace `apps` (line 24) and for component"
                + " `namespace-apps` (line 26); rename one of them");
  }

  /**
   * A namespace called default gets no AppProject (which would replace Argo CD's own) while Argo CD
   * deploys nothing into it, so the lab plans.
   */
  @Test
  void aNamespaceCalledDefaultWithoutArgoCdComponentsPlans() throws Exception {
    Path file =
        Trees.write(
            scratch,
            "gitops/homelab.yaml",
            HEAD.replace(
                    "components:\n",
                    "  - {name: default, layer: applications, profile: small}\ncomponents:\n")
                + "  - {name: web, namespace: apps, path: apps/web}\n"
                + "  - {name: seed, namespace: default, path: apps/seed, deploy: script}\n");
    HomeLabConfig config = ConfigLoader.load(file, scratch);

    AppOfApps plan =
        AppOfApps.plan(config, ComponentFiles.of(Map.of("web", new TreeSet<>(List.of("a.yaml")))));

    assertThat(plan.objects())
        .extracting(ArgoObject::label)
        .containsExactly(
            "Application lab-root",
            "AppProject apps",
            "Application namespace-apps",
            "Application web");
  }

  @Test
  void aManifestComponentWithoutManifestsIsAConfigErrorAtItsPath() {
    assertThatThrownBy(() -> plan("  - {name: web, namespace: apps, path: apps/web}\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("homelab.yaml:")
        .hasMessageContaining("component `web` has no manifests in gitops/apps/web");
  }

  @Test
  void includeListsEscapeGlobCharacters() {
    assertThat(AppOfApps.include(new TreeSet<>(List.of("a[1].yaml", "b,c.yaml"))))
        .isEqualTo("{a\\[1\\].yaml,b\\,c.yaml}");
    assertThat(AppOfApps.include(new TreeSet<>(List.of("only.yaml")))).isEqualTo("only.yaml");
  }

  private AppOfApps plan(String components, Map<String, List<String>> manifests)
      throws ConfigException {
    Path file = Trees.write(scratch, "gitops/homelab.yaml", HEAD + components);
    HomeLabConfig config = ConfigLoader.load(file, scratch);
    Map<String, TreeSet<String>> sorted = new java.util.HashMap<>();
    manifests.forEach((name, files) -> sorted.put(name, new TreeSet<>(files)));
    return AppOfApps.plan(config, ComponentFiles.of(sorted));
  }

  private static Map<Object, Object> copy(Map<?, ?> map) {
    return new java.util.LinkedHashMap<>(map);
  }

  private static ArgoObject object(AppOfApps plan, String label) {
    return plan.objects().stream()
        .filter(o -> o.label().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + label));
  }

  private static Object wave(AppOfApps plan, String application) {
    return object(plan, "Application " + application)
        .at("metadata", "annotations", AppOfApps.SYNC_WAVE);
  }
}
