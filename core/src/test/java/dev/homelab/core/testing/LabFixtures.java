package dev.homelab.core.testing;

/** A small but complete homelab.yaml for tests that need a lab around their manifests. */
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
}
