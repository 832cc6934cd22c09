package dev.homelab.policy.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;

/**
 * What {@code manifest.json} records about the bundled Wasm: the opa that compiled it, its single
 * entry point, and the hashes that tie it to its Rego sources.
 */
public record PolicyManifest(
    String opaVersion, String entrypoint, String wasmSha256, String regoSha256) {
  static final String BUNDLED_RESOURCE = "/dev/homelab/policy/wasm/manifest.json";

  public static PolicyManifest loadBundled() {
    InputStream in = PolicyManifest.class.getResourceAsStream(BUNDLED_RESOURCE);
    if (in == null) {
      throw new PolicyException("the jar has no " + BUNDLED_RESOURCE);
    }
    JsonNode root = Json.read(in, "manifest.json");
    return new PolicyManifest(
        Json.text(root, "opaVersion", "manifest.json"),
        Json.text(root, "entrypoint", "manifest.json"),
        Json.text(root, "wasmSha256", "manifest.json"),
        Json.text(root, "regoSha256", "manifest.json"));
  }
}
