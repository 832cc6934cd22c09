package dev.homelab.generator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ArgoCdCluster} against the fabric8 mock API server in CRUD mode, because no real API
 * server can run here; the Application CRD is registered first so that discovery and storage know
 * the namespaced {@code applications} plural. The k3s test covers a real server where Docker
 * exists.
 */
@EnableKubernetesMockClient(crud = true)
class ArgoCdClusterMockTest {

  KubernetesMockServer server;
  KubernetesClient client;
  private ArgoCdCluster argo;

  @BeforeEach
  void registerApplicationCrd() {
    server.expectCustomResource(MockArgoCd.APPLICATIONS);
    argo = new ArgoCdCluster(client, "argocd", Duration.ofMillis(50));
  }

  @Test
  void rootApplicationIsCreatedThenUnchangedThenUpdated() {
    assertThat(argo.applyRootApplication(rootApplication("HEAD"), false))
        .isEqualTo(ApplyResult.CREATED);
    assertThat(argo.applyRootApplication(rootApplication("HEAD"), false))
        .isEqualTo(ApplyResult.UNCHANGED);

    assertThat(argo.applyRootApplication(rootApplication("v2"), false))
        .isEqualTo(ApplyResult.UPDATED);

    GenericKubernetesResource stored = live("root");
    assertThat(stored.<String>get("spec", "source", "targetRevision")).isEqualTo("v2");
    assertThat(stored.getMetadata().getFinalizers())
        .containsExactly("resources-finalizer.argocd.argoproj.io");
    assertThat(argo.applyRootApplication(rootApplication("v2"), false))
        .isEqualTo(ApplyResult.UNCHANGED);
  }

  @Test
  void anUpdateKeepsWhatArgoCdAndOthersWroteOnTheApplication() {
    argo.applyRootApplication(rootApplication("HEAD"), false);
    GenericKubernetesResource stored = live("root");
    stored.setAdditionalProperty("status", status("Synced", "Healthy", "Succeeded"));
    stored.getMetadata().setAnnotations(Map.of("notes.homelab.dev/owner", "ops"));
    applications().resource(stored).update();

    assertThat(argo.applyRootApplication(rootApplication("HEAD"), false))
        .isEqualTo(ApplyResult.UNCHANGED);
    assertThat(argo.applyRootApplication(rootApplication("v3"), false))
        .isEqualTo(ApplyResult.UPDATED);

    GenericKubernetesResource after = live("root");
    assertThat(after.<String>get("status", "sync", "status")).isEqualTo("Synced");
    assertThat(after.getMetadata().getAnnotations())
        .containsEntry("notes.homelab.dev/owner", "ops");
    assertThat(after.<String>get("spec", "source", "targetRevision")).isEqualTo("v3");
  }

  @Test
  void aRootApplicationBeingDeletedIsNotReportedAsApplied() {
    argo.applyRootApplication(rootApplication("HEAD"), false);
    // The mock server keeps an object with finalizers after a delete, as an API server does while
    // Argo CD deletes what the Application made.
    applications().withName("root").delete();
    assertThat(live("root").getMetadata().getDeletionTimestamp()).isNotNull();

    for (String revision : List.of("HEAD", "v2")) {
      assertThatThrownBy(() -> argo.applyRootApplication(rootApplication(revision), false))
          .isInstanceOf(ArgoCdClusterException.class)
          .hasMessageStartingWith("Application root in namespace argocd is being deleted (since ")
          .hasMessageEndingWith("); run apply again once it is gone")
          .satisfies(
              e ->
                  assertThat(((ArgoCdClusterException) e).reason())
                      .isEqualTo(ArgoCdClusterException.Reason.API_ERROR));
    }
    assertThat(live("root").<String>get("spec", "source", "targetRevision")).isEqualTo("HEAD");
  }

