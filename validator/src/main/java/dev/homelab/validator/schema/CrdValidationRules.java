package dev.homelab.validator.schema;

import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Runs a CRD's validation rules ({@code x-kubernetes-validations}) on every value at their place in
 * the schema, as the API server runs them. Rules that compare with {@code oldSelf} (transition
 * rules) only run on update, against the object's earlier version, where the value matches an
 * earlier one as the API server matches them: through object fields, map values and the keys of
 * {@code map} lists, not through other lists. A rule with {@code optionalOldSelf} also runs where
 * nothing matches, and on a new object, with an empty {@code oldSelf}.
 */
final class CrdValidationRules {

  /**
   * A rule that an object's value broke, at the pointer the rule's fieldPath names; the message is
   * empty when the rule has none.
   */
  record Failure(String pointer, String message, String expression) {}

  private static final Pattern FIELD_STEP =
      Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)|\\['([^']*)'\\]|\\[(\\d+)\\]");

  private CrdValidationRules() {}

  /** Every rule the object breaks, in document order; transition rules are left out. */
  static List<Failure> check(CrdSchemaNode crd, JsonNode object, CelRuleEvaluator evaluator) {
    List<Failure> failures = new ArrayList<>();
    if (crd != null) {
      visit(crd, object, Pointer.ROOT, evaluator, failures);
    }
    return failures;
  }

  /**
   * Every transition rule that updating {@code earlier} to {@code object} breaks; a null {@code
   * earlier} is a new object, on which only the {@code optionalOldSelf} rules run.
   */
  static List<Failure> checkUpdate(
      CrdSchemaNode crd, JsonNode object, JsonNode earlier, CelRuleEvaluator evaluator) {
    List<Failure> failures = new ArrayList<>();
    if (crd != null) {
      visitUpdate(crd, object, earlier, Pointer.ROOT, evaluator, failures);
    }
    return failures;
  }

  private static void visit(
      CrdSchemaNode node,
      JsonNode value,
      String pointer,
      CelRuleEvaluator evaluator,
      List<Failure> out) {
    if (CrdSchemaNode.absent(value)) {
      return;
    }
    Object self = null;
    for (CrdSchemaNode.Rule rule : node.rules()) {
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
        CrdSchemaNode child = node.child(field.getKey());
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

  private static void visitUpdate(
      CrdSchemaNode node,
      JsonNode value,
      JsonNode earlier,
      String pointer,
      CelRuleEvaluator evaluator,
      List<Failure> out) {
    if (CrdSchemaNode.absent(value)) {
      return;
    }
    boolean correlated = !CrdSchemaNode.absent(earlier);
    Object self = null;
    Object oldSelf = null;
    for (CrdSchemaNode.Rule rule : node.rules()) {
      if (!rule.transition() || !(correlated || rule.optionalOldSelf())) {
        continue;
      }
      self = self == null ? CelValues.unordered(value, node.schema()) : self;
      if (correlated) {
        oldSelf = oldSelf == null ? CelValues.unordered(earlier, node.schema()) : oldSelf;
      }
      boolean optional = rule.optionalOldSelf();
      if (evaluator.check(rule.expression(), self, oldSelf, optional)
          == CelRuleEvaluator.Outcome.FAILED) {
        String message =
            rule.messageExpression().isEmpty()
                ? rule.message()
                : evaluator
                    .message(rule.messageExpression(), self, oldSelf, optional)
                    .orElse(rule.message());
        out.add(failure(rule, pointer, message));
      }
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        CrdSchemaNode child = node.child(field.getKey());
        if (child != null) {
          visitUpdate(
              child,
              field.getValue(),
              correlated ? earlier.get(field.getKey()) : null,
              Pointer.append(pointer, field.getKey()),
              evaluator,
              out);
        }
      }
    } else if (value.isArray() && node.items() != null) {
      Map<String, JsonNode> earlierEntries = correlated ? entriesByKey(node, earlier) : Map.of();
      for (int i = 0; i < value.size(); i++) {
        JsonNode entry = value.get(i);
        String key = earlierEntries.isEmpty() ? null : node.entryIdentity(entry);
        visitUpdate(
            node.items(),
            entry,
            key == null ? null : earlierEntries.get(key),
            Pointer.append(pointer, i),
            evaluator,
            out);
      }
    }
  }

  /**
   * A map list's earlier entries by their keys; empty for any other list, whose entries the API
   * server does not match up.
   */
  private static Map<String, JsonNode> entriesByKey(CrdSchemaNode node, JsonNode earlier) {
    if (!node.isMapList() || !earlier.isArray()) {
      return Map.of();
    }
    Map<String, JsonNode> entries = new HashMap<>();
    for (JsonNode entry : earlier) {
      String key = node.entryIdentity(entry);
      if (key != null) {
        entries.putIfAbsent(key, entry);
      }
    }
    return entries;
  }

  private static Failure failure(CrdSchemaNode.Rule rule, String pointer, String message) {
    return new Failure(fieldPointer(pointer, rule.fieldPath()), message, rule.expression());
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
}
