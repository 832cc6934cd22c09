package dev.homelab.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.config.ConfigLoader;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.generator.cluster.K3sArgoCd;
import dev.homelab.generator.model.AppOfApps;
import dev.homelab.generator.model.ComponentFiles;
import dev.homelab.generator.output.GeneratedOutput;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
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
 * The generated app-of-apps of {@code gitops/} applied for real: k3s in a container, with Argo CD's
 * CRDs from {@code ../shared/schemas/argo-cd-crds}, so that the API server's own validation of
 * every Application and AppProject is the judge. It runs wherever Docker exists and is skipped,
 * with the reason, where it does not; no Argo CD controller runs.
 */
@ExtendWith(GeneratedTreeK3sTest.PrintWhyItSkips.class)
@Testcontainers(disabledWithoutDocker = true)
class GeneratedTreeK3sTest {
  private static final DockerImageName K3S = DockerImageName.parse("rancher/k3s:v1.34.1-k3s1");

  @Test
  void theApiServerAcceptsEveryGeneratedApplicationAndAppProject() throws Exception {
    Path crds = RepoPaths.shared("schemas/argo-cd-crds");
    Path root = RepoPaths.repoRoot();
    HomeLabConfig config = ConfigLoader.load(root.resolve("gitops/homelab.yaml"), root);
    Map<String, byte[]> files =
        new GeneratedOutput("gitops/argocd", "docs/diagrams/app-of-apps.md", "gitops/homelab.yaml")
            .render(AppOfApps.plan(config, ComponentFiles.scan(config)));

    try (K3sContainer k3s = new K3sContainer(K3S)) {
      k3s.start();
      try (KubernetesClient client =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml()))
              .build()) {
        K3sArgoCd.installCrds(client, crds);
        K3sArgoCd.createNamespace(client, "argocd");

        for (var file : files.entrySet()) {
          if (file.getKey().endsWith(".yaml")) {
            for (HasMetadata object :
                client.load(new ByteArrayInputStream(file.getValue())).items()) {
              client.resource(object).create();
            }
          }
        }

        assertThat(
                client
                    .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                    .inNamespace("argocd")
                    .list()
                    .getItems())
            .as("root + 9 namespace Applications + 24 component Applications")
            .hasSize(34);
        assertThat(
                client
                    .genericKubernetesResources("argoproj.io/v1alpha1", "AppProject")
                    .inNamespace("argocd")
                    .list()
                    .getItems())
            .hasSize(9);
      }
    }
  }

  /** Puts the skip reason on the console, where surefire otherwise hides it in its XML. */
  static final class PrintWhyItSkips implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (context.getTestMethod().isEmpty()
          && !DockerClientFactory.instance().isDockerAvailable()) {
        System.out.println(
            "SKIPPED: " + context.getDisplayName() + " needs a Docker engine to run k3s");
      }
      return ConditionEvaluationResult.enabled("Docker check left to @Testcontainers");
    }
  }
}
