package dev.homelab.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.homelab.core.testing.Trees;
import dev.homelab.generator.cluster.MockArgoCd;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply} and {@code status} end to end through a kubeconfig, against the fabric8 mock API
 * server in CRUD mode (no real API server runs here) with the Application CRD registered.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ClusterCommandsTest {

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path scratch;
  private String previousKubeconfig;
  private Path tree;

  @BeforeEach
  void labAndKubeconfig() throws IOException {
    server.expectCustomResource(MockArgoCd.APPLICATIONS);
    tree = scratch.resolve("gitops");
    Trees.write(
        tree,
        "homelab.yaml",
        """
        name: mock-lab
        domain: home.example.com
        kubernetes: {version: "1.34"}
        git: {repoURL: https://example.com/lab.git, revision: v2, path: gitops}
        network: {lan: 192.168.2.0/24, tailscale: 100.64.0.0/10, metallbPools: [192.168.2.240/29]}
        layers: [applications]
        profiles:
          small:
            quota: {requests.cpu: "1"}
            limitRange: {defaultRequest: {cpu: 10m}, default: {cpu: 100m}, max: {cpu: "1"}}
        namespaces:
          - {name: apps, layer: applications, profile: small}
        components:
          - {name: web, namespace: apps, path: apps/web}
        """);
    Trees.write(tree, "apps/web/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\n");
    useKubeconfig(server.url("/"));
  }

  @AfterEach
  void restoreKubeconfigProperty() {
    if (previousKubeconfig == null) {
      System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    } else {
      System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previousKubeconfig);
    }
  }

  @Test
  void applyCreatesTheRootApplicationThenReportsItUnchanged() {
    Run first = run("apply", tree.toString(), "--context", "lab");

    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.out()).isEqualTo("Application mock-lab-root in namespace argocd: created\n");
    GenericKubernetesResource stored =
        client
            .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
            .inNamespace("argocd")
            .withName("mock-lab-root")
            .get();
    assertThat(stored.<String>get("spec", "source", "path")).isEqualTo("gitops/argocd/namespaces");
    assertThat(stored.<String>get("spec", "source", "targetRevision")).isEqualTo("v2");
    assertThat(stored.getMetadata().getFinalizers())
        .containsExactly("resources-finalizer.argocd.argoproj.io");

    Run second = run("apply", tree.toString());
    assertThat(second.out())
        .isEqualTo("Application mock-lab-root in namespace argocd: unchanged\n");
  }

  /**
   * The fabric8 mock server ignores dryRun=All (it would store the object), so the plan is made on
   * the client, from a read of the live Application; the mock server only proves nothing is sent.
   */
  @Test
  void applyDryRunSaysWhatApplyWouldDoAndChangesNothing() {
    Run beforeCreate = run("apply", tree.toString(), "--dry-run");

    assertThat(beforeCreate.code()).as(beforeCreate.toString()).isZero();
    assertThat(beforeCreate.out())
        .startsWith(
            "Application mock-lab-root in namespace argocd: would be created (dry run; nothing"
                + " changed)\n")
        .contains("kind: Application", "path: gitops/argocd/namespaces", "targetRevision: v2");
    assertThat(applications().list().getItems()).isEmpty();

    assertThat(run("apply", tree.toString()).code()).isZero();
    Run unchanged = run("apply", tree.toString(), "--dry-run", "--format", "json");
    assertThat(unchanged.out())
        .isEqualTo(
            """
            {
              "name" : "mock-lab-root",
              "namespace" : "argocd",
              "result" : "unchanged",
              "dryRun" : true
            }
            """);

    applications()
        .withName("mock-lab-root")
        .edit(
            live -> {
              live.<Map<String, Object>>get("spec", "source").put("targetRevision", "v1");
              return live;
            });
    String resourceVersion = live().getMetadata().getResourceVersion();
    Run beforeUpdate = run("apply", tree.toString(), "--dry-run");

    assertThat(beforeUpdate.code()).as(beforeUpdate.toString()).isZero();
    assertThat(beforeUpdate.out())
        .startsWith(
            "Application mock-lab-root in namespace argocd: would be updated (dry run; nothing"
                + " changed)\n")
        .contains("targetRevision: v2");
    assertThat(live().<String>get("spec", "source", "targetRevision")).isEqualTo("v1");
    assertThat(live().getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
  }

  /**
   * A dry run against a live Application that differs names the fields apply would change, old and
   * new, before the object it would send; the mock API server (no real one runs here) stores the
   * live one.
   */
  @Test
  void applyDryRunNamesTheFieldsItWouldChangeInTheLiveApplication() {
    assertThat(run("apply", tree.toString()).code()).isZero();
    applications()
        .withName("mock-lab-root")
        .edit(
            live -> {
              live.<Map<String, Object>>get("spec", "source").put("targetRevision", "v1");
              live.<Map<String, Object>>get("spec", "source")
                  .put("directory", Map.of("jsonnet", 1));
              live.getMetadata().setFinalizers(null);
              return live;
            });

    Run dryRun = run("apply", tree.toString(), "--dry-run");

    assertThat(dryRun.code()).as(dryRun.toString()).isZero();
    assertThat(dryRun.out())
        .startsWith(
            """
            Application mock-lab-root in namespace argocd: would be updated (dry run; nothing changed)
            Fields that would change (live → applied):
              metadata.finalizers: (none) → ["resources-finalizer.argocd.argoproj.io"]
              spec.source.directory: {"jsonnet":1} → (none)
              spec.source.targetRevision: v1 → v2
            The Application that would be sent:
            apiVersion: argoproj.io/v1alpha1
            """)
        .contains("targetRevision: v2");
    assertThat(live().<String>get("spec", "source", "targetRevision")).isEqualTo("v1");
  }

  /**
   * A script reads the same changes as the text, in the same order, with the values as JSON; an
   * item of a list that keeps its length is named by its index. The live Application is kept by the
   * fabric8 mock API server in CRUD mode (no real one runs here).
   */
  @Test
  void applyDryRunAsJsonListsTheFieldsItWouldChangeItemByItem() {
    assertThat(run("apply", tree.toString()).code()).isZero();
    applications()
        .withName("mock-lab-root")
        .edit(
            live -> {
              live.<Map<String, Object>>get("spec", "source").put("targetRevision", "v1");
              live.<Map<String, Object>>get("spec", "source")
                  .put("directory", Map.of("jsonnet", 1));
              live.getMetadata().setFinalizers(List.of("example.com/keep"));
              return live;
            });

    Run json = run("apply", tree.toString(), "--dry-run", "--format", "json");
    Run text = run("apply", tree.toString(), "--dry-run");

    assertThat(json.code()).as(json.toString()).isZero();
    assertThat(json.out())
        .isEqualTo(
            """
            {
              "name" : "mock-lab-root",
              "namespace" : "argocd",
              "result" : "updated",
              "dryRun" : true,
              "changes" : [ {
                "path" : "metadata.finalizers[0]",
                "live" : "example.com/keep",
                "applied" : "resources-finalizer.argocd.argoproj.io"
              }, {
                "path" : "spec.source.directory",
                "live" : {
                  "jsonnet" : 1
                },
                "applied" : null
              }, {
                "path" : "spec.source.targetRevision",
                "live" : "v1",
                "applied" : "v2"
              } ]
            }
            """);
    assertThat(text.out())
        .contains(
            """
            Fields that would change (live → applied):
              metadata.finalizers[0]: example.com/keep → resources-finalizer.argocd.argoproj.io
              spec.source.directory: {"jsonnet":1} → (none)
              spec.source.targetRevision: v1 → v2
            """);
    assertThat(live().<String>get("spec", "source", "targetRevision")).isEqualTo("v1");
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      applications() {
    return client
        .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
        .inNamespace("argocd");
  }

  private GenericKubernetesResource live() {
    return applications().withName("mock-lab-root").get();
  }

  @Test
  void applyAsJsonSaysWhatItDidOnStdoutAlone() throws IOException {
    Run first = run("apply", tree.toString(), "--format", "json");

    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.err()).isEmpty();
    assertThat(first.out())
        .isEqualTo(
            """
            {
              "name" : "mock-lab-root",
              "namespace" : "argocd",
              "result" : "created"
            }
            """);
    assertThat(run("apply", tree.toString(), "--format", "json").out())
        .contains("\"result\" : \"unchanged\"");

    useKubeconfig("http://127.0.0.1:" + closedPort());
    Run refused = run("apply", tree.toString(), "--format", "junit");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).startsWith("error: apply prints text or json, not `junit`");
  }

  @Test
  void applyTakesThePathOfHomelabYamlItselfAsItsFolder() {
    Run run = run("apply", tree.resolve("homelab.yaml").toString(), "--context", "lab");

    assertThat(run.code()).as(run.toString()).isZero();
    assertThat(run.out()).isEqualTo("Application mock-lab-root in namespace argocd: created\n");
  }

  @Test
  void aPathOrConfigOfTheWrongKindIsNamedAsSuch() throws IOException {
    Path manifest = tree.resolve("apps/web/configmap.yaml");

    Run file = run("status", manifest.toString(), "--context", "lab");
    Run folder = run("apply", "--config", tree.toString(), "--context", "lab");

    assertThat(file.code()).as(file.toString()).isEqualTo(2);
    assertThat(file.err())
        .isEqualTo(
            "error: "
                + manifest
                + " is a file; name the folder that holds homelab.yaml, or pass the file with"
                + " --config\n");
    assertThat(folder.code()).as(folder.toString()).isEqualTo(2);
    assertThat(folder.err()).contains("error: is a folder; name the config file itself, such as");
  }

  @Test
  void applyUsesTheArgoCdNamespaceOfTheLab() throws IOException {
    Path config = tree.resolve("homelab.yaml");
    Files.writeString(config, Files.readString(config) + "argocd: {namespace: gitops-engine}\n");

    Run run = run("apply", tree.toString());

    assertThat(run.out())
        .isEqualTo("Application mock-lab-root in namespace gitops-engine: created\n");
    assertThat(
            client
                .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                .inNamespace("gitops-engine")
                .withName("mock-lab-root")
                .get())
        .isNotNull();
  }

  /** The CLI contract gives every command --quiet and --no-color, as validate and policy take. */
  @Test
  void quietStatusAndApplyShowOnlyWhatIsWrongAndNoColorIsTaken() {
    store("aaa-web", "Synced", "Healthy");
    store("bbb-db", "OutOfSync", "Healthy");

    Run status = run("status", tree.toString(), "--quiet", "--no-color");
    Run json = run("status", tree.toString(), "-q", "--format", "json");
    store("bbb-db", "Synced", "Healthy");
    Run settled = run("status", tree.toString(), "--quiet");
    Run apply = run("apply", tree.toString(), "--quiet", "--no-color");
    Run again = run("apply", tree.toString(), "--no-color");

    assertThat(status.code()).as(status.toString()).isEqualTo(1);
    assertThat(status.out())
        .isEqualTo(
            "NAME    PROJECT  SYNC       HEALTH   OPERATION  MESSAGE\n"
                + "bbb-db  default  OutOfSync  Healthy  -          -\n"
                + "\n"
                + "Not ready: 1 of 2 Applications: bbb-db (OutOfSync).\n");
    assertThat(json.out())
        .contains("\"bbb-db\"")
        .doesNotContain("\"aaa-web\"")
        .contains("\"summary\" : \"Not ready: 1 of 2 Applications");
    assertThat(settled.code()).as(settled.toString()).isZero();
    assertThat(settled.out()).isEqualTo("All 2 Applications are Synced and Healthy.\n");
    assertThat(apply.code()).as(apply.toString()).isZero();
    assertThat(apply.out()).isEmpty();
    assertThat(apply.err()).isEmpty();
    assertThat(again.out()).isEqualTo("Application mock-lab-root in namespace argocd: unchanged\n");
  }

  @Test
  void statusWithoutApplicationsNamesTheNamespaceItLookedIn() throws IOException {
    // Applications in argocd do not count for a lab whose Argo CD is in another namespace.
    store("mock-lab-root", "Synced", "Healthy");
    Path config = tree.resolve("homelab.yaml");
    Files.writeString(config, Files.readString(config) + "argocd: {namespace: gitops-engine}\n");

    Run run = run("status", tree.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .endsWith("\nNo Application found in namespace gitops-engine; run apply first.\n");
  }

  @Test
  void statusAsJsonHoldsEveryApplicationAndTheVerdictOnStdoutAlone() {
    store("web", "OutOfSync", "Degraded");
    store("mock-lab-root", "Synced", "Healthy");

    Run run = run("status", tree.toString(), "--format", "json");

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .isEqualTo(
            """
            {
              "namespace" : "argocd",
              "applications" : [ {
                "name" : "mock-lab-root",
                "project" : "default",
                "sync" : "Synced",
                "health" : "Healthy",
                "operationPhase" : "",
                "operationRequested" : false,
                "message" : "",
                "settled" : true
              }, {
                "name" : "web",
                "project" : "default",
                "sync" : "OutOfSync",
                "health" : "Degraded",
                "operationPhase" : "",
                "operationRequested" : false,
                "message" : "",
                "settled" : false
              } ],
              "ready" : false,
              "waitExpired" : false,
              "summary" : "Not ready: 1 of 2 Applications: web (OutOfSync, Degraded)."
            }
            """);
    assertThat(run("status", tree.toString(), "--format", "JSON").out()).isEqualTo(run.out());
  }

  @Test
  void statusRefusesAFormatItCannotPrintBeforeAnyRequest() throws IOException {
    // A closed port: a request would fail with exit 1, so exit 2 shows none was made.
    useKubeconfig("http://127.0.0.1:" + closedPort());

    Run run = run("status", tree.toString(), "--format", "sarif");

    assertThat(run.code()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: status prints text or json, not `sarif`");
  }

  @Test
  void statusPrintsTheTableAndExitsWithTheReportsCode() {
    store("mock-lab-root", "Synced", "Healthy");
    Run ready = run("status", tree.toString());
    assertThat(ready.code()).as(ready.toString()).isZero();
    assertThat(ready.out())
        .startsWith("NAME           PROJECT  SYNC    HEALTH")
        .contains("All 1 Applications are Synced and Healthy.");
    assertThat(run("status", tree.toString(), "--wait", "0").code()).isZero();

    store("web", "OutOfSync", "Healthy");
    Run notReady = run("status", tree.toString(), "--wait", "200ms");
    assertThat(notReady.code()).isEqualTo(1);
    assertThat(notReady.out()).contains("web (OutOfSync)");
  }

  @Test
  void anUnreachableClusterIsExitOneWithoutAStackTrace() throws IOException {
    int closed = closedPort();
    useKubeconfig("http://127.0.0.1:" + closed);

    Run run = run("status", tree.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("error: cannot reach the Kubernetes API server at http://127.0.0.1:" + closed)
        .doesNotContain("\tat ")
        .hasLineCount(1);
  }

  @Test
  void aWebServerAtTheKubeconfigsAddressIsNotCalledAClusterWithoutCrds() throws IOException {
    // A plain JDK HTTP server that answers 404 to every path, as a web server or proxy does.
    HttpServer web =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    web.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    web.start();
    try {
      String url = "http://127.0.0.1:" + web.getAddress().getPort();
      useKubeconfig(url);

      for (String command : List.of("status", "apply")) {
        Run run = run(command, tree.toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.err())
            .as(command)
            .startsWith("error: the server at " + url + "/ is not a Kubernetes API server")
            .doesNotContain("CRDs", "\tat ")
            .hasLineCount(1);
      }
    } finally {
      web.stop(0);
    }
  }

  @Test
  void rejectedCredentialsNameTheContextAndWhereK3sKeepsFreshOnes() {
    // The mock server answers 401 as an API server does to an expired token or certificate.
    server
        .expect()
        .get()
        .withPath("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications")
        .andReturn(
            401,
            new StatusBuilder()
                .withCode(401)
                .withReason("Unauthorized")
                .withMessage("Unauthorized")
                .build())
        .always();

    Run run = run("status", tree.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: the Kubernetes API server at "
                + server.url("/")
                + " rejected the credentials of kubeconfig context lab (401 Unauthorized) while"
                + " listing Applications; its token or client certificate is wrong or expired:"
                + " copy a fresh kubeconfig from /etc/rancher/k3s/k3s.yaml on the K3s server\n");
  }

  @Test
  void aForbiddenCreateNamesTheServerTheContextAndTheApplication() {
    // The mock server lets the user read but not create Applications, as a read-only Role does.
    server
        .expect()
        .post()
        .withPath("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(
                    "applications.argoproj.io is forbidden: User \"viewer\" cannot create resource"
                        + " \"applications\" in API group \"argoproj.io\" in the namespace \"argocd\"")
                .build())
        .always();

    Run run = run("apply", tree.toString());

    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: RBAC forbids creating Application mock-lab-root in namespace argocd on "
                + server.url("/")
                + " for kubeconfig context lab (403 Forbidden): applications.argoproj.io is"
                + " forbidden: User \"viewer\" cannot create resource \"applications\" in API group"
                + " \"argoproj.io\" in the namespace \"argocd\"; use a context whose user may,"
                + " such as K3s's admin kubeconfig\n");
  }

  @Test
  void anUntrustedCertificateSaysSoRatherThanThatTheClusterMayBeDown() {
    // A second mock server with its own self-signed certificate, which the kubeconfig does not
    // trust, as after a K3s reinstall with a kubeconfig from before.
    KubernetesMockServer untrusted = new KubernetesMockServer(true);
    untrusted.init();
    try {
      useKubeconfig(untrusted.url("/"));

      Run run = run("status", tree.toString());

      assertThat(run.code()).as(run.toString()).isEqualTo(1);
      assertThat(run.err())
          .startsWith("error: cannot reach the Kubernetes API server at " + untrusted.url("/"))
          .contains(
              "its certificate is not signed by the certificate authority of kubeconfig context"
                  + " lab, or does not name this address")
          .doesNotContain("that the cluster is up", "\tat ")
          .hasLineCount(1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      untrusted.destroy();
    }
  }

  @Test
  void statusWaitsForAnApiServerThatRefusesConnectionsUntilTheWaitIsOver() throws IOException {
    int closed = closedPort();
    useKubeconfig("http://127.0.0.1:" + closed);

    long start = System.nanoTime();
    Run run = run("status", tree.toString(), "--wait", "2s");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(2));
    assertThat(run.code()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .startsWith(
            "waiting for the API server at http://127.0.0.1:"
                + closed
                + "/: connection refused\nerror: cannot reach the Kubernetes API server at"
                + " http://127.0.0.1:"
                + closed)
        .doesNotContain("\tat ")
        .hasLineCount(2);

    Run quiet = run("status", tree.toString(), "--wait", "2s", "--quiet");
    assertThat(quiet.code()).as(quiet.toString()).isEqualTo(1);
    assertThat(quiet.err())
        .as("--quiet leaves out the wait's note, not the error")
        .startsWith("error: cannot reach the Kubernetes API server at")
        .hasLineCount(1);
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(run("status", tree.toString(), "--wait", "soon").err())
        .contains("--wait takes a duration such as 90s");
    assertThat(run("status", tree.toString(), "--wait", "soon").code()).isEqualTo(2);
    assertThat(run("apply", scratch.resolve("nowhere").toString()).code()).isEqualTo(2);
  }

  @Test
  void aContextTheKubeconfigLacksIsAConfigurationError() {
    String kubeconfig = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    for (String command : List.of("apply", "status")) {
      Run run = run(command, tree.toString(), "--context", "staging");

      assertThat(run.code()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "error: the kubeconfig at "
                  + kubeconfig
                  + " has no context named \"staging\" (its contexts: lab);"
                  + " see kubectl config get-contexts\n");
    }
  }

  @Test
  void anUnreadableKubeconfigIsAConfigurationErrorWithoutAStackTrace() throws IOException {
    Path kubeconfig = Files.writeString(scratch.resolve("kubeconfig"), "garbage: [\n");
    for (String command : List.of("apply", "status")) {
      Run run = run(command, tree.toString());

      assertThat(run.code()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .startsWith("error: could not read the kubeconfig at " + kubeconfig + ":2:")
          .hasLineCount(1);
    }
  }

  @Test
  void anEmptyKubeconfigOrAFolderIsAConfigurationErrorNamingIt() throws IOException {
    Path empty = Files.writeString(scratch.resolve("kubeconfig"), "");
    Path folder = Files.createDirectory(scratch.resolve("kube"));
    Map<Path, String> problems = Map.of(empty, " is empty; ", folder, " is a folder, not a file; ");
    for (Map.Entry<Path, String> problem : problems.entrySet()) {
      System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, problem.getKey().toString());
      for (String command : List.of("apply", "status")) {
        Run run = run(command, tree.toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err())
            .startsWith("error: the kubeconfig at " + problem.getKey() + problem.getValue())
            .contains("set KUBECONFIG")
            .hasLineCount(1);
      }
    }
  }

  @Test
  void aKubeconfigFieldOfTheWrongTypeIsAConfigurationErrorNamingItsPlace() throws IOException {
    Path kubeconfig =
        Files.writeString(
            scratch.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters: \"oops\"\n");
    for (String command : List.of("apply", "status")) {
      Run run = run(command, tree.toString());

      assertThat(run.code()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "error: could not read the kubeconfig at "
                  + kubeconfig
                  + ":3:11: `clusters` must be a list of clusters, not a string\n");
    }
  }

  @Test
  void aServerThatIsNotAUrlOrAMissingCertificateIsAConfigurationErrorNamingTheField()
      throws IOException {
    useKubeconfig("https://k3s:6443/not a url");
    String kubeconfig = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    for (String command : List.of("apply", "status")) {
      Run run = run(command, tree.toString());

      assertThat(run.code()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "error: the kubeconfig at "
                  + kubeconfig
                  + ":6:21: `clusters[0].cluster.server` must be a URL such as"
                  + " https://192.168.1.10:6443, not `https://k3s:6443/not a url`\n");
    }

    Path missing = scratch.resolve("admin.crt");
    Files.writeString(
        Path.of(kubeconfig),
        Files.readString(Path.of(kubeconfig))
            .replace("https://k3s:6443/not a url", server.url("/"))
            .replace("{token: not-a-real-token}", "{client-certificate: admin.crt}"));
    for (String command : List.of("apply", "status")) {
      Run run = run(command, tree.toString());

      assertThat(run.code()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .startsWith("error: the kubeconfig at " + kubeconfig + ":12:")
          .contains("`users[0].user.client-certificate` names " + missing)
          .endsWith(", which does not exist\n");
    }
  }

  @Test
  void certificateAuthorityDataThatIsNotBase64IsAConfigurationErrorNamingTheField()
      throws IOException {
    Path kubeconfig = Path.of(System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE));
    Files.writeString(
        kubeconfig,
        Files.readString(kubeconfig)
            .replace(
                "cluster: {server: ", "cluster: {certificate-authority-data: \"%%%\", server: "));
    for (String command : List.of("apply", "status")) {
      Run run = run(command, tree.toString());

      assertThat(run.code()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "error: the kubeconfig at "
                  + kubeconfig
                  + ":6:41: `clusters[0].cluster.certificate-authority-data` is not valid"
                  + " base64\n");
    }
  }

  @Test
  void withoutAKubeconfigAnUnansweredFallbackIsAConfigurationError() throws IOException {
    Path missing = scratch.resolve("no-such-kubeconfig");
    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, missing.toString());
    // A closed port instead of the in-cluster address, whose lookup depends on the machine's DNS.
    System.setProperty(
        Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, "http://127.0.0.1:" + closedPort());
    try {
      List<String[]> commands =
          List.of(
              new String[] {"apply", tree.toString()},
              new String[] {"status", tree.toString(), "--wait", "1m"});
      for (String[] command : commands) {
        long start = System.nanoTime();
        Run run = run(command);

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err())
            .as("the cause and its fix lead, the in-cluster address tried comes last")
            .startsWith("error: no kubeconfig was found at " + missing + "; set KUBECONFIG")
            .contains(", or run it inside the cluster (")
            .contains("fell back to the in-cluster address http://127.0.0.1:")
            .hasLineCount(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .as("a wait does not help a missing kubeconfig")
            .isLessThan(Duration.ofSeconds(20));
      }
    } finally {
      System.clearProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
    }
  }

  @Test
  void aContextWithoutAnyKubeconfigSaysNoneWasFound() {
    Path missing = scratch.resolve("no-such-kubeconfig");
    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, missing.toString());
    for (String command : List.of("apply", "status")) {
      Run run = run(command, tree.toString(), "--context", "lab");

      assertThat(run.code()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .startsWith("error: no kubeconfig was found at " + missing + "; set KUBECONFIG")
          .doesNotContain("no context named")
          .hasLineCount(1);
    }
  }

  /**
   * {@code --kubeconfig} reads that file alone, against the mock API server (no real API server
   * runs here): the kubeconfig that KUBECONFIG names is broken, and is never read.
   */
  @Test
  void kubeconfigOptionUsesThatFileAndIgnoresTheKubeconfigVariable() throws IOException {
    Path good = scratch.resolve("kubeconfig");
    Path elsewhere = Files.writeString(scratch.resolve("elsewhere"), "garbage: [\n");
    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, elsewhere.toString());

    Run apply = run("apply", tree.toString(), "--kubeconfig", good.toString());
    Run status =
        run("status", tree.toString(), "--kubeconfig", good.toString(), "--context", "lab");

    assertThat(apply.code()).as(apply.toString()).isZero();
    assertThat(apply.out()).isEqualTo("Application mock-lab-root in namespace argocd: created\n");
    assertThat(status.err()).as(status.toString()).doesNotContain("error");
    assertThat(status.out()).contains("mock-lab-root");
    assertThat(run("status", tree.toString()).err())
        .as("without --kubeconfig, KUBECONFIG is read as before")
        .startsWith("error: could not read the kubeconfig at " + elsewhere + ":2:");
  }

  /**
   * The proxy still comes from the environment with --kubeconfig, as for kubectl: a proxy that
   * refuses connections keeps the run from the mock API server.
   */
  @Test
  void kubeconfigOptionStillTakesTheProxyFromTheEnvironment() throws IOException {
    String good = scratch.resolve("kubeconfig").toString();
    System.setProperty(Config.KUBERNETES_HTTP_PROXY, "http://127.0.0.1:" + closedPort());
    Run proxied;
    try {
      proxied = run("apply", tree.toString(), "--kubeconfig", good);
    } finally {
      System.clearProperty(Config.KUBERNETES_HTTP_PROXY);
    }

    assertThat(proxied.code()).as(proxied.toString()).isEqualTo(1);
    assertThat(applications().list().getItems()).isEmpty();
    assertThat(run("apply", tree.toString(), "--kubeconfig", good).code()).isZero();
  }

  @Test
  void aKubeconfigOptionFileThatIsMissingBrokenOrNoKubeconfigIsExitTwoNamingIt()
      throws IOException {
    Path missing = scratch.resolve("no-such-kubeconfig");
    Path broken = Files.writeString(scratch.resolve("broken"), "apiVersion: v1\nclusters: [\n");
    Path notKubeconfig = tree.resolve("homelab.yaml");
    Path folder = Files.createDirectory(scratch.resolve("kube"));
    Map<Path, String> problems =
        Map.of(
            missing,
            "error: the kubeconfig at " + missing + " (--kubeconfig) does not exist\n",
            broken,
            "error: could not read the kubeconfig at " + broken + ":3:",
            notKubeconfig,
            "error: the kubeconfig at " + notKubeconfig + " defines no contexts; pass --kubeconfig",
            folder,
            "error: the kubeconfig at " + folder + " is a folder, not a file; pass --kubeconfig");
    for (Map.Entry<Path, String> problem : problems.entrySet()) {
      for (String command : List.of("apply", "status")) {
        Run run = run(command, tree.toString(), "--kubeconfig", problem.getKey().toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).startsWith(problem.getValue()).hasLineCount(1);
      }
    }
    Run context =
        run(
            "status",
            tree.toString(),
            "--kubeconfig",
            scratch.resolve("kubeconfig").toString(),
            "--context",
            "staging");
    assertThat(context.err())
        .isEqualTo(
            "error: the kubeconfig at "
                + scratch.resolve("kubeconfig")
                + " has no context named \"staging\" (its contexts: lab);"
                + " see kubectl config get-contexts\n");
  }

  private void store(String name, String sync, String health) {
    GenericKubernetesResource app = new GenericKubernetesResource();
    app.setApiVersion("argoproj.io/v1alpha1");
    app.setKind("Application");
    app.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace("argocd")
            .build());
    app.setAdditionalProperty("spec", Map.of("project", "default"));
    app.setAdditionalProperty(
        "status", Map.of("sync", Map.of("status", sync), "health", Map.of("status", health)));
    client
        .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
        .inNamespace("argocd")
        .resource(app)
        .createOr(existing -> existing.update());
  }

  private void useKubeconfig(String serverUrl) throws IOException {
    Path file =
        Files.writeString(
            scratch.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            current-context: lab
            clusters:
            - name: lab
              cluster: {server: %s}
            contexts:
            - name: lab
              context: {cluster: lab, user: admin}
            users:
            - name: admin
              user: {token: not-a-real-token}
            """
                .formatted(serverUrl));
    if (previousKubeconfig == null) {
      previousKubeconfig = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    }
    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, file.toString());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GeneratorCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n" + out + err + List.of();
    }
  }
}
