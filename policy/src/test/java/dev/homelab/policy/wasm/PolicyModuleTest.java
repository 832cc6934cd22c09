package dev.homelab.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyModuleTest {

  @Test
  void theBundledPolicyLoadsOnBuildTimeCompiledClasses() {
    PolicyModule module = PolicyModule.loadBundled();

    assertThat(module.engine()).isEqualTo(Engine.BUILD_TIME_COMPILED);
    assertThat(module.entrypoint()).isEqualTo("homelab/main/violations");
    assertThat(module.loadTime()).isPositive();
    PolicyEvaluator evaluator = module.newEvaluator();
    evaluator.setData(TestResources.data().toString());
    assertThat(
            evaluator.evaluate(
                TestResources.json("cases/images/values-latest.json").get("input").toString()))
        .extracting(Violation::rule)
        .containsExactly("image-tag-latest");
  }

  @Test
  void theBundledWasmIsTheOneTheManifestDescribes() throws Exception {
    PolicyManifest manifest = PolicyManifest.loadBundled();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(PolicyModule.bundledWasm());

    assertThat(HexFormat.of().formatHex(digest)).isEqualTo(manifest.wasmSha256());
    assertThat(manifest.entrypoint()).isEqualTo(PolicyModule.ENTRYPOINT);
    assertThat(manifest.opaVersion()).matches("1\\.[0-9]+\\.[0-9]+");
  }

  @Test
  void theInterpreterGivesTheSameAnswer() {
    PolicyEvaluator interpreted = PolicyModule.loadBundled(Engine.INTERPRETED).newEvaluator();
    PolicyEvaluator compiled = PolicyModule.loadBundled().newEvaluator();
    String data = TestResources.data().toString();
    interpreted.setData(data);
    compiled.setData(data);
    String input =
        TestResources.json("cases/tls/ingress-without-tls-and-unknown-issuer.json")
            .get("input")
            .toString();

    assertThat(interpreted.evaluate(input)).isEqualTo(compiled.evaluate(input)).hasSize(2);
  }

  @Test
  void anOpaBundleFromDiskLoadsWithItsOwnEntrypoint() {
    PolicyModule module = PolicyModule.load(TestResources.path("builtins/builtins.tar.gz"));

    assertThat(module.engine()).isEqualTo(Engine.RUNTIME_COMPILED);
    assertThat(module.entrypoint()).isEqualTo("builtins/result");
    assertThat(module.source()).endsWith("builtins.tar.gz");
  }

  @Test
  void aBareWasmFromDiskUsesTheHomelabEntrypoint(@TempDir Path dir) throws Exception {
    Path wasm = dir.resolve("policy.wasm");
    Files.write(wasm, PolicyModule.bundledWasm());

    PolicyModule module = PolicyModule.load(wasm, Engine.INTERPRETED);

    assertThat(module.entrypoint()).isEqualTo(PolicyModule.ENTRYPOINT);
    assertThat(module.engine()).isEqualTo(Engine.INTERPRETED);
  }

  @Test
  void aWasmWithoutTheEntrypointIsRefusedAtLoad(@TempDir Path dir) throws Exception {
    Path wasm = dir.resolve("other.wasm");
    Files.write(wasm, OpaBundle.read(TestResources.bytes("builtins/builtins.tar.gz"), "b").wasm());

    assertThatThrownBy(() -> PolicyModule.load(wasm, Engine.INTERPRETED))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("no entrypoint homelab/main/violations")
        .hasMessageContaining("builtins/result");
  }

  @Test
  void onlyTheBundledPolicyHasBuildTimeClasses() {
    assertThatThrownBy(
            () ->
                PolicyModule.load(
                    TestResources.path("builtins/builtins.tar.gz"), Engine.BUILD_TIME_COMPILED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RUNTIME_COMPILED");
  }

  @Test
  void aMissingFileIsReportedWithItsPath(@TempDir Path dir) {
    Path missing = dir.resolve("nope.wasm");

    assertThatThrownBy(() -> PolicyModule.load(missing))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining(missing.toString());
  }
}
