package dev.homelab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.cli.Cli;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Trees;
import dev.homelab.policy.cli.PolicyCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each policy against the real lab: a copy of gitops/ with one mutation that breaks the policy must
 * give exactly that rule, on the mutated line, and nothing anywhere else.
 */
class PolicyMutationTest {

  /** One edit of one file, and the finding it must cause on the line that holds {@code marker}. */
  record Mutation(
      String policy, String file, String find, String replace, String rule, String marker) {
    @Override
    public String toString() {
      return policy + ": " + rule;
    }
  }

  static Stream<Mutation> mutations() {
    return Stream.of(
        new Mutation(
            "resources", "applications/nginx/deployment.yaml",
            "              memory: 64Mi", "              memory: 64Gi",
            "container-resources-above-profile-max", "memory: 64Gi"),
        new Mutation(
            "resources", "applications/ollama/values-homelab.yaml",
            "    memory: 12Gi", "    memory: 48Gi",
            "container-resources-above-profile-max", "memory: 48Gi"),
        new Mutation(
            "images", "applications/nginx/deployment.yaml",
            "nginx-unprivileged:1.28.0-alpine", "nginx-unprivileged:latest",
            "image-tag-latest", "nginx-unprivileged:latest"),
        new Mutation(
            "reliability", "monitoring/loki/values-homelab.yaml",
            "retention_period: 168h", "retention_period: 72h",
            "loki-retention-mismatch", "retention_period: 72h"),
        new Mutation(
            "tls", "applications/n8n/ingress.yaml",
            "- host: n8n.home.jetzinger.com", "- host: n8n-new.home.jetzinger.com",
            "ingress-host-without-tls", "n8n-new.home.jetzinger.com"),
        new Mutation(
            "tls", "infrastructure/cert-manager/cluster-issuer.yaml",
            "server: https://acme-v02.api.letsencrypt.org/directory",
                "server: https://acme-staging-v02.api.letsencrypt.org/directory",
            "production-issuer-on-staging", "acme-staging-v02"),
        new Mutation(
            "tls", "applications/nginx/ingress.yaml",
            "router.entrypoints: websecure", "router.entrypoints: web",
            "ingress-entrypoint-not-secure", "router.entrypoints: web"),
        new Mutation(
            "tls", "applications/n8n/ingress.yaml",
            "# n8n.home.jetzinger.com: the n8n editor",
                """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: n8n
                  namespace: apps
                spec:
                  secretName: n8n-ingress-tls
                  dnsNames: [n8n.home.jetzinger.com]
                  issuerRef:
                    kind: ClusterIssuer
                    name: letsencrypt-production
                ---
                # n8n.home.jetzinger.com: the n8n editor""",
            "tls-secret-multiple-writers", "secretName: n8n-ingress-tls"),
        new Mutation(
            "tls", "applications/n8n/ingress.yaml",
            "# n8n.home.jetzinger.com: the n8n editor",
                """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: lab-wildcard
                  namespace: apps
                spec:
                  secretName: lab-wildcard-tls
                  commonName: home.jetzinger.com
                  dnsNames: ["*.home.jetzinger.com"]
                  issuerRef:
                    kind: ClusterIssuer
                    name: letsencrypt-production
                ---
                # n8n.home.jetzinger.com: the n8n editor""",
            "certificate-common-name-not-in-dns-names", "commonName: home.jetzinger.com"),
        new Mutation(
            "tls", "applications/n8n/ingress.yaml",
            "# n8n.home.jetzinger.com: the n8n editor",
                """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: lab-wildcard
                  namespace: apps
                spec:
                  secretName: lab-wildcard-tls
                  dnsNames: []
                  issuerRef:
                    kind: ClusterIssuer
                    name: letsencrypt-production
                ---
                # n8n.home.jetzinger.com: the n8n editor""",
            "certificate-without-names", "dnsNames: []"),
        new Mutation(
            "tls", "applications/n8n/ingress.yaml",
            "# n8n.home.jetzinger.com: the n8n editor",
                """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: lab-wildcard
                  namespace: apps
                spec:
                  secretName: lab-wildcard-tls
                  literalSubject: "CN=home.jetzinger.com,O=Home Lab"
                  dnsNames: ["*.home.jetzinger.com"]
                  issuerRef:
                    kind: ClusterIssuer
                    name: letsencrypt-production
                ---
                # n8n.home.jetzinger.com: the n8n editor""",
            "certificate-common-name-not-in-dns-names", "literalSubject:"),
        new Mutation(
            "tls", "applications/n8n/ingress.yaml",
            "# n8n.home.jetzinger.com: the n8n editor",
                """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: lab-wildcard
                  namespace: apps
                spec:
                  secretName: lab-wildcard-tls
                  literalSubject: "O=Home Lab"
                  dnsNames: []
                  issuerRef:
                    kind: ClusterIssuer
                    name: letsencrypt-production
                ---
                # n8n.home.jetzinger.com: the n8n editor""",
            "certificate-without-names", "dnsNames: []"),
        new Mutation(
            "tailscale", "applications/nginx/service.yaml",
            "type: ClusterIP", "type: NodePort",
            "service-exposure-not-allowed", "type: NodePort"),
        new Mutation(
            "tailscale", "applications/nginx/service.yaml",
            "  type: ClusterIP\n", "  type: ClusterIP\n  externalIPs: [192.168.2.50]\n",
            "service-exposure-not-allowed", "externalIPs"),
        new Mutation(
            "tailscale", "applications/n8n/ingress.yaml",
            "    - host: n8n.home.jetzinger.com\n      http:", "    - http:",
            "route-host-outside-domain", "- http:"),
        new Mutation(
            "tailscale", "applications/nginx/service.yaml",
            "    - 100.64.0.0/10\n", "    - 0.0.0.0/0\n",
            "loadbalancer-source-range-outside-lab", "0.0.0.0/0"),
        new Mutation(
            "tailscale", "applications/ollama/values-homelab.yaml",
            "ingress:\n  enabled: false", "ingress:\n  enabled: true  # the chart's own route",
            "chart-route-enabled", "the chart's own route"),
        new Mutation(
            "secrets", "applications/nginx/configmap.yaml",
            "data:\n  nginx.conf: |",
                "data:\n  admin-password: \"Correct-Horse-Battery-9\"\n  nginx.conf: |",
            "credential-in-plain-text", "admin-password"),
        new Mutation(
            "storage", "applications/ollama/pvc.yaml",
            "storageClassName: nfs-client", "storageClassName: local-path",
            "storage-class-mismatch", "storageClassName: local-path"),
        new Mutation(
            "storage", "infrastructure/nfs/storageclass.yaml",
            "is-default-class: \"true\"", "is-default-class: \"false\"",
            "default-storage-class-mismatch", "is-default-class: \"false\""));
  }

