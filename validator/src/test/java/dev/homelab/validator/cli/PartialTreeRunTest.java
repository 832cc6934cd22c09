package dev.homelab.validator.cli;

import static dev.homelab.core.testing.Trees.write;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.GitRepos;
import dev.homelab.core.testing.JsonReportRun;
import dev.homelab.core.testing.StandardInputs;
import dev.homelab.core.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules that conclude from another object's absence, on a file checked without the rest of its
 * tree: named outside the tree with the lab's --config, or piped in (with or without --stdin-name).
 * The object they look for may be in a file the run did not load, so they conclude nothing; once
 * that object is really gone, a whole-tree run and a run over a few files of the tree (as a
 * pre-commit hook passes them) still report it.
 */
class PartialTreeRunTest {

  @TempDir Path cache;
  @TempDir Path scratch;

  private JsonReportRun run(List<String> args) {
    List<String> all =
        new ArrayList<>(List.of("--offline", "--no-catalog", "--cache-dir", cache.toString()));
    all.addAll(args);
    return JsonReportRun.of(new ValidatorCli(), all);
  }

  private JsonReportRun piped(String content, List<String> args) throws Exception {
    return StandardInputs.piped(content.getBytes(UTF_8), () -> run(args));
  }

  private Path tree(String... extra) {
    return Trees.gitopsCopy(scratch, extra);
  }

  /** Something done to the tree that removes the object {@code file} needs. */
  private interface Breakage {
    void apply(Path tree) throws Exception;
  }

  private static Breakage delete(String relative) {
    return tree -> Files.delete(tree.resolve(relative));
  }

  private static Breakage replace(String relative, String from, String to) {
    return tree -> {
      String text = Trees.read(tree.resolve(relative));
      assertThat(text).contains(from);
      Files.writeString(tree.resolve(relative), text.replace(from, to), UTF_8);
    };
  }

  /**
   * Checks {@code file} of {@code tree} without its tree (outside it with --config, piped in
   * unnamed, and piped in named as that outside file): no finding of {@code rule}, as the whole
   * tree has none. Then breaks the tree, and checks that the whole tree and {@code file} named with
   * another file of the tree both report {@code message} in {@code reportedIn}.
   */
  private void concludesOnlyFromTheWholeTree(
      Path tree,
      String rule,
      String file,
      Breakage breakage,
      String reportedIn,
      String message,
      String... options)
      throws Exception {
    String config = tree.resolve("homelab.yaml").toString();
    String content = Trees.read(tree.resolve(file));
    Path outside = write(scratch, "outside/" + Path.of(file).getFileName(), content);

    assertThat(run(with(options, tree.toString())).findings(rule)).isEmpty();
    assertThat(run(with(options, "--config", config, outside.toString())).findings(rule))
        .as("named outside the tree")
        .isEmpty();
    assertThat(piped(content, with(options, "--config", config, "-")).findings(rule))
        .as("piped in")
        .isEmpty();
    assertThat(
            piped(
                    content,
                    with(options, "--config", config, "--stdin-name", outside.toString(), "-"))
                .findings(rule))
        .as("piped in as the outside file")
        .isEmpty();

    breakage.apply(tree);
    List<String> whole = run(with(options, tree.toString())).findings(rule);
    List<String> named =
        run(with(
                options,
                tree.resolve(file).toString(),
                tree.resolve("applications/ollama/ingress.yaml").toString()))
            .findings(rule);
    for (List<String> found : List.of(whole, named)) {
      assertThat(found)
          .anySatisfy(finding -> assertThat(finding).contains(reportedIn + ": ").contains(message));
    }
  }

  private void concludesOnlyFromTheWholeTree(
      Path tree, String rule, String file, Breakage breakage, String message) throws Exception {
    concludesOnlyFromTheWholeTree(tree, rule, file, breakage, file, message);
  }

  private static List<String> with(String[] options, String... args) {
    List<String> all = new ArrayList<>(List.of(options));
    all.addAll(List.of(args));
    return all;
  }

