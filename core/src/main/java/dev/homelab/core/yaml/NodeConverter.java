package dev.homelab.core.yaml;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts composed YAML nodes into a JSON tree with the scalar semantics Kubernetes uses (YAML 1.1
 * booleans and octal integers, timestamps kept as strings), expanding aliases and merge keys within
 * a node budget.
 */
final class NodeConverter {

  /** A repeated key, reported at the second occurrence. */
  record DuplicateKey(String key, Node second, Node first) {}

  /** Thrown when alias expansion would exceed the budget or recurse. */
  static final class ExpansionLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Node node;

    ExpansionLimitException(String message, Node node) {
      super(message);
      this.node = node;
    }
  }

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final int maxNodes;
  private final List<DuplicateKey> duplicates = new ArrayList<>();
  private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
  private int produced;

  NodeConverter(int maxNodes) {
    this.maxNodes = maxNodes;
  }

  List<DuplicateKey> duplicates() {
    return duplicates;
  }

  JsonNode convert(Node node) {
    if (++produced > maxNodes) {
      throw new ExpansionLimitException(
          "the document expands to more than " + maxNodes + " nodes once aliases are resolved",
          node);
    }
    if (node instanceof ScalarNode scalar) {
      return scalar(scalar);
    }
    if (!inProgress.add(node)) {
      throw new ExpansionLimitException("an alias refers to one of its own ancestors", node);
    }
    try {
      if (node instanceof SequenceNode sequence) {
        ArrayNode array = JSON.arrayNode(sequence.getValue().size());
        for (Node item : sequence.getValue()) {
          array.add(convert(item));
        }
        return array;
      }
      return mapping((MappingNode) node);
    } finally {
      inProgress.remove(node);
    }
  }

  private ObjectNode mapping(MappingNode mapping) {
    ObjectNode object = JSON.objectNode();
    Map<String, Node> firstKeys = new HashMap<>();
    List<Node> mergeValues = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (keyNode instanceof ScalarNode scalarKey && Tag.MERGE.equals(scalarKey.getTag())) {
        mergeValues.add(tuple.getValueNode());
        continue;
      }
      String key = keyText(keyNode);
      Node first = firstKeys.putIfAbsent(key, keyNode);
      if (first != null) {
        duplicates.add(new DuplicateKey(key, keyNode, first));
      }
      object.set(key, convert(tuple.getValueNode()));
    }
    for (Node mergeValue : mergeValues) {
      for (MappingNode source : YamlSourceMap.mergeSources(mergeValue)) {
        if (!inProgress.add(source)) {
          throw new ExpansionLimitException(
              "a merge key refers to one of its own ancestors", source);
        }
        try {
          ObjectNode merged = mapping(source);
          for (Map.Entry<String, JsonNode> entry : merged.properties()) {
            if (!object.has(entry.getKey())) {
              object.set(entry.getKey(), entry.getValue());
            }
          }
        } finally {
          inProgress.remove(source);
        }
      }
    }
    return object;
  }

  private static String keyText(Node keyNode) {
    if (keyNode instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    return keyNode.getNodeId().name();
  }

  static JsonNode scalar(ScalarNode scalar) {
    Tag tag = scalar.getTag();
    String value = scalar.getValue();
    if (Tag.NULL.equals(tag)) {
      return JSON.nullNode();
    }
    if (Tag.BOOL.equals(tag)) {
      String lower = value.toLowerCase(Locale.ROOT);
      return JSON.booleanNode(lower.equals("true") || lower.equals("yes") || lower.equals("on"));
    }
    if (Tag.INT.equals(tag)) {
      JsonNode number = integer(value);
      return number != null ? number : JSON.stringNode(value);
    }
    if (Tag.FLOAT.equals(tag)) {
      JsonNode number = floating(value);
      return number != null ? number : JSON.stringNode(value);
    }
    return JSON.stringNode(value);
  }

  /** YAML 1.1 integers as Go's strconv reads them; sexagesimal stays a string, as in Kubernetes. */
  private static JsonNode integer(String text) {
    String value = text.replace("_", "");
    if (value.indexOf(':') >= 0 || value.isEmpty()) {
      return null;
    }
    int sign = 1;
    if (value.charAt(0) == '-' || value.charAt(0) == '+') {
      sign = value.charAt(0) == '-' ? -1 : 1;
      value = value.substring(1);
    }
    int radix = 10;
    if (value.startsWith("0x") || value.startsWith("0X")) {
      radix = 16;
      value = value.substring(2);
    } else if (value.startsWith("0b") || value.startsWith("0B")) {
      radix = 2;
      value = value.substring(2);
    } else if (value.startsWith("0o")) {
      radix = 8;
      value = value.substring(2);
    } else if (value.length() > 1 && value.charAt(0) == '0') {
      radix = 8;
      value = value.substring(1);
    }
    try {
      BigInteger number = new BigInteger(value, radix);
      if (sign < 0) {
        number = number.negate();
      }
      if (number.bitLength() < 32) {
        return JSON.numberNode(number.intValue());
      }
      if (number.bitLength() < 64) {
        return JSON.numberNode(number.longValue());
      }
      return JSON.numberNode(number);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static JsonNode floating(String text) {
    String value = text.replace("_", "");
    if (value.indexOf(':') >= 0 || value.startsWith(".") && !value.matches("\\.[0-9].*")) {
      return null; // sexagesimal, .inf and .nan have no JSON form
    }
    try {
      double number = Double.parseDouble(value);
      return Double.isFinite(number) ? JSON.numberNode(number) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
