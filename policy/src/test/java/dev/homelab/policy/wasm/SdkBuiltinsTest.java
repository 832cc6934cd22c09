package dev.homelab.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wasm.Parser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.styra.opa.wasm.builtins.Provided;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SdkBuiltinsTest {

  private static JsonNode[] args(String... json) {
    return Arrays.stream(json).map(j -> Json.parse(j, "arg")).toArray(JsonNode[]::new);
  }

  private static JsonNode[] texts(String... values) {
    return Arrays.stream(values).map(TextNode::valueOf).toArray(JsonNode[]::new);
  }

  @ParameterizedTest(name = "units.parse({0}) = {1}")
  @CsvSource({
    "500m, 0.5",
    "2, 2",
    "1.5Gi, 1610612736",
    "1e3, 1000",
    "129e6, 129000000",
    "2k, 2000",
    "2K, 2000",
    "10Mi, 10485760",
    "10MI, 10485760",
    "3M, 3000000",
    "1E, 1000000000000000000",
    "1Ei, 1152921504606846976",
    ".5, 0.5",
    "0.1, 0.1",
    "1.23456789012m, 0.0012345679",
  })
  void unitsParseMatchesOpa(String quantity, String expected) {
    Optional<JsonNode> result = SdkBuiltins.unitsParse(texts(quantity));

    assertThat(result).isPresent();
    assertThat(result.get().decimalValue()).isEqualByComparingTo(new BigDecimal(expected));
  }

  @ParameterizedTest(name = "units.parse({0}) is undefined")
  @ValueSource(strings = {"", "abc", "1 Gi", "5Xi", "Gi", "1e1234", "1..5"})
  void unitsParseIsUndefinedForWhatOpaRejects(String quantity) {
    assertThat(SdkBuiltins.unitsParse(texts(quantity))).isEmpty();
  }

  @Test
  void unitsParseIgnoresQuotesAndNeedsAString() {
    assertThat(SdkBuiltins.unitsParse(texts("\"2Gi\"")).orElseThrow().longValue())
        .isEqualTo(2L << 30);
    assertThat(SdkBuiltins.unitsParse(new JsonNode[] {IntNode.valueOf(2)})).isEmpty();
  }

  @Test
  void sprintfPrintsValuesTheWayOpaDoes() {
    JsonNode[] in =
        args(
            "\"%s has %d containers: %v, %v, %v %%\"",
            "[\"app\", 2, [\"a\", 1.50], {\"k\": true}, null]");

    assertThat(SdkBuiltins.sprintf(in))
        .contains(TextNode.valueOf("app has 2 containers: [\"a\", 1.5], {\"k\": true}, null %"));
  }

  @Test
  void sprintfMarksMissingOperandsAndBadVerbsLikeGo() {
    assertThat(SdkBuiltins.sprintf(args("\"%s and %s\"", "[\"one\"]")))
        .contains(TextNode.valueOf("one and %!s(MISSING)"));
    assertThat(SdkBuiltins.sprintf(args("\"%d\"", "[\"x\"]")))
        .contains(TextNode.valueOf("%!d(\"x\")"));
    assertThat(SdkBuiltins.sprintf(args("\"%s\"", "\"not an array\""))).isEmpty();
  }

  @Test
  void yamlUnmarshalReadsTraefikValues() {
    JsonNode values =
        SdkBuiltins.yamlUnmarshal(texts("tlsOptions:\n  default:\n    minVersion: VersionTLS12\n"))
            .orElseThrow();

    assertThat(values.at("/tlsOptions/default/minVersion").asText()).isEqualTo("VersionTLS12");
    assertThat(SdkBuiltins.yamlUnmarshal(texts("a: [b"))).isEmpty();
  }

  @Test
  void yamlIsValidSaysWhetherItParses() {
    assertThat(SdkBuiltins.yamlIsValid(texts("a: 1"))).contains(BooleanNode.TRUE);
    assertThat(SdkBuiltins.yamlIsValid(texts("a: [b"))).contains(BooleanNode.FALSE);
    assertThat(SdkBuiltins.yamlIsValid(args("42"))).contains(BooleanNode.FALSE);
  }

  @Test
  void javaImplementsExactlyWhatTheBundledPolicyNeeds() {
    AbiPolicyInstance bundled =
        new AbiPolicyInstance(
            Parser.parse(PolicyModule.bundledWasm()), null, PolicyModule.ENTRYPOINT);
    Set<String> providedByOpaJavaWasm = new HashSet<>();
    for (var builtin : Provided.all()) {
      providedByOpaJavaWasm.add(builtin.name());
    }
    Set<String> missing = new TreeSet<>(bundled.requiredBuiltins());
    missing.removeAll(providedByOpaJavaWasm);

    assertThat(SdkBuiltins.ALL.keySet()).isEqualTo(bundled.requiredBuiltins());
    assertThat(SdkBuiltins.MISSING_FROM_OPA_JAVA_WASM.keySet()).isEqualTo(missing);
    assertThat(missing).containsExactly("units.parse");
  }
}
