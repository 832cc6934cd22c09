package dev.homelab.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.config.ConfigLoader;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.generator.model.AppOfApps;
import dev.homelab.generator.model.ComponentFiles;
import dev.homelab.generator.output.GeneratedOutput;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
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
        try (Stream<Path> list = Files.list(crds)) {
          for (Path file : list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
            try (InputStream in = Files.newInputStream(file)) {
              for (HasMetadata crd : client.load(in).items()) {
                client.resource(crd).create();
                client
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(crd.getMetadata().getName())
                    .waitUntilCondition(
                        c ->
                            c != null
                                && c.getStatus() != null
                                && c.getStatus().getConditions().stream()
                                    .anyMatch(
                                        s ->
                                            "Established".equals(s.getType())
                                                && "True".equals(s.getStatus())),
                        2,
                        java.util.concurrent.TimeUnit.MINUTES);
              }
            }
          }
        }
        client
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName("argocd").endMetadata().build())
            .create();

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
