package dev.homelab.generator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link ArgoCdCluster} against a real Kubernetes API server: k3s in a container, with Argo CD's
 * CRDs installed from {@code ../shared/schemas/argo-cd-crds}. It runs wherever Docker exists and is
 * skipped, with the reason, where it does not; no Argo CD controller runs, so the test writes the
 * status the controller would.
 */
@ExtendWith(ArgoCdClusterK3sTest.PrintWhyDockerTestsSkip.class)
@Testcontainers(disabledWithoutDocker = true)
class ArgoCdClusterK3sTest {
  private static final DockerImageName K3S = DockerImageName.parse("rancher/k3s:v1.34.1-k3s1");
  private static final Path CRDS =
      Path.of(System.getProperty("homelab.repo.root", "."))
          .resolve("../shared/schemas/argo-cd-crds")
          .normalize();

  private static K3sContainer k3s;
  private static KubernetesClient client;

  @BeforeAll
  static void startK3sWithArgoCdCrds() throws IOException {
    if (!Files.isDirectory(CRDS)) {
      String reason = "Argo CD CRDs not found at " + CRDS + "; skipping the k3s test";
      System.out.println("SKIPPED: " + reason);
      Assumptions.abort(reason);
    }
    k3s = new K3sContainer(K3S);
    k3s.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml()))
            .build();
    K3sArgoCd.installCrds(client, CRDS);
    K3sArgoCd.createNamespace(client, "argocd");
  }

  @AfterAll
  static void stopK3s() {
    if (client != null) {
      client.close();
    }
    if (k3s != null) {
      k3s.stop();
    }
  }

  @Test
  void appliesTheRootApplicationAndReadsItsStatusForReal() {
    ArgoCdCluster argo = new ArgoCdCluster(client, "argocd", Duration.ofMillis(200));

    assertThat(argo.applyRootApplication(rootApplication("HEAD"), false))
        .isEqualTo(ApplyResult.CREATED);
    assertThat(argo.applyRootApplication(rootApplication("HEAD"), false))
        .isEqualTo(ApplyResult.UNCHANGED);
    assertThat(argo.status(Duration.ZERO).exitCode()).as("no status yet").isEqualTo(1);

    GenericKubernetesResource live =
        client
            .genericKubernetesResources(ArgoCdCluster.API_VERSION, ArgoCdCluster.KIND)
            .inNamespace("argocd")
            .withName("root")
            .get();
    live.setAdditionalProperty("status", syncedAndHealthy());
    client
        .genericKubernetesResources(ArgoCdCluster.API_VERSION, ArgoCdCluster.KIND)
        .inNamespace("argocd")
        .resource(live)
        .update();

    assertThat(argo.applyRootApplication(rootApplication("main"), false))
        .isEqualTo(ApplyResult.UPDATED);
    assertThat(argo.applicationStatuses())
        .containsExactly(
            new ApplicationStatus("root", "default", "Synced", "Healthy", "Succeeded", ""));
    assertThat(argo.status(Duration.ofSeconds(10)).exitCode()).isZero();
  }

  @Test
  void aMissingNamespaceIsNamed() {
    ArgoCdCluster argo = new ArgoCdCluster(client, "argo-elsewhere", Duration.ofMillis(200));
    GenericKubernetesResource app = rootApplication("HEAD");
    app.getMetadata().setNamespace("argo-elsewhere");

    assertThatThrownBy(() -> argo.applyRootApplication(app, false))
        .isInstanceOf(ArgoCdClusterException.class)
        .hasMessageContaining("namespace argo-elsewhere does not exist");
  }

  /**
   * Surefire keeps skip reasons in its XML reports only; this puts the reason on the console too,
   * and leaves the decision to {@code @Testcontainers}.
   */
  static final class PrintWhyDockerTestsSkip implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (context.getTestMethod().isEmpty()
          && !DockerClientFactory.instance().isDockerAvailable()) {
        System.out.println(
            "SKIPPED: "
                + context.getDisplayName()
                + " needs a Docker engine to run k3s, and none is available here");
      }
      return ConditionEvaluationResult.enabled("Docker check left to @Testcontainers");
    }
  }

  private static GenericKubernetesResource rootApplication(String revision) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", "default");
    spec.put(
        "source",
        Map.of(
            "repoURL", "https://github.com/tjetzinger/home-lab.git",
            "path", "gitops/argocd/namespaces",
            "targetRevision", revision));
    spec.put(
        "destination", Map.of("server", "https://kubernetes.default.svc", "namespace", "argocd"));
    GenericKubernetesResource app = new GenericKubernetesResource();
    app.setApiVersion(ArgoCdCluster.API_VERSION);
    app.setKind(ArgoCdCluster.KIND);
    app.setMetadata(
        new ObjectMetaBuilder()
            .withName("root")
            .withFinalizers("resources-finalizer.argocd.argoproj.io")
            .build());
    app.setAdditionalProperty("spec", spec);
    return app;
  }

  // The CRD schema requires operation, phase and startedAt in an operationState.
  private static Map<String, Object> syncedAndHealthy() {
    return Map.of(
        "sync",
        Map.of("status", "Synced"),
        "health",
        Map.of("status", "Healthy"),
        "operationState",
        Map.of(
            "operation", Map.of("sync", Map.of("revision", "0123456789abcdef")),
            "phase", "Succeeded",
            "startedAt", "2026-01-01T00:00:00Z",
            "message", "successfully synced (all tasks run)"));
  }
}