  @TempDir Path repository;

  private Path copyOfTheLab() throws Exception {
    Trees.copy(RepoPaths.gitopsTree(), repository.resolve("gitops"));
    Files.createDirectories(repository.resolve(".git"));
    return repository.resolve("gitops");
  }

  private static List<String> activeFindings(Path tree) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Cli.execute(
            new PolicyCli(),
            new PrintWriter(out),
            new PrintWriter(err),
            "--format",
            "json",
            tree.toString());
    assertThat(err.toString()).isEmpty();
    JsonNode report = JsonMapper.builder().build().readTree(out.toString());
    List<String> findings = new ArrayList<>();
    boolean errors = false;
    for (JsonNode finding : report.get("findings")) {
      if (!finding.has("exemption")) {
        errors |= finding.get("severity").asString().equals("error");
        findings.add(
            finding.get("rule").asString()
                + " "
                + finding.get("file").asString()
                + ":"
                + finding.get("line").asInt());
      }
    }
    assertThat(exit)
        .as("exit code: 1 exactly when an error is among the findings")
        .isEqualTo(errors ? 1 : 0);
    return findings;
  }

  @Test
  void theLabItselfPassesEveryPolicy() throws Exception {
    assertThat(activeFindings(copyOfTheLab())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mutations")
  void aMutationBreaksExactlyItsRuleOnItsLine(Mutation mutation) throws Exception {
    Path tree = copyOfTheLab();
    Path file = tree.resolve(mutation.file());
    String original = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(original).as("the mutation's anchor text").contains(mutation.find());
    String mutated =
        original.replaceFirst(
            java.util.regex.Pattern.quote(mutation.find()),
            java.util.regex.Matcher.quoteReplacement(mutation.replace()));
    Files.writeString(file, mutated, StandardCharsets.UTF_8);
    int line = lineOf(mutated, mutation.marker());

    assertThat(activeFindings(tree))
        .containsExactly(mutation.rule() + " gitops/" + mutation.file() + ":" + line);
  }

  /** An IngressRoute in n8n's namespace that serves n8n's host with the secret of n8n's Ingress. */
  private static final String INGRESS_ROUTE =
      """
      apiVersion: traefik.io/v1alpha1
      kind: IngressRoute
      metadata:
        name: n8n-webhooks
        namespace: apps
      spec:
        entryPoints: [websecure]
        routes:
          - match: Host(`n8n.home.jetzinger.com`) && PathPrefix(`/webhook`)
            kind: Rule
            middlewares:
              - name: traefik-allowlist
                namespace: kube-system
            services:
              - name: n8n
                port: 5678
        tls:
          secretName: n8n-ingress-tls
      """;

  @Test
  void anIngressRouteMayUseTheSecretCertManagerWritesForAnIngressIssuerAnnotation()
      throws Exception {
    Path tree = copyOfTheLab();
    Files.writeString(tree.resolve("applications/n8n/ingressroute.yaml"), INGRESS_ROUTE);

    assertThat(activeFindings(tree)).isEmpty();

    // Without the issuer annotation cert-manager leaves the Ingress alone, and nothing writes it.
    Path ingress = tree.resolve("applications/n8n/ingress.yaml");
    Files.writeString(
        ingress,
        Files.readString(ingress)
            .replace(
                "    cert-manager.io/cluster-issuer: letsencrypt-production\n",
                "    cert-manager.io/common-name: n8n.home.jetzinger.com\n"));
    assertThat(activeFindings(tree))
        .contains(
            "ingressroute-certificate-missing gitops/applications/n8n/ingressroute.yaml:18",
            "ingress-issuer-annotation-missing gitops/applications/n8n/ingress.yaml:14");
  }

  /**
   * A Gateway whose HTTPS listener takes gateway-shim's certificate, a route on that listener, and
   * a route on the plain HTTP listener that only redirects to https.
   */
  private static final String GATEWAY =
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata:
        name: lab
        namespace: kube-system
        annotations:
          cert-manager.io/cluster-issuer: letsencrypt-production
      spec:
        gatewayClassName: traefik
        listeners:
          - name: web
            protocol: HTTP
            port: 8000
            allowedRoutes:
              namespaces:
                from: All
          - name: websecure
            protocol: HTTPS
            port: 8443
            hostname: "*.home.jetzinger.com"
            tls:
              certificateRefs:
                - name: lab-wildcard-tls
            allowedRoutes:
              namespaces:
                from: All
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata:
        name: n8n
        namespace: apps
      spec:
        parentRefs:
          - name: lab
            namespace: kube-system
            sectionName: websecure
        hostnames: [n8n.home.jetzinger.com]
        rules:
          - backendRefs:
              - name: n8n
                port: 5678
      ---
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata:
        name: to-https
        namespace: kube-system
      spec:
        parentRefs:
          - name: lab
            sectionName: web
        rules:
          - filters:
              - type: RequestRedirect
                requestRedirect:
                  scheme: https
                  statusCode: 301
      """;

  @Test
  void aGatewayRouteIsServedOnlyOverTlsWithACertificateCertManagerWrites() throws Exception {
    Path tree = copyOfTheLab();
    Path file = tree.resolve("infrastructure/traefik/gateway.yaml");
    Files.writeString(file, GATEWAY);
    assertThat(activeFindings(tree)).isEmpty();

    // The plain listener admits apps by a label that only its Namespace manifest carries.
    String onTheHttpListener =
        GATEWAY
            .replace(
                "namespace: kube-system\n      sectionName: websecure",
                "namespace: kube-system\n      sectionName: web")
            .replaceFirst(
                "from: All",
                "from: Selector\n          selector:\n            matchLabels:\n"
                    + "              pod-security.kubernetes.io/enforce: baseline");
    Files.writeString(file, onTheHttpListener);
    assertThat(activeFindings(tree))
        .containsExactly(
            "gateway-route-without-tls gitops/infrastructure/traefik/gateway.yaml:"
                + (lineOf(onTheHttpListener, "sectionName: web") - 2));

    // Without the issuer annotation gateway-shim leaves the Gateway alone, and nothing writes it.
    String withoutIssuer =
        GATEWAY.replace(
            "  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt-production\n", "");
    Files.writeString(file, withoutIssuer);
    assertThat(activeFindings(tree))
        .containsExactly(
            "gateway-listener-without-certificate gitops/infrastructure/traefik/gateway.yaml:"
                + lineOf(withoutIssuer, "- name: lab-wildcard-tls"));
  }

  /**
   * A Gateway without an issuer annotation whose HTTPS listener for Grafana serves the Secret of a
   * Certificate, which names {@code dnsName}.
   */
  private static String grafanaGateway(String dnsName) {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: lab
          namespace: kube-system
        spec:
          gatewayClassName: traefik
          listeners:
            - name: grafana
              protocol: HTTPS
              port: 8443
              hostname: grafana.home.jetzinger.com
              tls:
                certificateRefs:
                  - name: grafana-tls
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata:
          name: grafana
          namespace: kube-system
        spec:
          secretName: grafana-tls
          dnsNames: ["%s"]
          issuerRef:
            kind: ClusterIssuer
            name: letsencrypt-production
        """
        .formatted(dnsName);
  }

  @Test
  void aGatewayListenerServesACertificateThatNamesItsHostname() throws Exception {
    Path tree = copyOfTheLab();
    Path file = tree.resolve("infrastructure/traefik/gateway.yaml");
    for (String covering : List.of("grafana.home.jetzinger.com", "*.home.jetzinger.com")) {
      Files.writeString(file, grafanaGateway(covering));
      assertThat(activeFindings(tree)).as(covering).isEmpty();
    }

    // A Certificate for another host leaves browsers refusing the listener's certificate.
    String otherHost = grafanaGateway("prometheus.home.jetzinger.com");
    Files.writeString(file, otherHost);
    assertThat(activeFindings(tree))
        .containsExactly(
            "gateway-listener-without-certificate gitops/infrastructure/traefik/gateway.yaml:"
                + lineOf(otherHost, "hostname: grafana.home.jetzinger.com"));

    // cert-manager puts a commonName only in the subject, which browsers ignore and the ACME
    // issuer refuses without the same name in dnsNames.
    String commonNameOnly =
        grafanaGateway("grafana.home.jetzinger.com")
            .replace(
                "dnsNames: [\"grafana.home.jetzinger.com\"]",
                "commonName: grafana.home.jetzinger.com");
    Files.writeString(file, commonNameOnly);
    assertThat(activeFindings(tree))
        .containsExactly(
            "gateway-listener-without-certificate gitops/infrastructure/traefik/gateway.yaml:"
                + lineOf(commonNameOnly, "hostname: grafana.home.jetzinger.com"),
            "certificate-common-name-not-in-dns-names gitops/infrastructure/traefik/gateway.yaml:"
                + lineOf(commonNameOnly, "commonName: grafana.home.jetzinger.com"));
  }

  @Test
  void aLabThatRequiresTls13DeclaresTraefikDefaultOptionsWithIt() throws Exception {
    Path tree = copyOfTheLab();
    replace(tree.resolve("homelab.yaml"), "minTlsVersion: \"1.2\"", "minTlsVersion: \"1.3\"");
    Path option = tree.resolve("infrastructure/traefik/tlsoption.yaml");
    replace(option, "minVersion: VersionTLS12", "minVersion: VersionTLS13");
    assertThat(activeFindings(tree)).isEmpty();

    // Without the TLSOption default, Traefik serves every route with its own default, TLS 1.2.
    Files.delete(option);
    List<String> found = activeFindings(tree);
    assertThat(found).hasSize(8).allMatch(f -> f.startsWith("tls-min-version-too-low "));
    String n8n = Files.readString(tree.resolve("applications/n8n/ingress.yaml"));
    assertThat(found)
        .contains(
            "tls-min-version-too-low gitops/applications/n8n/ingress.yaml:"
                + lineOf(n8n, "  tls:"));

    // The secure entry point terminates TLS for an Ingress with neither spec.tls nor router.tls,
    // on the default options all the same.
    Path nginx = tree.resolve("applications/nginx/ingress.yaml");
    replace(nginx, "    traefik.ingress.kubernetes.io/router.tls: \"true\"\n", "");
    replace(
        nginx,
        "  tls:\n    - hosts:\n        - dev.home.jetzinger.com\n      secretName: nginx-ingress-tls\n",
        "");
    String bare = Files.readString(nginx);
    assertThat(activeFindings(tree))
        .contains(
            "tls-min-version-too-low gitops/applications/nginx/ingress.yaml:"
                + lineOf(bare, "router.entrypoints: websecure"),
            "ingress-host-without-tls gitops/applications/nginx/ingress.yaml:"
                + lineOf(bare, "- host: dev.home.jetzinger.com"));

    // An empty router.tls turns the router's own TLS on, like "true".
    replace(
        nginx,
        "router.entrypoints: websecure\n",
        "router.entrypoints: websecure\n    traefik.ingress.kubernetes.io/router.tls: \"\"\n");
    String emptyTls = Files.readString(nginx);
    assertThat(activeFindings(tree))
        .contains(
            "tls-min-version-too-low gitops/applications/nginx/ingress.yaml:"
                + lineOf(emptyTls, "router.tls: \"\""));
    Files.writeString(
        nginx, Files.readString(RepoPaths.gitopsTree().resolve("applications/nginx/ingress.yaml")));

    // The chart renders tlsOptions.default of the HelmChartConfig as that TLSOption.
    replace(
        tree.resolve("infrastructure/traefik/helmchartconfig.yaml"),
        "    tlsOptions: {}\n",
        "    tlsOptions:\n      default:\n        minVersion: VersionTLS13\n");
    assertThat(activeFindings(tree)).isEmpty();
  }

  /**
   * Kinds that share a name with cert-manager's and Traefik's but come from other API groups: each
   * would break several rules if it were theirs.
   */
  private static final String OTHER_GROUPS =
      """
      apiVersion: acm.services.k8s.aws/v1alpha1
      kind: Certificate
      metadata:
        name: n8n-acm
        namespace: apps
      spec:
        secretName: n8n-ingress-tls
        commonName: home.jetzinger.com
        issuerRef:
          kind: ClusterIssuer
          name: letsencrypt-staging
      ---
      apiVersion: routing.example.com/v1
      kind: IngressRoute
      metadata:
        name: n8n-edge
        namespace: apps
      spec:
        routes:
          - match: Host(`n8n.example.net`)
      ---
      apiVersion: policy.example.com/v1
      kind: TLSOption
      metadata:
        name: legacy
        namespace: apps
      spec:
        minVersion: VersionTLS10
      """;

  @Test
  void kindsOfAnotherApiGroupAreNotJudgedAsCertManagersOrTraefiks() throws Exception {
    Path tree = copyOfTheLab();
    Files.writeString(tree.resolve("applications/n8n/other-groups.yaml"), OTHER_GROUPS);
    assertThat(activeFindings(tree)).isEmpty();

    // The same Certificate from cert-manager's group is judged.
    Path file = tree.resolve("applications/n8n/other-groups.yaml");
    replace(file, "acm.services.k8s.aws/v1alpha1", "cert-manager.io/v1");
    assertThat(activeFindings(tree))
        .containsExactlyInAnyOrder(
            "certificate-issuer-not-production gitops/applications/n8n/other-groups.yaml:"
                + lineOf(OTHER_GROUPS, "name: letsencrypt-staging"),
            "certificate-common-name-not-in-dns-names gitops/applications/n8n/other-groups.yaml:"
                + lineOf(OTHER_GROUPS, "commonName: home.jetzinger.com"),
            "tls-secret-multiple-writers gitops/applications/n8n/other-groups.yaml:"
                + lineOf(OTHER_GROUPS, "secretName: n8n-ingress-tls"));
  }

  private static void replace(Path file, String find, String replacement) throws Exception {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).as("the anchor text in " + file.getFileName()).contains(find);
    Files.writeString(file, text.replace(find, replacement), StandardCharsets.UTF_8);
  }

  private static int lineOf(String text, String marker) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError(marker + " not found");
  }
}
