package dev.homelab.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case under cases/ (an input, optionally its own index, and the exact rule ids and
 * paths expected) through the bundled policy on both compiled engines.
 */
class PolicyCasesTest {
  private static final Map<Engine, PolicyEvaluator> EVALUATORS = new EnumMap<>(Engine.class);
  private static final Map<String, JsonNode> CASES = TestResources.cases();

  static synchronized PolicyEvaluator evaluator(Engine engine) {
    return EVALUATORS.computeIfAbsent(engine, e -> PolicyModule.loadBundled(e).newEvaluator());
  }

  static Stream<Arguments> cases() {
    return Stream.of(Engine.BUILD_TIME_COMPILED, Engine.RUNTIME_COMPILED)
        .flatMap(e -> CASES.keySet().stream().map(name -> Arguments.of(e, name)));
  }

  /** The data for a case: the shared lab config, with the case's index when it has one. */
  static String dataFor(JsonNode testCase) {
    ObjectNode data = (ObjectNode) TestResources.data();
    if (testCase.has("index")) {
      data.set("index", testCase.get("index"));
    }
    return data.toString();
  }

  static List<String> findings(List<Violation> violations) {
    return violations.stream().map(v -> v.rule() + " " + v.path()).sorted().toList();
  }

  static List<String> expected(JsonNode testCase) {
    List<String> expected = new ArrayList<>();
    for (JsonNode e : testCase.get("expect")) {
      List<Object> path = new ArrayList<>();
      e.get("path").forEach(p -> path.add(p.isInt() ? (Object) p.intValue() : p.asText()));
      expected.add(e.get("rule").asText() + " " + path);
    }
    return expected.stream().sorted().toList();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedRulesAndPaths(Engine engine, String name) {
    JsonNode testCase = CASES.get(name);
    PolicyEvaluator evaluator = evaluator(engine);
    evaluator.setData(dataFor(testCase));

    List<Violation> violations = evaluator.evaluate(testCase.get("input").toString());

    assertThat(findings(violations)).as(name).containsExactlyElementsOf(expected(testCase));
  }

  @Test
  void everyPolicyHasAViolatingAndACleanCase() {
    Map<String, List<JsonNode>> byPolicy =
        CASES.entrySet().stream()
            .collect(
                Collectors.groupingBy(
                    e -> e.getKey().substring(0, e.getKey().indexOf('/')),
                    Collectors.mapping(Map.Entry::getValue, Collectors.toList())));

    assertThat(byPolicy.keySet())
        .containsExactlyInAnyOrder(
            "images", "reliability", "resources", "secrets", "storage", "tailscale", "tls");
    byPolicy.forEach(
        (policy, cases) -> {
          assertThat(cases).as(policy + " clean").anyMatch(c -> c.get("expect").isEmpty());
          assertThat(cases).as(policy + " violating").anyMatch(c -> !c.get("expect").isEmpty());
        });
  }

  @Test
  void everyRuleOfTheCatalogueIsExercisedByACase() {
    Set<String> exercised = new TreeSet<>();
    CASES
        .values()
        .forEach(c -> c.get("expect").forEach(e -> exercised.add(e.get("rule").asText())));

    Set<String> catalogue = new TreeSet<>();
    RuleCatalog.loadBundled().rules().forEach(r -> catalogue.add(r.id()));

    assertThat(exercised).isEqualTo(catalogue);
  }

  @Test
  void severitiesMatchTheCatalogue() {
    RuleCatalog catalog = RuleCatalog.loadBundled();
    PolicyEvaluator evaluator = evaluator(Engine.BUILD_TIME_COMPILED);
    for (JsonNode testCase : CASES.values()) {
      evaluator.setData(dataFor(testCase));
      for (Violation v : evaluator.evaluate(testCase.get("input").toString())) {
        assertThat(v.severity())
            .as(v.rule())
            .isEqualTo(catalog.find(v.rule()).orElseThrow().severity());
        assertThat(v.message()).as(v.rule()).isNotBlank();
      }
    }
  }
}
