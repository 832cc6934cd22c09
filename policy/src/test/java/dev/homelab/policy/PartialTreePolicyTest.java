package dev.homelab.policy;

import static dev.homelab.core.testing.Trees.write;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.JsonReportRun;
import dev.homelab.core.testing.StandardInputs;
import dev.homelab.core.testing.Trees;
import dev.homelab.policy.cli.PolicyCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies that conclude from another object's absence in {@code data.index}, on a file checked
 * without the rest of its tree: named outside the tree with the lab's --config, or piped in without
 * --stdin-name placing it in the tree. The issuer, Middleware or Certificate they look for may be
 * in a file the run did not load, so they conclude nothing; once that object is really gone, a
 * whole-tree run and a run over a few files of the tree still report it.
 */
class PartialTreePolicyTest {

  @TempDir Path scratch;

  private static JsonReportRun run(String... args) {
    return JsonReportRun.of(new PolicyCli(), List.of(args));
  }

  private static JsonReportRun piped(String content, String... args) throws Exception {
    return StandardInputs.piped(content.getBytes(UTF_8), () -> run(args));
  }

  private Path tree(String... extra) {
    return Trees.gitopsCopy(scratch, extra);
  }

  /**
   * Checks {@code file} of {@code tree} without its tree (outside it with --config, piped in
   * unnamed, and piped in named as that outside file): no finding of {@code rule}, as the whole
   * tree has none. Then deletes {@code counterpart}, and checks that the whole tree and {@code
   * file} named with another file of the tree both report {@code message} on {@code file}.
   */
  private void concludesOnlyFromTheWholeTree(
      Path tree, String rule, String file, String counterpart, String message) throws Exception {
    String config = tree.resolve("homelab.yaml").toString();
    String content = Trees.read(tree.resolve(file));
    Path outside = write(scratch, "outside/" + Path.of(file).getFileName(), content);

    assertThat(run(tree.toString()).findings(rule)).isEmpty();
    assertThat(run("--config", config, outside.toString()).findings(rule))
        .as("named outside the tree")
        .isEmpty();
    assertThat(piped(content, "--config", config, "-").findings(rule)).as("piped in").isEmpty();
    assertThat(
            piped(content, "--config", config, "--stdin-name", outside.toString(), "-")
                .findings(rule))
        .as("piped in as the outside file")
        .isEmpty();

    Files.delete(tree.resolve(counterpart));
    List<String> whole = run(tree.toString()).findings(rule);
    List<String> named =
        run(
                tree.resolve(file).toString(),
                tree.resolve("applications/ollama/ingress.yaml").toString())
            .findings(rule);
    List<String> namedAsStandardInput =
        piped(content, "--config", config, "--stdin-name", tree.resolve(file).toString(), "-")
            .findings(rule);
    for (List<String> found : List.of(whole, named, namedAsStandardInput)) {
      assertThat(found)
          .anySatisfy(finding -> assertThat(finding).contains(file + ": ").contains(message));
    }
  }

