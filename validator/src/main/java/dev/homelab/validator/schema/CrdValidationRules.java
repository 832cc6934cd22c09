package dev.homelab.validator.schema;

import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The validation rules ({@code x-kubernetes-validations}) of one CRD version, kept where they sit
 * in its schema so that each runs on every value at that place, as the API server runs them. Rules
 * that compare with {@code oldSelf} (transition rules) only run on update, against the object's
 * earlier version, and only where the value can be matched with its earlier one through object
 * fields (not through lists).
 */
final class CrdValidationRules {

  static final CrdValidationRules NONE = new CrdValidationRules(null);

  /**
   * A rule that an object's value broke, at the pointer the rule's fieldPath names; the message is
   * empty when the rule has none.
   */
  record Failure(String pointer, String message, String expression) {}

  private record Rule(
      String expression,
      String message,
      String messageExpression,
      String field,
      boolean transition) {}

  /** A schema node on the way to at least one rule. */
  private record Node(
      JsonNode schema,
      List<Rule> rules,
      Map<String, Node> properties,
      Node additionalProperties,
      Node items) {}

  private static final Pattern FIELD_STEP =
      Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\['([^']*)'\\]|\\[(\\d+)\\]");

  private final Node root;

  private CrdValidationRules(Node root) {
    this.root = root;
  }

  /** The rules of a CRD version's {@code openAPIV3Schema}; {@link #NONE} when it has none. */
  static CrdValidationRules of(JsonNode openApiSchema) {
    Node root = node(openApiSchema);
    return root == null ? NONE : new CrdValidationRules(root);
  }

  boolean isEmpty() {
    return root == null;
  }

  /** Every rule the object breaks, in document order; transition rules are left out. */
  List<Failure> check(JsonNode object, CelRuleEvaluator evaluator) {
    List<Failure> failures = new ArrayList<>();
    if (root != null) {
      visit(root, object, Pointer.ROOT, evaluator, failures);
    }
    return failures;
  }

  /** Every transition rule that updating {@code earlier} to {@code object} breaks. */
  List<Failure> checkUpdate(JsonNode object, JsonNode earlier, CelRuleEvaluator evaluator) {
    List<Failure> failures = new ArrayList<>();
    if (root != null) {
      visitUpdate(root, object, earlier, Pointer.ROOT, evaluator, failures);
    }
    return failures;
  }

  private static void visitUpdate(
      Node node,
      JsonNode value,
      JsonNode earlier,
      String pointer,
      CelRuleEvaluator evaluator,
      List<Failure> out) {
    if (absent(value) || absent(earlier)) {
      return;
    }
    Object self = null;
    Object oldSelf = null;
    for (Rule rule : node.rules()) {
      if (!rule.transition()) {
        continue;
      }
      self = self == null ? CelValues.unordered(value, node.schema()) : self;
      oldSelf = oldSelf == null ? CelValues.unordered(earlier, node.schema()) : oldSelf;
      if (evaluator.check(rule.expression(), self, oldSelf) == CelRuleEvaluator.Outcome.FAILED) {
        out.add(failure(rule, pointer, rule.message()));
      }
    }
    if (value.isObject() && earlier.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        Node child = child(node, field.getKey());
        if (child != null) {
          visitUpdate(
              child,
              field.getValue(),
              earlier.get(field.getKey()),
              Pointer.append(pointer, field.getKey()),
              evaluator,
              out);
        }
      }
    }
  }

  private static boolean absent(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode();
  }

  private static Failure failure(Rule rule, String pointer, String message) {
    return new Failure(fieldPointer(pointer, rule.field()), message, rule.expression());
  }

  private static Node child(Node node, String field) {
    Node child = node.properties().get(field);
    if (child == null && !node.schema().path("properties").has(field)) {
      child = node.additionalProperties();
    }
    return child;
  }

  private static void visit(
      Node node, JsonNode value, String pointer, CelRuleEvaluator evaluator, List<Failure> out) {
    if (absent(value)) {
      return;
    }
    Object self = null;
    for (Rule rule : node.rules()) {
      if (rule.transition()) {
        continue;
      }
      self = self == null ? CelValues.of(value, node.schema()) : self;
      if (evaluator.check(rule.expression(), self) == CelRuleEvaluator.Outcome.FAILED) {
        String message =
            rule.messageExpression().isEmpty()
                ? rule.message()
                : evaluator.message(rule.messageExpression(), self).orElse(rule.message());
        out.add(failure(rule, pointer, message));
      }
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        Node child = child(node, field.getKey());
        if (child != null) {
          visit(child, field.getValue(), Pointer.append(pointer, field.getKey()), evaluator, out);
        }
      }
    } else if (value.isArray() && node.items() != null) {
      for (int i = 0; i < value.size(); i++) {
        visit(node.items(), value.get(i), Pointer.append(pointer, i), evaluator, out);
      }
    }
  }

  /** The rule's fieldPath ({@code .spec.port}, {@code ['a.b']}) below the value's pointer. */
  private static String fieldPointer(String pointer, String fieldPath) {
    String at = pointer;
    Matcher step = FIELD_STEP.matcher(fieldPath);
    int end = 0;
    while (step.find() && step.start() == end) {
      String token = step.group(1) != null ? step.group(1) : step.group(2);
      at = token != null ? Pointer.append(at, token) : Pointer.append(at, step.group(3));
      end = step.end();
    }
    return end == fieldPath.length() ? at : pointer;
  }

  /** The node for a schema, or null when no rule sits in or below it. */
  private static Node node(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return null;
    }
    List<Rule> rules = new ArrayList<>();
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      String expression = rule.path("rule").asString("");
      // optionalOldSelf rules also run on create, with an oldSelf this check does not model.
      if (!expression.isBlank() && !rule.path("optionalOldSelf").asBoolean(false)) {
        rules.add(
            new Rule(
                expression,
                rule.path("message").asString(""),
                rule.path("messageExpression").asString(""),
                rule.path("fieldPath").asString(""),
                CelRuleEvaluator.isTransitionRule(expression)));
      }
    }
    Map<String, Node> properties = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      Node child = node(property.getValue());
      if (child != null) {
        properties.put(property.getKey(), child);
      }
    }
    Node additional = node(schema.get("additionalProperties"));
    Node items = node(schema.get("items"));
    if (rules.isEmpty() && properties.isEmpty() && additional == null && items == null) {
      return null;
    }
    return new Node(schema, List.copyOf(rules), properties, additional, items);
  }
}
