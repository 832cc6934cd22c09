package dev.homelab.validator.conventions;

import dev.homelab.core.yaml.Nodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions} with In, NotIn,
 * Exists and DoesNotExist), as the API server matches it against an object's labels.
 */
final class LabelSelector implements Predicate<Map<String, String>> {

  private final Map<String, String> labels;
  private final List<Predicate<Map<String, String>>> expressions;

  private LabelSelector(
      Map<String, String> labels, List<Predicate<Map<String, String>>> expressions) {
    this.labels = labels;
    this.expressions = expressions;
  }

  /**
   * The selector at {@code node}; empty when it is not one the API server would accept (the schema
   * reports that). An empty selector matches every object.
   */
  static Optional<LabelSelector> of(JsonNode node) {
    if (!node.isObject()) {
      return Optional.empty();
    }
    List<Predicate<Map<String, String>>> expressions = new ArrayList<>();
    for (JsonNode expression : Nodes.elements(node.path("matchExpressions"))) {
      String key = Nodes.text(expression, "key", "");
      Set<String> values = new HashSet<>();
      for (JsonNode value : Nodes.elements(expression.path("values"))) {
        if (!value.isString()) {
          return Optional.empty(); // the schema reports a value that is not a string
        }
        values.add(value.asString());
      }
      Predicate<Map<String, String>> test =
          switch (Nodes.text(expression, "operator", "")) {
            case "In" -> object -> values.contains(object.get(key));
            case "NotIn" -> object -> !values.contains(object.get(key));
            case "Exists" -> object -> object.containsKey(key);
            case "DoesNotExist" -> object -> !object.containsKey(key);
            default -> null;
          };
      if (key.isEmpty() || test == null) {
        return Optional.empty();
      }
      expressions.add(test);
    }
    return Optional.of(new LabelSelector(Nodes.stringMap(node.path("matchLabels")), expressions));
  }

  @Override
  public boolean test(Map<String, String> objectLabels) {
    if (!objectLabels.entrySet().containsAll(labels.entrySet())) {
      return false;
    }
    for (Predicate<Map<String, String>> expression : expressions) {
      if (!expression.test(objectLabels)) {
        return false;
      }
    }
    return true;
  }
}