  @Test
  void anIngressWhoseClusterIssuerIsInTheTree() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree(),
        "ingress-issuer-not-found",
        "applications/nginx/ingress.yaml",
        "infrastructure/cert-manager/cluster-issuer.yaml",
        "Ingress nginx-ingress names ClusterIssuer letsencrypt-production, which the repository"
            + " does not define");
  }

  @Test
  void anIngressWhoseAllowListMiddlewareIsInTheTree() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree(),
        "allowlist-middleware-missing",
        "applications/nginx/ingress.yaml",
        "infrastructure/traefik/middleware-allowlist.yaml",
        "Ingress nginx-ingress relies on Middleware kube-system/traefik-allowlist");
  }

  @Test
  void anIngressRouteWhoseSecretAnIngressOfTheTreeWrites() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree("applications/n8n/ingressroute.yaml", INGRESS_ROUTE),
        "ingressroute-certificate-missing",
        "applications/n8n/ingressroute.yaml",
        "applications/n8n/ingress.yaml",
        "IngressRoute n8n-webhooks uses TLS secret n8n-ingress-tls, which no Certificate");
  }

  @Test
  void anIngressRouteHostThatAnIngressOfTheTreeNamesForItsSecret() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree("applications/n8n/ingressroute.yaml", INGRESS_ROUTE_WITH_CERTIFICATE),
        "ingressroute-certificate-missing",
        "applications/n8n/ingressroute.yaml",
        "applications/n8n/ingress.yaml",
        "IngressRoute n8n-webhooks serves host n8n.home.jetzinger.com, which the Certificate for"
            + " secret n8n-ingress-tls does not name");
  }

  @Test
  void aGatewayListenerWhoseSecretACertificateOfTheTreeWrites() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree(
            "infrastructure/traefik/gateway.yaml",
            GATEWAY,
            "infrastructure/traefik/gateway-certificate.yaml",
            CERTIFICATE),
        "gateway-listener-without-certificate",
        "infrastructure/traefik/gateway.yaml",
        "infrastructure/traefik/gateway-certificate.yaml",
        "Gateway lab listener websecure uses Secret kube-system/lab-wildcard-tls, which no"
            + " Certificate");
  }

  @Test
  void aGatewayListenerHostnameThatACertificateOfTheTreeNamesForItsSecret() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree(
            "infrastructure/traefik/gateway.yaml",
            GRAFANA_GATEWAY,
            "infrastructure/traefik/grafana-certificate.yaml",
            GRAFANA_CERTIFICATE),
        "gateway-listener-without-certificate",
        "infrastructure/traefik/gateway.yaml",
        "infrastructure/traefik/grafana-certificate.yaml",
        "Gateway lab listener grafana serves hostname grafana.home.jetzinger.com, but the"
            + " certificate cert-manager writes to Secret kube-system/grafana-tls names only"
            + " prometheus.home.jetzinger.com");
  }

  @Test
  void anIngressOnTraefikDefaultOptionsThatATlsOptionOfTheTreeRaises() throws Exception {
    Path tree = tree();
    Path config = tree.resolve("homelab.yaml");
    Files.writeString(
        config, Trees.read(config).replace("minTlsVersion: \"1.2\"", "minTlsVersion: \"1.3\""));
    Path option = tree.resolve("infrastructure/traefik/tlsoption.yaml");
    Files.writeString(
        option, Trees.read(option).replace("minVersion: VersionTLS12", "minVersion: VersionTLS13"));
    concludesOnlyFromTheWholeTree(
        tree,
        "tls-min-version-too-low",
        "applications/nginx/ingress.yaml",
        "infrastructure/traefik/tlsoption.yaml",
        "Ingress nginx-ingress is served with Traefik's default TLS options, which allow TLS 1.2"
            + " while the lab minimum is TLS 1.3");
  }

  @Test
  void anIssuerThatIsNotLoadedIsStillNotTheProductionOne() throws Exception {
    Path tree = tree();
    String content =
        Trees.read(tree.resolve("applications/nginx/ingress.yaml"))
            .replace(
                "cert-manager.io/cluster-issuer: letsencrypt-production",
                "cert-manager.io/cluster-issuer: letsencrypt-staging");
    Path outside = write(scratch, "outside/ingress.yaml", content);

    JsonReportRun run =
        run("--config", tree.resolve("homelab.yaml").toString(), outside.toString());

    assertThat(run.findings("ingress-issuer-not-found")).isEmpty();
    assertThat(run.findings("certificate-issuer-not-production"))
        .singleElement()
        .asString()
        .contains("takes its certificate from ClusterIssuer letsencrypt-staging");
  }

  @Test
  void aTreeFileThatDoesNotLoadMayHoldTheIssuer() throws Exception {
    Path tree = tree();
    Path issuer = tree.resolve("infrastructure/cert-manager/cluster-issuer.yaml");
    Files.writeString(issuer, Trees.read(issuer) + "oops: [\n", UTF_8);

    JsonReportRun run = run(tree.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("yaml-syntax-error");
    assertThat(run.findings("ingress-issuer-not-found")).isEmpty();
  }

  /**
   * An IngressRoute in n8n's namespace that uses the secret n8n's Ingress has cert-manager write.
   */
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

  /**
   * An IngressRoute that serves n8n's host and a webhook host with the secret of n8n's Ingress,
   * beside a Certificate that writes that secret for the webhook host only: n8n's host is named by
   * the Ingress, in a file a run over this one alone does not read.
   */
  private static final String INGRESS_ROUTE_WITH_CERTIFICATE =
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
          - match: Host(`hooks.home.jetzinger.com`)
            kind: Rule
            middlewares:
              - name: traefik-allowlist
                namespace: kube-system
            services:
              - name: n8n
                port: 5678
        tls:
          secretName: n8n-ingress-tls
      ---
      apiVersion: cert-manager.io/v1
      kind: Certificate
      metadata:
        name: n8n-hooks
        namespace: apps
      spec:
        secretName: n8n-ingress-tls
        dnsNames: [hooks.home.jetzinger.com]
        issuerRef:
          kind: ClusterIssuer
          name: letsencrypt-production
      """;

  /** A Gateway without an issuer annotation, whose HTTPS listener takes a Certificate's secret. */
  private static final String GATEWAY =
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata:
        name: lab
        namespace: kube-system
      spec:
        gatewayClassName: traefik
        listeners:
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
      """;

  /**
   * A Gateway whose listener for Grafana serves a secret that a Certificate of the same file writes
   * for Prometheus only; Grafana's name comes from another Certificate of that secret, in a file a
   * run over this one alone does not read.
   */
  private static final String GRAFANA_GATEWAY =
      """
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
        name: prometheus
        namespace: kube-system
      spec:
        secretName: grafana-tls
        dnsNames: [prometheus.home.jetzinger.com]
        issuerRef:
          kind: ClusterIssuer
          name: letsencrypt-production
      """;

  private static final String GRAFANA_CERTIFICATE =
      """
      apiVersion: cert-manager.io/v1
      kind: Certificate
      metadata:
        name: grafana
        namespace: kube-system
      spec:
        secretName: grafana-tls
        dnsNames: [grafana.home.jetzinger.com]
        issuerRef:
          kind: ClusterIssuer
          name: letsencrypt-production
      """;

  private static final String CERTIFICATE =
      """
      apiVersion: cert-manager.io/v1
      kind: Certificate
      metadata:
        name: lab-wildcard
        namespace: kube-system
      spec:
        secretName: lab-wildcard-tls
        dnsNames: ["*.home.jetzinger.com"]
        issuerRef:
          kind: ClusterIssuer
          name: letsencrypt-production
      """;
}
