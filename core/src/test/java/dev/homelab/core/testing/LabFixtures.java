package dev.homelab.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Labs and lab files for tests that need a lab around their manifests. */
public final class LabFixtures {

  private LabFixtures() {}

  public static final String MINIMAL_CONFIG =
      """
      name: home-lab
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
        metallbPools:
          - 192.168.2.240-192.168.2.250
      routing:
        allowListMiddleware:
          namespace: kube-system
          name: traefik-allowlist
      layers: [infrastructure, monitoring, applications]
      profiles:
        small:
          quota:
            requests.cpu: "2"
            requests.memory: 4Gi
          limitRange:
            defaultRequest: {cpu: 100m, memory: 128Mi}
            default: {cpu: 500m, memory: 512Mi}
            max: {cpu: "1", memory: 2Gi}
      namespaces:
        - name: kube-system
          layer: infrastructure
          profile: small
          clusterResources: true
        - name: data
          layer: applications
          profile: small
          storageClass: nfs-client
        - name: monitoring
          layer: monitoring
          profile: small
      components:
        - name: traefik
          namespace: kube-system
          path: infrastructure/traefik
        - name: postgres
          namespace: data
          path: applications/postgres
          chart:
            repoURL: https://charts.bitnami.com/bitnami
            name: postgresql
            version: 16.7.27
          dependsOn: [traefik]
        - name: prometheus
          namespace: monitoring
          path: monitoring/prometheus
          chart:
            repoURL: https://prometheus-community.github.io/helm-charts
            name: kube-prometheus-stack
            version: 79.4.1
      """;

  /**
   * The Traefik dashboard's IngressRoute for gitops/ (kube-system, the lab's domain and
   * allow-list), whose TLS secret {@link #GITOPS_DASHBOARD_CERTIFICATE} writes.
   */
  public static final String GITOPS_DASHBOARD_ROUTE =
      """
      apiVersion: traefik.io/v1alpha1
      kind: IngressRoute
      metadata:
        name: traefik-dashboard
        namespace: kube-system
        labels:
          app.kubernetes.io/name: traefik
          app.kubernetes.io/instance: traefik-dashboard
          app.kubernetes.io/component: dashboard
          app.kubernetes.io/part-of: home-lab
          app.kubernetes.io/managed-by: argocd
      spec:
        entryPoints:
          - websecure
        routes:
          - match: Host(`traefik.home.jetzinger.com`)
            kind: Rule
            middlewares:
              - name: traefik-allowlist
            services:
              - name: api@internal
                kind: TraefikService
        tls:
          secretName: traefik-dashboard-tls
      """;

  /** The Certificate that writes the dashboard route's TLS secret, from the production issuer. */
  public static final String GITOPS_DASHBOARD_CERTIFICATE =
      """
      apiVersion: cert-manager.io/v1
      kind: Certificate
      metadata:
        name: traefik-dashboard
        namespace: kube-system
        labels:
          app.kubernetes.io/name: traefik
          app.kubernetes.io/instance: traefik-dashboard
          app.kubernetes.io/component: certificate
          app.kubernetes.io/part-of: home-lab
          app.kubernetes.io/managed-by: argocd
      spec:
        secretName: traefik-dashboard-tls
        dnsNames:
          - traefik.home.jetzinger.com
        issuerRef:
          kind: ClusterIssuer
          name: letsencrypt-production
      """;

  /**
   * A real git repository at {@code repo} holding gitops/ with the dashboard route and its
   * Certificate, committed once; returns the Certificate's file.
   */
  public static Path committedDashboardLab(Path repo) throws Exception {
    Path traefik = repo.resolve("gitops/infrastructure/traefik");
    Trees.copy(RepoPaths.gitopsTree(), repo.resolve("gitops"));
    Files.writeString(traefik.resolve("dashboard.yaml"), GITOPS_DASHBOARD_ROUTE);
    Path certificate = traefik.resolve("dashboard-certificate.yaml");
    Files.writeString(certificate, GITOPS_DASHBOARD_CERTIFICATE);
    GitRepos.commitAll(repo, "lab with a dashboard");
    return certificate;
  }
}
