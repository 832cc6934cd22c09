package dev.homelab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import dev.homelab.policy.wasm.PolicyManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What policies receive as data, built from the embedded gitops/ tree. */
class PolicyInputsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static PolicyInputs inputsForTheLab() throws Exception {
    Path gitops = RepoPaths.gitopsTree();
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(gitops), null, gitops));
    return new PolicyInputs(workspace, workspace.config().orElseThrow());
  }

  private static Set<String> indexedKinds(byte[] data) {
    JsonNode index = JSON.readTree(data).get("index");
    return new TreeSet<>(index.propertyNames());
  }

  @Test
  void customPoliciesSeeEveryKindAndTheBundledOneOnlyTheKindsItReads() throws Exception {
    PolicyInputs inputs = inputsForTheLab();
    Set<String> bundledKinds = PolicyManifest.loadBundled().indexKinds();

    Set<String> everything = indexedKinds(inputs.data(Optional.empty()));
    Set<String> bundled = indexedKinds(inputs.data(Optional.of(bundledKinds)));

    assertThat(everything).contains("Deployment", "Service", "Middleware", "ClusterIssuer");
    assertThat(bundled).isNotEmpty().isSubsetOf(bundledKinds).isSubsetOf(everything);
    assertThat(bundled).doesNotContain("Deployment");
  }

  @Test
  void dataSaysWhetherTheIndexHoldsTheWholeTree() throws Exception {
    Path gitops = RepoPaths.gitopsTree();
    Workspace oneFile =
        WorkspaceLoader.load(
            new WorkspaceLoader.Request(
                List.of(gitops.resolve("applications/nginx/ingress.yaml")),
                gitops.resolve("homelab.yaml"),
                gitops));
    PolicyInputs partial = new PolicyInputs(oneFile, oneFile.config().orElseThrow());

    assertThat(wholeTree(inputsForTheLab().data(Optional.empty()))).isTrue();
    assertThat(wholeTree(partial.data(Optional.empty()))).isFalse();
  }

  private static boolean wholeTree(byte[] data) {
    JsonNode run = JSON.readTree(data).path("run").path("wholeTree");
    assertThat(run.isBoolean()).as(run.toString()).isTrue();
    return run.booleanValue();
  }

  @Test
  void theSameIndexIsBuiltOncePerRun() throws Exception {
    PolicyInputs inputs = inputsForTheLab();

    assertThat(inputs.data(Optional.empty())).isSameAs(inputs.data(Optional.empty()));
  }
}
