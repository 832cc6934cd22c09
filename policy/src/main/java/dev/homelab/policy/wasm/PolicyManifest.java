package dev.homelab.policy.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code manifest.json} records about the bundled Wasm: the opa that compiled it, its single
 * entry point, the kinds its rules look up in {@code data.index}, and the hashes that tie it to its
 * Rego sources.
 */
public record PolicyManifest(
    String opaVersion,
    String entrypoint,
    Set<String> indexKinds,
    String wasmSha256,
    String regoSha256) {
  static final String BUNDLED_RESOURCE = "/dev/homelab/policy/wasm/manifest.json";

  public static PolicyManifest loadBundled() {
    InputStream in = PolicyManifest.class.getResourceAsStream(BUNDLED_RESOURCE);
    if (in == null) {
      throw new PolicyException("the jar has no " + BUNDLED_RESOURCE);
    }
    JsonNode root = Json.read(in, "manifest.json");
    JsonNode kinds = root.path("indexKinds");
    if (!kinds.isArray()) {
      throw new PolicyException("manifest.json has no indexKinds list");
    }
    Set<String> indexKinds = new TreeSet<>();
    kinds.forEach(kind -> indexKinds.add(kind.asText()));
    return new PolicyManifest(
        Json.text(root, "opaVersion", "manifest.json"),
        Json.text(root, "entrypoint", "manifest.json"),
        Collections.unmodifiableSet(indexKinds),
        Json.text(root, "wasmSha256", "manifest.json"),
        Json.text(root, "regoSha256", "manifest.json"));
  }
}