  @Test
  void aServiceWhosePodsAreInTheTree() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree(),
        "selector-mismatch",
        "applications/nginx/service.yaml",
        delete("applications/nginx/deployment.yaml"),
        "Service `nginx-proxy` selects");
  }

  @Test
  void anIngressWhoseServiceIsInTheTree() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree(),
        "selector-mismatch",
        "applications/nginx/ingress.yaml",
        delete("applications/nginx/service.yaml"),
        "routes to Service `nginx-proxy`, which is not defined");
  }

  @Test
  void aServiceMonitorWhoseServiceIsInTheTree() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree(),
        "selector-mismatch",
        "applications/nginx/servicemonitor.yaml",
        delete("applications/nginx/service.yaml"),
        "ServiceMonitor `nginx-metrics` selects");
  }

  @Test
  void aPodWhoseConfigMapIsInTheTree() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree(),
        "reference-not-found",
        "applications/nginx/deployment.yaml",
        delete("applications/nginx/configmap.yaml"),
        "uses ConfigMap `nginx-config`");
  }

  @Test
  void anIngressWhoseMiddlewareIsInTheTree() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree(),
        "middleware-not-found",
        "applications/nginx/ingress.yaml",
        delete("infrastructure/traefik/middleware-allowlist.yaml"),
        "names middleware `kube-system-traefik-allowlist@kubernetescrd`");
  }

  @Test
  void aServiceMonitorWhosePrometheusValuesAreInTheTree() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree(),
        "monitor-not-selected",
        "applications/nginx/servicemonitor.yaml",
        replace(
            "monitoring/prometheus/values-homelab.yaml",
            "serviceMonitorSelectorNilUsesHelmValues: false",
            "serviceMonitorSelectorNilUsesHelmValues: true"),
        "ServiceMonitor `nginx-metrics` lacks the labels");
  }

  @Test
  void aServiceWhoseNamedPortIsOnPodsInTheTree() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree("applications/nginx/canary.yaml", CANARY),
        "named-port-not-found",
        "applications/nginx/canary.yaml",
        delete("applications/nginx/deployment.yaml"),
        "Service `nginx-canary` targets port `metrics`");
  }

  @Test
  void aRouteWhoseReferenceGrantIsInTheTree() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree(
            "applications/nginx/route.yaml",
            ROUTE,
            "applications/postgres/reference-grant.yaml",
            GRANT),
        "reference-not-granted",
        "applications/nginx/route.yaml",
        delete("applications/postgres/reference-grant.yaml"),
        "uses Service `data/postgres`, but no ReferenceGrant");
  }

  @Test
  void anIngressWhoseIngressClassIsInTheTree() throws Exception {
    Path tree = tree("infrastructure/traefik/ingressclass.yaml", INGRESS_CLASS);
    replace(
            "applications/nginx/ingress.yaml",
            "ingressClassName: traefik",
            "ingressClassName: traefik-internal")
        .apply(tree);
    concludesOnlyFromTheWholeTree(
        tree,
        "unknown-ingress-class",
        "applications/nginx/ingress.yaml",
        delete("infrastructure/traefik/ingressclass.yaml"),
        "asks for IngressClass `traefik-internal`");
  }

  @Test
  void aCrossNamespaceRouteWhoseTraefikSettingsAreInTheTree() throws Exception {
    concludesOnlyFromTheWholeTree(
        tree("applications/nginx/ingressroute.yaml", INGRESS_ROUTE),
        "cross-namespace-reference",
        "applications/nginx/ingressroute.yaml",
        replace(
            "infrastructure/traefik/helmchartconfig.yaml",
            "allowCrossNamespace: true",
            "allowCrossNamespace: false"),
        "uses `kube-system/traefik-allowlist` from another namespace");
  }

  @Test
  void aBudgetWhoseWorkloadsAutoscalerIsInTheTree() throws Exception {
    Path tree = tree("applications/nginx/autoscaler.yaml", AUTOSCALER);
    Files.writeString(
        tree.resolve("applications/nginx/deployment.yaml"),
        "\n---\n" + BUDGET,
        UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    concludesOnlyFromTheWholeTree(
        tree,
        "pdb-blocks-drain",
        "applications/nginx/deployment.yaml",
        delete("applications/nginx/autoscaler.yaml"),
        "PodDisruptionBudget `nginx-proxy` sets minAvailable: 1 for 1 pod");
  }

  @Test
  void aContainerWithoutLimitsWhoseLimitRangeIsInTheTree() throws Exception {
    Path tree = tree();
    Files.writeString(
        tree.resolve("applications/apps-boundary/resourcequota.yaml"),
        "\n---\n" + UNLIMITED,
        UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    concludesOnlyFromTheWholeTree(
        tree,
        "quota-exceeded",
        "applications/apps-boundary/resourcequota.yaml",
        delete("applications/apps-boundary/limitrange.yaml"),
        "has no cpu limit, and namespace `apps` has no LimitRange default");
  }

  @Test
  void aClaimThatIsStillInTheTree() throws Exception {
    Path tree = tree();
    GitRepos.init(scratch);
    GitRepos.commitAll(scratch, "base");
    // Changed since the base, so the base revision holds it: the run compares it.
    replace("applications/ollama/pvc.yaml", "component: model-storage", "component: models")
        .apply(tree);
    concludesOnlyFromTheWholeTree(
        tree,
        "claim-pruned",
        "applications/nginx/configmap.yaml",
        delete("applications/ollama/pvc.yaml"),
        "gitops/homelab.yaml",
        "PersistentVolumeClaim `ollama-models` in namespace `ml`",
        "--base",
        "HEAD");
  }

  /**
   * A tree file that does not load may hold the object a rule looks for, just as a file the run did
   * not load: the whole tree, with {@code broken} cut off mid-flow, has no finding of {@code rule}.
   */
  private void concludesNothingWhileAFileDoesNotLoad(Path tree, String rule, String broken)
      throws Exception {
    Files.writeString(
        tree.resolve(broken), "  unfinished: [\n", UTF_8, java.nio.file.StandardOpenOption.APPEND);
    JsonReportRun whole = run(List.of(tree.toString()));
    assertThat(whole.findings("yaml-syntax-error")).as(whole.out()).isNotEmpty();
    assertThat(whole.findings(rule)).isEmpty();
  }

  @Test
  void aCrossNamespaceRouteWhileTheHelmChartConfigDoesNotLoad() throws Exception {
    concludesNothingWhileAFileDoesNotLoad(
        tree("applications/nginx/ingressroute.yaml", INGRESS_ROUTE),
        "cross-namespace-reference",
        "infrastructure/traefik/helmchartconfig.yaml");
  }

  @Test
  void aContainerWithoutLimitsWhileTheLimitRangeDoesNotLoad() throws Exception {
    Path tree = tree();
    Files.writeString(
        tree.resolve("applications/apps-boundary/resourcequota.yaml"),
        "\n---\n" + UNLIMITED,
        UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    concludesNothingWhileAFileDoesNotLoad(
        tree, "quota-exceeded", "applications/apps-boundary/limitrange.yaml");
  }

  @Test
  void aBudgetWhileTheAutoscalerDoesNotLoad() throws Exception {
    Path tree = tree("applications/nginx/autoscaler.yaml", AUTOSCALER);
    Files.writeString(
        tree.resolve("applications/nginx/deployment.yaml"),
        "\n---\n" + BUDGET,
        UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    concludesNothingWhileAFileDoesNotLoad(
        tree, "pdb-blocks-drain", "applications/nginx/autoscaler.yaml");
  }

  private static final String CANARY =
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: nginx-canary
        namespace: dev
      spec:
        selector:
          app.kubernetes.io/name: nginx
          app.kubernetes.io/instance: nginx-proxy
        ports:
          - name: metrics
            port: 9114
            targetPort: metrics
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx-canary
        namespace: dev
      spec:
        selector:
          matchLabels:
            app.kubernetes.io/name: nginx
            app.kubernetes.io/instance: nginx-proxy
        template:
          metadata:
            labels:
              app.kubernetes.io/name: nginx
              app.kubernetes.io/instance: nginx-proxy
          spec:
            containers:
              - name: nginx
                image: nginx:1.27
                ports:
                  - name: http
                    containerPort: 8080
      """;

  private static final String ROUTE =
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata:
        name: nginx-database
        namespace: dev
      spec:
        rules:
          - backendRefs:
              - name: postgres
                namespace: data
                port: 5432
      """;

  private static final String GRANT =
      """
      apiVersion: gateway.networking.k8s.io/v1beta1
      kind: ReferenceGrant
      metadata:
        name: postgres-from-dev
        namespace: data
      spec:
        from:
          - group: gateway.networking.k8s.io
            kind: HTTPRoute
            namespace: dev
        to:
          - group: ""
            kind: Service
      """;

  /** A file of the tree named with --config beside one outside it, as the outside file's args. */
  private List<String> mixed(Path tree, String inside, Path outside) {
    return List.of(
        "--config",
        tree.resolve("homelab.yaml").toString(),
        tree.resolve(inside).toString(),
        outside.toString());
  }

  @Test
  void aServiceOfTheTreeNamedWithAnOutsideFileIsCheckedAgainstTheWholeTree() throws Exception {
    Path tree = tree();
    Path outside =
        write(
            scratch,
            "outside/configmap.yaml",
            Trees.read(tree.resolve("applications/nginx/configmap.yaml"))
                .replace("name: nginx-config", "name: nginx-config-next"));
    JsonReportRun clean = run(mixed(tree, "applications/nginx/service.yaml", outside));
    assertThat(clean.exit()).as(clean.err() + clean.out()).isZero();
    assertThat(clean.findings("selector-mismatch")).isEmpty();

    replace(
            "applications/nginx/service.yaml",
            "    app.kubernetes.io/instance: nginx-proxy\n  ports:\n    - name: http",
            "    app.kubernetes.io/instance: nginx-gone\n  ports:\n    - name: http")
        .apply(tree);
    assertThat(
            run(mixed(tree, "applications/nginx/service.yaml", outside))
                .findings("selector-mismatch"))
        .anySatisfy(
            finding ->
                assertThat(finding)
                    .contains("applications/nginx/service.yaml: ")
                    .contains("Service `nginx-proxy` selects"));
  }

  /**
   * An outside file that defines an object of the tree again is the one reported, whichever sorts
   * first: the tree's definition is the one Argo CD applies, and the outside file is the one named.
   */
  @Test
  void anOutsideFileRedefiningAnObjectOfTheTreeIsReportedThere() throws Exception {
    Path tree = tree();
    String deployment = Trees.read(tree.resolve("applications/nginx/deployment.yaml"));
    for (String folder : List.of("a-outside", "outside")) {
      Path outside = write(scratch, folder + "/deployment.yaml", deployment);
      assertThat(
              run(mixed(tree, "applications/nginx/service.yaml", outside))
                  .findings("duplicate-resource"))
          .as(folder)
          .singleElement()
          .satisfies(
              finding ->
                  assertThat(finding)
                      .contains(folder + "/deployment.yaml: ")
                      .contains("also defined at ")
                      .contains("applications/nginx/deployment.yaml"));
    }
  }

  /** Likewise an outside route that serves a host of the tree's. */
  @Test
  void anOutsideRouteServingAHostOfTheTreeIsReportedThere() throws Exception {
    Path tree = tree();
    String ingress =
        Trees.read(tree.resolve("applications/nginx/ingress.yaml"))
            .replace("name: nginx-ingress\n", "name: nginx-ingress-next\n");
    for (String folder : List.of("a-outside", "outside")) {
      Path outside = write(scratch, folder + "/ingress.yaml", ingress);
      assertThat(
              run(mixed(tree, "applications/nginx/service.yaml", outside))
                  .findings("duplicate-host"))
          .as(folder)
          .isNotEmpty()
          .allSatisfy(
              finding ->
                  assertThat(finding)
                      .contains(folder + "/ingress.yaml: ")
                      .contains("applications/nginx/ingress.yaml"));
    }
  }

  /** Likewise an outside Service that asks MetalLB for an address a Service of the tree has. */
  @Test
  void anOutsideServiceAskingForAnAddressOfTheTreeIsReportedThere() throws Exception {
    Path tree = tree();
    String services =
        Trees.read(tree.resolve("applications/nginx/service.yaml"))
            .replace("name: nginx-proxy\n", "name: nginx-proxy-next\n")
            .replace("name: nginx-ssh\n", "name: nginx-ssh-next\n");
    for (String folder : List.of("a-outside", "outside")) {
      Path outside = write(scratch, folder + "/service.yaml", services);
      assertThat(
              run(mixed(tree, "applications/nginx/deployment.yaml", outside))
                  .findings("address-conflict"))
          .as(folder)
          .singleElement()
          .satisfies(
              finding ->
                  assertThat(finding)
                      .contains(folder + "/service.yaml: ")
                      .contains("192.168.2.241")
                      .contains("nginx-ssh"));
    }
  }

  private static final String INGRESS_CLASS =
      """
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata:
        name: traefik-internal
      spec:
        controller: traefik.io/ingress-controller
      """;

  private static final String INGRESS_ROUTE =
      """
      apiVersion: traefik.io/v1alpha1
      kind: IngressRoute
      metadata:
        name: nginx-route
        namespace: dev
      spec:
        routes:
          - match: Host(`nginx.home.jetzinger.com`)
            kind: Rule
            middlewares:
              - name: traefik-allowlist
                namespace: kube-system
            services:
              - name: nginx-proxy
                port: 80
      """;

  private static final String AUTOSCALER =
      """
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata:
        name: nginx-proxy
        namespace: dev
      spec:
        scaleTargetRef:
          apiVersion: apps/v1
          kind: Deployment
          name: nginx-proxy
        minReplicas: 2
        maxReplicas: 3
      """;

  private static final String BUDGET =
      """
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata:
        name: nginx-proxy
        namespace: dev
      spec:
        minAvailable: 1
        selector:
          matchLabels:
            app.kubernetes.io/name: nginx
            app.kubernetes.io/instance: nginx-proxy
      """;

  private static final String UNLIMITED =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: apps-probe
        namespace: apps
      spec:
        selector:
          matchLabels:
            app.kubernetes.io/name: apps
        template:
          metadata:
            labels:
              app.kubernetes.io/name: apps
          spec:
            containers:
              - name: probe
                image: busybox:1.37
                resources:
                  requests:
                    cpu: 10m
                    memory: 16Mi
      """;
}
