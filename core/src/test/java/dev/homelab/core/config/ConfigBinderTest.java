package dev.homelab.core.config;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.LabFixtures;
import dev.homelab.core.testing.RepoPaths;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-written binder reads homelab.yaml exactly as Jackson data binding would, for the real
 * lab and for a config that sets every optional field, so a field added to the records but not to
 * the binder fails here.
 */
class ConfigBinderTest {

  private static final JsonMapper JACKSON = JsonMapper.builder().build();

  @TempDir Path root;

  private static void assertBindsLikeJackson(HomeLabConfig config) {
    JsonNode source = config.document().root();
    assertThat(ConfigBinder.lab(source)).isEqualTo(JACKSON.treeToValue(source, HomeLab.class));
  }

  @Test
  void theRealLabBindsLikeJackson() throws Exception {
    assertBindsLikeJackson(
        ConfigLoader.load(RepoPaths.gitopsTree().resolve("homelab.yaml"), RepoPaths.repoRoot()));
  }

  @Test
  void everyOptionalFieldBindsLikeJackson() throws Exception {
    String everything =
        LabFixtures.MINIMAL_CONFIG
                .replace(
                    "domain: home.example.com",
                    "domain: home.example.com\nnamePattern: \"{app}-{component}\"\ngeneratedPath: argocd\ndocsPath: ../docs\nargocd: {namespace: gitops}\nstorage: {defaultClass: nfs-client, localClass: local-path}\nobservability: {logRetention: 168h}")
                .replace(
                    "  version: \"1.34\"",
                    "  version: \"1.34\"\n  distribution: k3s\n  distributionVersion: v1.34.1+k3s1")
                .replace(
                    "    name: traefik-allowlist",
                    "    name: traefik-allowlist\n  entryPoint: websecure\n  clusterIssuer: letsencrypt-production\n  minTlsVersion: \"1.3\"")
                .replace(
                    "  small:\n    quota:",
                    "  small:\n    description: tiny\n    gpu: true\n    quota:")
                .replace(
                    "    profile: small\n    storageClass: nfs-client",
                    "    profile: small\n    storageClass: nfs-client\n    description: data things\n    clusterResources: false")
                .replace(
                    "      version: 16.7.27\n",
                    "      version: 16.7.27\n      releaseName: pg\n    values: [values-extra.yaml]\n    description: database\n    deploy: argocd\n    sync: {automated: true, prune: false, selfHeal: true, serverSideApply: true, retryLimit: 3, ignoreDifferences: [webhook-ca-bundle]}\n")
            + "exposure:\n  - {namespace: data, name: postgres-lb, type: LoadBalancer, reason: backups from the NAS}\n"
            + "exemptions:\n  - {rule: name-pattern, kind: Service, namespace: data, name: pg-*, file: applications/*, reason: legacy, until: 2027-01-01}\n";
    HomeLabConfig config = ConfigLoader.load(write(root, "homelab.yaml", everything), root);
    assertThat(config.lab().components().get(1).sync().retryLimit()).isEqualTo(3);
    assertThat(config.lab().exemptions()).hasSize(1);
    assertBindsLikeJackson(config);
  }

  @Test
  void policiesSeeTheConfigWithItsSchemaDefaults() throws Exception {
    HomeLabConfig config =
        ConfigLoader.load(write(root, "homelab.yaml", LabFixtures.MINIMAL_CONFIG), root);
    JsonNode resolved = config.resolvedJson();
    assertThat(resolved.at("/routing/entryPoint").asString()).isEqualTo("websecure");
    assertThat(resolved.at("/routing/allowListMiddleware/name").asString())
        .isEqualTo("traefik-allowlist");
    assertThat(resolved.at("/storage/defaultClass").asString()).isEqualTo("nfs-client");
    assertThat(resolved.at("/observability/logRetention").asString()).isEqualTo("168h");
    assertThat(resolved.at("/namespaces/1/clusterResources").asBoolean(true)).isFalse();
    assertThat(resolved.at("/profiles/small/gpu").asBoolean(true)).isFalse();
    assertThat(resolved.at("/components/0/deploy").asString()).isEqualTo("argocd");
    assertThat(config.document().root().has("storage")).as("the source stays as written").isFalse();
  }
}
