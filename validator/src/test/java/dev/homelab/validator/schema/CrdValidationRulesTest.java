package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** CRD validation rules run with the real cel-java on values typed as the API server types them. */
class CrdValidationRulesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final CelRuleEvaluator evaluator = new CelRuleEvaluator();

  private List<CrdValidationRules.Failure> check(String schema, String object) {
    return CrdValidationRules.check(
        CrdSchemaNode.of(JSON.readTree(schema)), JSON.readTree(object), evaluator);
  }

  private static String objectWithRule(String properties, String rule) {
    return """
        {"type": "object", "properties": {"spec": {"type": "object",
          "x-kubernetes-validations": [%s], "properties": {%s}}}}
        """
        .formatted(rule, properties);
  }

  @Test
  void aFailedRuleGivesItsMessageAtTheValue() {
    String schema =
        objectWithRule(
            "\"min\": {\"type\": \"integer\"}, \"max\": {\"type\": \"integer\"}",
            "{\"rule\": \"self.min <= self.max\", \"message\": \"min above max\"}");

    assertThat(check(schema, "{\"spec\": {\"min\": 4, \"max\": 3}}"))
        .containsExactly(
            new CrdValidationRules.Failure("/spec", "min above max", "self.min <= self.max"));
    assertThat(check(schema, "{\"spec\": {\"min\": 2, \"max\": 3}}")).isEmpty();
  }

  @Test
  void fieldPathMovesTheFindingToTheField() {
    String schema =
        objectWithRule(
            "\"a.b\": {\"type\": \"integer\"}",
            "{\"rule\": \"self.a__dot__b > 1\", \"fieldPath\": \"['a.b']\"}");

    assertThat(check(schema, "{\"spec\": {\"a.b\": 1}}"))
        .extracting(CrdValidationRules.Failure::pointer)
        .containsExactly("/spec/a.b");
  }

  @Test
  void aFieldPathThatDoesNotParseStaysAtTheValue() {
    String schema =
        objectWithRule(
            "\"x\": {\"type\": \"integer\"}", "{\"rule\": \"self.x > 1\", \"fieldPath\": \"x[\"}");

    assertThat(check(schema, "{\"spec\": {\"x\": 1}}"))
        .extracting(CrdValidationRules.Failure::pointer)
        .containsExactly("/spec");
  }

  @Test
  void numbersAreDoublesAndDeclaredNamesAreEscaped() {
    String schema =
        objectWithRule(
            "\"target-ratio\": {\"type\": \"number\"}, \"namespace\": {\"type\": \"string\"}",
            "{\"rule\": \"type(self.target__dash__ratio) == double && self.__namespace__ =="
                + " 'media'\"}");

    assertThat(check(schema, "{\"spec\": {\"target-ratio\": 1, \"namespace\": \"media\"}}"))
        .isEmpty();
    assertThat(check(schema, "{\"spec\": {\"target-ratio\": 1, \"namespace\": \"dev\"}}"))
        .hasSize(1);
  }

  @Test
  void anIntegerBeyondSixtyFourBitsIsComparedAsADouble() {
    String schema =
        objectWithRule("\"n\": {\"type\": \"integer\"}", "{\"rule\": \"self.n < 100\"}");

    assertThat(check(schema, "{\"spec\": {\"n\": 99999999999999999999}}"))
        .extracting(CrdValidationRules.Failure::expression)
        .containsExactly("self.n < 100");
  }

  @Test
  void aMessageExpressionIsEvaluatedAndFallsBackToTheMessage() {
    String schema =
        objectWithRule(
            "\"n\": {\"type\": \"integer\"}",
            "{\"rule\": \"self.n < 3\", \"messageExpression\": \"'n is ' + string(self.n)\"},"
                + " {\"rule\": \"self.n < 2\", \"message\": \"too many\","
                + " \"messageExpression\": \"self.n\"}");

    assertThat(check(schema, "{\"spec\": {\"n\": 5}}"))
        .extracting(CrdValidationRules.Failure::message)
        .containsExactly("n is 5", "too many");
  }

  @Test
  void rulesThatCannotRunHereReportNothing() {
    String schema =
        objectWithRule(
            "\"size\": {\"type\": \"string\"}, \"n\": {\"type\": \"integer\"}",
            "{\"rule\": \"quantity(self.size).isGreaterThan(quantity('1Gi'))\"},"
                + " {\"rule\": \"self.n == oldSelf.n\"},"
                + " {\"rule\": \"self.missing > 1\"},"
                + " {\"rule\": \"self.n +\"}");

    assertThat(check(schema, "{\"spec\": {\"size\": \"1Mi\", \"n\": 1}}")).isEmpty();
  }

  @Test
  void rulesRunOnEveryItemAndMapValue() {
    String schema =
        """
        {"type": "object", "properties": {"spec": {"type": "object", "properties": {
          "ports": {"type": "array", "items": {"type": "integer",
            "x-kubernetes-validations": [{"rule": "self > 1024"}]}},
          "tiers": {"type": "object", "additionalProperties": {"type": "string",
            "x-kubernetes-validations": [{"rule": "self in ['hot', 'cold']"}]}}}}}}
        """;

    assertThat(
            check(
                schema,
                "{\"spec\": {\"ports\": [8080, 80, 443], \"tiers\": {\"a\": \"hot\", \"b\":"
                    + " \"warm\"}}}"))
        .extracting(CrdValidationRules.Failure::pointer)
        .containsExactly("/spec/ports/1", "/spec/ports/2", "/spec/tiers/b");
  }

  @Test
  void transitionRulesRunOnlyOnUpdateWhereTheEarlierValueExists() {
    String schema =
        """
        {"type": "object", "properties": {"spec": {"type": "object", "properties": {
          "mode": {"type": "string", "x-kubernetes-validations": [
            {"rule": "self == oldSelf", "message": "mode is immutable"}]},
          "size": {"type": "integer", "x-kubernetes-validations": [
            {"rule": "self <= oldSelf"}, {"rule": "self < 100"}]},
          "replicas": {"type": "integer", "x-kubernetes-validations": [
            {"rule": "self >= oldSelf", "message": "replicas may not shrink",
             "messageExpression": "'replicas went from ' + string(oldSelf) + ' to ' + string(self)"}]},
          "hosts": {"type": "array", "items": {"type": "string",
            "x-kubernetes-validations": [{"rule": "self == oldSelf"}]}}}}}}
        """;
    CrdSchemaNode crd = CrdSchemaNode.of(JSON.readTree(schema));
    JsonNode earlier = JSON.readTree("{\"spec\": {\"size\": 5, \"hosts\": [\"a\"]}}");
    JsonNode object =
        JSON.readTree("{\"spec\": {\"mode\": \"fast\", \"size\": 200, \"hosts\": [\"b\"]}}");

    assertThat(CrdValidationRules.checkUpdate(crd, object, earlier, evaluator))
        .as("mode is new, lists are not matched, and size < 100 is not a transition rule")
        .containsExactly(new CrdValidationRules.Failure("/spec/size", "", "self <= oldSelf"));
    assertThat(CrdValidationRules.check(crd, object, evaluator))
        .as("without an earlier version only the plain rules run")
        .containsExactly(new CrdValidationRules.Failure("/spec/size", "", "self < 100"));
    assertThat(
            CrdValidationRules.checkUpdate(
                crd,
                JSON.readTree("{\"spec\": {\"mode\": \"slow\"}}"),
                JSON.readTree("{\"spec\": {\"mode\": \"fast\"}}"),
                evaluator))
        .extracting(CrdValidationRules.Failure::message)
        .containsExactly("mode is immutable");
    assertThat(
            CrdValidationRules.checkUpdate(
                crd,
                JSON.readTree("{\"spec\": {\"replicas\": 2}}"),
                JSON.readTree("{\"spec\": {\"replicas\": 3}}"),
                evaluator))
        .as("a message expression sees oldSelf too")
        .extracting(CrdValidationRules.Failure::message)
        .containsExactly("replicas went from 3 to 2");
  }

  @Test
  void reorderingASetOrMapListIsNotAChange() {
    String schema =
        """
        {"type": "object", "properties": {"spec": {"type": "object",
          "x-kubernetes-validations": [{"rule": "self == oldSelf"}], "properties": {
            "tags": {"type": "array", "x-kubernetes-list-type": "set",
              "items": {"type": "string"}},
            "ports": {"type": "array", "x-kubernetes-list-type": "map",
              "x-kubernetes-list-map-keys": ["name"], "items": {"type": "object",
                "properties": {"name": {"type": "string"}, "port": {"type": "integer"}}}},
            "order": {"type": "array", "items": {"type": "string"}}}}}}
        """;
    CrdSchemaNode crd = CrdSchemaNode.of(JSON.readTree(schema));
    JsonNode earlier =
        JSON.readTree(
            "{\"spec\": {\"tags\": [\"a\", \"b\"], \"order\": [\"x\", \"y\"],"
                + " \"ports\": [{\"name\": \"web\", \"port\": 80},"
                + " {\"port\": 443, \"name\": \"tls\"}]}}");
    JsonNode reordered =
        JSON.readTree(
            "{\"spec\": {\"tags\": [\"b\", \"a\"], \"order\": [\"x\", \"y\"],"
                + " \"ports\": [{\"name\": \"tls\", \"port\": 443},"
                + " {\"name\": \"web\", \"port\": 80}]}}");
    JsonNode atomicReordered =
        JSON.readTree(
            "{\"spec\": {\"tags\": [\"a\", \"b\"], \"order\": [\"y\", \"x\"],"
                + " \"ports\": [{\"name\": \"web\", \"port\": 80},"
                + " {\"name\": \"tls\", \"port\": 443}]}}");

    assertThat(CrdValidationRules.checkUpdate(crd, reordered, earlier, evaluator)).isEmpty();
    assertThat(CrdValidationRules.checkUpdate(crd, atomicReordered, earlier, evaluator)).hasSize(1);
  }

  @Test
  void transitionRulesFollowMapListEntriesByTheirKeysOnly() {
    String entries =
        """
        {"type": "object", "properties": {"name": {"type": "string"},
          "port": {"type": "integer", "x-kubernetes-validations": [{"rule": "self >= oldSelf"}]}}}
        """;
    String schema =
        """
        {"type": "object", "properties": {"spec": {"type": "object", "properties": {
          "ports": {"type": "array", "x-kubernetes-list-type": "map",
            "x-kubernetes-list-map-keys": ["name"], "items": %s},
          "atomic": {"type": "array", "items": %s}}}}}
        """
            .formatted(entries, entries);
    CrdSchemaNode crd = CrdSchemaNode.of(JSON.readTree(schema));
    JsonNode earlier =
        JSON.readTree(
            "{\"spec\": {\"ports\": [{\"name\": \"web\", \"port\": 80}, {\"name\": \"tls\","
                + " \"port\": 443}], \"atomic\": [{\"name\": \"web\", \"port\": 80}]}}");
    JsonNode object =
        JSON.readTree(
            "{\"spec\": {\"ports\": [{\"name\": \"tls\", \"port\": 400}, {\"name\": \"web\","
                + " \"port\": 80}, {\"name\": \"dns\", \"port\": 53}],"
                + " \"atomic\": [{\"name\": \"web\", \"port\": 1}]}}");

    assertThat(CrdValidationRules.checkUpdate(crd, object, earlier, evaluator))
        .as(
            "tls is matched by its name wherever it moved; dns is new; atomic items are not matched")
        .containsExactly(
            new CrdValidationRules.Failure("/spec/ports/0/port", "", "self >= oldSelf"));
  }

  @Test
  void optionalOldSelfRulesAlsoRunOnNewValuesWithAnEmptyOldSelf() {
    String schema =
        """
        {"type": "object", "properties": {"spec": {"type": "object", "properties": {
          "version": {"type": "string", "x-kubernetes-validations": [
            {"rule": "oldSelf.hasValue() || self.startsWith('v')", "optionalOldSelf": true,
             "message": "starts with v when set"},
            {"rule": "!oldSelf.hasValue() || self >= oldSelf.value()", "optionalOldSelf": true,
             "message": "never goes back"}]}}}}}
        """;
    CrdSchemaNode crd = CrdSchemaNode.of(JSON.readTree(schema));
    JsonNode unprefixed = JSON.readTree("{\"spec\": {\"version\": \"1.2\"}}");

    assertThat(CrdValidationRules.checkUpdate(crd, unprefixed, null, evaluator))
        .as("a new object")
        .extracting(CrdValidationRules.Failure::message)
        .containsExactly("starts with v when set");
    assertThat(
            CrdValidationRules.checkUpdate(
                crd, unprefixed, JSON.readTree("{\"spec\": {}}"), evaluator))
        .as("a new value in an earlier object")
        .extracting(CrdValidationRules.Failure::message)
        .containsExactly("starts with v when set");
    assertThat(
            CrdValidationRules.checkUpdate(
                crd, unprefixed, JSON.readTree("{\"spec\": {\"version\": \"1.3\"}}"), evaluator))
        .as("an update, with the earlier value in oldSelf")
        .extracting(CrdValidationRules.Failure::message)
        .containsExactly("never goes back");
    assertThat(CrdValidationRules.check(crd, unprefixed, evaluator))
        .as("without a base revision nothing says whether the object is new")
        .isEmpty();
  }

  @Test
  void aSchemaThatSaysNothingBeyondJsonSchemaHasNoTree() {
    assertThat(
            CrdSchemaNode.of(JSON.readTree("{\"type\": \"object\", \"properties\": {\"a\": {}}}")))
        .isNull();
  }
}