  @Test
  void applyAcceptsAPlainMapAndRejectsOtherKinds() {
    @SuppressWarnings("unchecked")
    Map<String, Object> asMap =
        client.getKubernetesSerialization().convertValue(rootApplication("HEAD"), Map.class);
    assertThat(argo.applyRootApplication(asMap, false)).isEqualTo(ApplyResult.CREATED);

    GenericKubernetesResource project = rootApplication("HEAD");
    project.setKind("AppProject");
    assertThatThrownBy(() -> argo.applyRootApplication(project, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AppProject");
  }

  @Test
  void statusTableListsEveryApplicationSortedWithMixedStates() {
    store("root", "default", status("Synced", "Healthy", "Succeeded"));
    store("monitoring", "monitoring", status("OutOfSync", "Healthy", null));
    Map<String, Object> degraded = status("Synced", "Degraded", "Failed");
    degraded.put(
        "operationState",
        Map.of(
            "phase",
            "Failed",
            "message",
            "one or more objects failed to apply:\nDeployment/ollama"));
    store("applications", "applications", degraded);
    Map<String, Object> broken = status("Unknown", "Unknown", null);
    broken.put(
        "conditions",
        List.of(Map.of("type", "ComparisonError", "message", "repository not accessible")));
    store("infra", "infra", broken);

    List<ApplicationStatus> statuses = argo.applicationStatuses();
    StatusReport report = argo.status(Duration.ZERO);

    assertThat(statuses)
        .extracting(ApplicationStatus::name)
        .containsExactly("applications", "infra", "monitoring", "root");
    assertThat(StatusTable.render(report, false))
        .isEqualTo(
            String.join(
                "\n",
                "NAME          PROJECT       SYNC       HEALTH    OPERATION  MESSAGE",
                "applications  applications  Synced     Degraded  Failed     one or more objects failed to apply: Deployment/ollama",
                "infra         infra         Unknown    Unknown   -          ComparisonError: repository not accessible",
                "monitoring    monitoring    OutOfSync  Healthy   -          -",
                "root          default       Synced     Healthy   Succeeded  -",
                "",
                "Not ready: 3 of 4 Applications: applications (Degraded), infra (Unknown, Unknown),"
                    + " monitoring (OutOfSync).",
                ""));
    assertThat(report.exitCode()).isEqualTo(StatusReport.NOT_READY);
    assertThat(report.waitExpired()).isFalse();
  }

  @Test
  void allSyncedAndHealthyExitsZero() {
    store("root", "default", status("Synced", "Healthy", "Succeeded"));
    store("infra", "infra", status("Synced", "Healthy", "Succeeded"));

    StatusReport report = argo.status(Duration.ofSeconds(5));

    assertThat(report.exitCode()).isEqualTo(StatusReport.READY);
    assertThat(report.summary()).isEqualTo("All 2 Applications are Synced and Healthy.");
  }

  @Test
  void waitGivesUpAfterTheTimeoutWithTheLastSnapshot() {
    store("root", "default", status("Synced", "Healthy", "Succeeded"));
    store("loki", "monitoring", status("Synced", "Progressing", "Running"));

    long start = System.nanoTime();
    StatusReport report = argo.status(Duration.ofMillis(400));
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(elapsedMillis).isBetween(400L, 5_000L);
    assertThat(report.waitExpired()).isTrue();
    assertThat(report.exitCode()).as("Progressing is not ready once the wait expires").isEqualTo(1);
    assertThat(report.summary())
        .startsWith(
            "Still not ready after 0s: 1 of 2 Applications: loki (Progressing, sync Running)");
  }

  /** Argo CD, played by another thread, finishes the Application's sync while status waits. */
  private CompletableFuture<Void> finishSyncSoon(String name) {
    return CompletableFuture.runAsync(
        () -> {
          sleep(300);
          GenericKubernetesResource application = live(name);
          application.setAdditionalProperty("status", status("Synced", "Healthy", "Succeeded"));
          applications().resource(application).update();
        });
  }

  @Test
  void waitReturnsAsSoonAsEveryApplicationSettles() throws Exception {
    store("loki", "monitoring", status("Synced", "Progressing", "Running"));
    CompletableFuture<Void> argoFinishes = finishSyncSoon("loki");

    long start = System.nanoTime();
    StatusReport report = argo.status(Duration.ofSeconds(20));
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    argoFinishes.get(5, TimeUnit.SECONDS);

    assertThat(report.exitCode()).isZero();
    assertThat(report.waitExpired()).isFalse();
    assertThat(elapsedMillis).as("waited for the change, then stopped").isBetween(100L, 10_000L);
  }

  @Test
  void aSyncThatIsRunningOrOnlyRequestedIsNotSettledYet() {
    store("running", "default", status("Synced", "Healthy", "Running"));
    store("requested", "default", status("Synced", "Healthy", "Succeeded"));
    GenericKubernetesResource requested = live("requested");
    requested.setAdditionalProperty("operation", Map.of("sync", Map.of("revision", "abc123")));
    applications().resource(requested).update();
    store("done", "default", status("Synced", "Healthy", "Succeeded"));

    StatusReport report = argo.status(Duration.ZERO);

    assertThat(report.exitCode()).isEqualTo(StatusReport.NOT_READY);
    assertThat(report.summary())
        .isEqualTo(
            "Not ready: 2 of 3 Applications: requested (sync requested), running (sync Running).");
  }

  @Test
  void waitLastsUntilARunningSyncFinishesEvenWhenAlreadySyncedAndHealthy() throws Exception {
    // Right after a merge the Application still shows the old revision Synced and Healthy while
    // Argo CD syncs the new one.
    store("loki", "monitoring", status("Synced", "Healthy", "Running"));
    CompletableFuture<Void> argoFinishes = finishSyncSoon("loki");

    StatusReport report = argo.status(Duration.ofSeconds(20));
    argoFinishes.get(5, TimeUnit.SECONDS);

    assertThat(report.exitCode()).isZero();
    assertThat(report.applications())
        .extracting(ApplicationStatus::operationPhase)
        .containsExactly("Succeeded");
  }

  @Test
  void missingCrdSaysArgoCdIsNotInstalled() {
    server.reset();

    assertThatThrownBy(argo::applicationStatuses)
        .isInstanceOf(ArgoCdClusterException.class)
        .hasMessageContaining("Argo CD's CRDs are not installed")
        .satisfies(
            e ->
                assertThat(((ArgoCdClusterException) e).reason())
                    .isEqualTo(ArgoCdClusterException.Reason.CRD_MISSING));
  }

  @Test
  void forbiddenListSaysRbacForbidsIt() {
    server
        .expect()
        .get()
        .withPath("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(
                    "applications.argoproj.io is forbidden: User \"viewer\" cannot list resource"
                        + " \"applications\" in API group \"argoproj.io\" in the namespace \"argocd\"")
                .build())
        .always();

    assertThatThrownBy(argo::applicationStatuses)
        .isInstanceOf(ArgoCdClusterException.class)
        .hasMessageContaining(
            "RBAC forbids listing Applications in namespace argocd on "
                + server.url("/")
                + " for the kubeconfig context (403 Forbidden)")
        .hasMessageContaining("User \"viewer\" cannot list")
        .satisfies(
            e ->
                assertThat(((ArgoCdClusterException) e).reason())
                    .isEqualTo(ArgoCdClusterException.Reason.FORBIDDEN));
  }

  @Test
  void errorsThatPollingCannotFixEndAWaitAtOnce() {
    server.reset();
    assertEndsTheWaitAtOnce(ArgoCdClusterException.Reason.CRD_MISSING);

    server.expectCustomResource(MockArgoCd.APPLICATIONS);
    answerTheListWith(401, "Unauthorized");
    assertEndsTheWaitAtOnce(ArgoCdClusterException.Reason.UNAUTHORIZED);

    server.clearExpectations();
    answerTheListWith(403, "Forbidden");
    assertEndsTheWaitAtOnce(ArgoCdClusterException.Reason.FORBIDDEN);
  }

  private void answerTheListWith(int code, String reason) {
    server
        .expect()
        .get()
        .withPath("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications")
        .andReturn(code, new StatusBuilder().withCode(code).withReason(reason).build())
        .always();
  }

  private void assertEndsTheWaitAtOnce(ArgoCdClusterException.Reason reason) {
    List<String> notes = new ArrayList<>();
    long start = System.nanoTime();

    assertThatThrownBy(() -> argo.status(Duration.ofSeconds(30), notes::add))
        .isInstanceOf(ArgoCdClusterException.class)
        .satisfies(e -> assertThat(((ArgoCdClusterException) e).reason()).isEqualTo(reason));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(notes).as("no note about waiting").isEmpty();
  }

  private GenericKubernetesResource rootApplication(String revision) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repoURL", "https://github.com/tjetzinger/home-lab.git");
    source.put("path", "gitops/argocd/namespaces");
    source.put("targetRevision", revision);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", "default");
    spec.put("source", source);
    spec.put(
        "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "argocd"));
    spec.put("syncPolicy", Map.of("automated", Map.of("prune", true, "selfHeal", true)));
    GenericKubernetesResource app = new GenericKubernetesResource();
    app.setApiVersion(ArgoCdCluster.API_VERSION);
    app.setKind(ArgoCdCluster.KIND);
    app.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("root")
            .withFinalizers("resources-finalizer.argocd.argoproj.io")
            .withLabels(Map.of("app.kubernetes.io/managed-by", "homelab-generator"))
            .build());
    app.setAdditionalProperty("spec", spec);
    return app;
  }

  private void store(String name, String project, Map<String, Object> status) {
    GenericKubernetesResource app = rootApplication("HEAD");
    app.getMetadata().setName(name);
    app.getMetadata().setNamespace("argocd");
    app.<Map<String, Object>>get("spec").put("project", project);
    app.setAdditionalProperty("status", status);
    applications().resource(app).create();
  }

  static Map<String, Object> status(String sync, String health, String phase) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("sync", Map.of("status", sync));
    status.put("health", Map.of("status", health));
    if (phase != null) {
      status.put("operationState", Map.of("phase", phase));
    }
    return status;
  }

  private GenericKubernetesResource live(String name) {
    return applications().withName(name).get();
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      applications() {
    return client.genericKubernetesResources(MockArgoCd.APPLICATIONS).inNamespace("argocd");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
