package dev.homelab.policy.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import com.styra.opa.wasm.OpaBuiltin;
import com.styra.opa.wasm.OpaPolicy;
import com.styra.opa.wasm.OpaWasm;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A policy instance on opa-java-wasm, for Wasm that has no build-time-compiled classes. */
final class OpaJavaWasmInstance implements PolicyInstance {
  private final OpaPolicy policy;

  OpaJavaWasmInstance(byte[] wasm, boolean compile, String entrypoint) {
    OpaPolicy.Builder builder = OpaPolicy.builder().withPolicy(wasm).addBuiltins(missingBuiltins());
    if (!compile) {
      builder.disableCompiler();
    }
    try {
      policy = builder.build();
    } catch (RuntimeException e) {
      throw new PolicyException("cannot load the policy: " + e.getMessage(), e);
    }
    Map<String, Integer> entrypoints = policy.entrypoints();
    if (!entrypoints.containsKey(entrypoint)) {
      throw new PolicyException(
          "the policy has no entrypoint "
              + entrypoint
              + "; it has "
              + new TreeMap<>(entrypoints).keySet());
    }
    policy.entrypoint(entrypoint);
  }

  private static OpaBuiltin.Builtin[] missingBuiltins() {
    return SdkBuiltins.MISSING_FROM_OPA_JAVA_WASM.entrySet().stream()
        .map(e -> adapt(e.getKey(), e.getValue()))
        .toArray(OpaBuiltin.Builtin[]::new);
  }

  // opa-java-wasm's OpaBuiltin.from cannot say "undefined", so the adapter returns address 0
  // itself.
  private static OpaBuiltin.Builtin adapt(String name, SdkBuiltins.Builtin builtin) {
    return new OpaBuiltin.Builtin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int asBuiltin1(OpaWasm wasm, int a) {
        return call(wasm, builtin, a);
      }

      @Override
      public int asBuiltin2(OpaWasm wasm, int a, int b) {
        return call(wasm, builtin, a, b);
      }

      @Override
      public int asBuiltin3(OpaWasm wasm, int a, int b, int c) {
        return call(wasm, builtin, a, b, c);
      }

      @Override
      public int asBuiltin4(OpaWasm wasm, int a, int b, int c, int d) {
        return call(wasm, builtin, a, b, c, d);
      }
    };
  }

  private static int call(OpaWasm wasm, SdkBuiltins.Builtin builtin, int... addrs) {
    JsonNode[] args = new JsonNode[addrs.length];
    for (int i = 0; i < addrs.length; i++) {
      args[i] = Json.parse(wasm.readString(addrs[i]), "a builtin argument");
    }
    Optional<JsonNode> result = builtin.apply(args);
    return result.isEmpty() ? 0 : wasm.writeResult(Json.write(result.get()));
  }

  @Override
  public void setData(byte[] dataJson) {
    policy.data(new String(dataJson, StandardCharsets.UTF_8));
  }

  @Override
  public String evaluate(byte[] inputJson) {
    return policy.evaluate(new String(inputJson, StandardCharsets.UTF_8));
  }
}
