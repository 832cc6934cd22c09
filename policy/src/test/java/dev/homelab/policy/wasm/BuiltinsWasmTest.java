package dev.homelab.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls every Java builtin from compiled Rego (builtins/builtins.rego) on both hosts, and compares
 * with what {@code opa eval} answers for the same input.
 */
class BuiltinsWasmTest {
  private static final String INPUT =
      """
      {"quantities": ["500m", "1.5Gi", "1e3", "2k", "10Mi", "1E", "0.1"],
       "invalid_quantities": ["abc", "1 Gi", "5Xi", ""],
       "name": "app", "containers": ["a", "b"],
       "yaml": "tlsOptions:\\n  default:\\n    minVersion: VersionTLS12\\n"}
      """;

  private static void assertLikeOpaEval(String raw, String expectedSprintf) {
    JsonNode result = Json.parse(raw, "result").get(0).get("result");
    List<BigDecimal> units = new ArrayList<>();
    result.get("units").forEach(n -> units.add(n.decimalValue()));
    assertThat(units)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(
            new BigDecimal("0.5"),
            new BigDecimal("1610612736"),
            new BigDecimal("1000"),
            new BigDecimal("2000"),
            new BigDecimal("10485760"),
            new BigDecimal("1000000000000000000"),
            new BigDecimal("0.1"));
    assertThat(result.get("units_invalid").toString()).isEqualTo("[\"abc\",\"1 Gi\",\"5Xi\",\"\"]");
    assertThat(result.get("sprintf").asText()).isEqualTo(expectedSprintf);
    assertThat(result.at("/yaml/tlsOptions/default/minVersion").asText()).isEqualTo("VersionTLS12");
    assertThat(result.get("yaml_valid").toString()).isEqualTo("[true,false]");
  }

  @Test
  void ourHostAnswersLikeOpa() {
    byte[] wasm = OpaBundle.read(TestResources.bytes("builtins/builtins.tar.gz"), "b").wasm();
    AbiPolicyInstance instance = new AbiPolicyInstance(Parser.parse(wasm), null, "builtins/result");
    instance.setData("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertLikeOpaEval(
        instance.evaluate(INPUT.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "app has 2 containers: [\"a\", \"b\"]");
  }

  @Test
  void opaJavaWasmWithOurMissingBuiltinsAnswersLikeOpa() {
    PolicyEvaluator evaluator =
        PolicyModule.load(TestResources.path("builtins/builtins.tar.gz")).newEvaluator();
    evaluator.setData("{}");

    // opa-java-wasm's own sprintf prints composite values as compact JSON, unlike opa eval.
    assertLikeOpaEval(evaluator.evaluateRaw(INPUT), "app has 2 containers: [\"a\",\"b\"]");
  }
}
