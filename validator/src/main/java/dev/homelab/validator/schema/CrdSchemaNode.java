package dev.homelab.validator.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A CRD version's openAPIV3Schema, kept only where it says what JSON Schema cannot: defaults, CEL
 * validation rules ({@code x-kubernetes-validations}) and keyed lists ({@code
 * x-kubernetes-list-type} set or map). {@link CrdDefaults}, {@link CrdValidationRules} and {@link
 * CrdListKeys} walk an object along it.
 */
final class CrdSchemaNode {

  /** One entry of {@code x-kubernetes-validations}. */
  record Rule(
      String expression,
      String message,
      String messageExpression,
      String fieldPath,
      boolean transition,
      boolean optionalOldSelf) {}

  private final JsonNode schema;
  private final Map<String, CrdSchemaNode> properties;
  private final CrdSchemaNode additionalProperties;
  private final CrdSchemaNode items;
  private final List<Rule> rules;

  private CrdSchemaNode(
      JsonNode schema,
      Map<String, CrdSchemaNode> properties,
      CrdSchemaNode additionalProperties,
      CrdSchemaNode items,
      List<Rule> rules) {
    this.schema = schema;
    this.properties = properties;
    this.additionalProperties = additionalProperties;
    this.items = items;
    this.rules = rules;
  }

  /**
   * The tree of a schema; null when neither it nor anything below it says more than JSON Schema.
   */
  static CrdSchemaNode of(JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return null;
    }
    Map<String, CrdSchemaNode> properties = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      CrdSchemaNode child = of(property.getValue());
      if (child != null) {
        properties.put(property.getKey(), child);
      }
    }
    CrdSchemaNode additional = of(schema.get("additionalProperties"));
    CrdSchemaNode items = of(schema.get("items"));
    List<Rule> rules = rules(schema);
    String listType = schema.path("x-kubernetes-list-type").asString("");
    boolean own =
        !rules.isEmpty()
            || schema.has("default")
            || listType.equals("set")
            || listType.equals("map");
    if (!own && properties.isEmpty() && additional == null && items == null) {
      return null;
    }
    return new CrdSchemaNode(schema, properties, additional, items, rules);
  }

  private static List<Rule> rules(JsonNode schema) {
    List<Rule> rules = new ArrayList<>();
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      String expression = rule.path("rule").asString("");
      if (!expression.isBlank()) {
        boolean transition = CelRuleEvaluator.isTransitionRule(expression);
        rules.add(
            new Rule(
                expression,
                rule.path("message").asString(""),
                rule.path("messageExpression").asString(""),
                rule.path("fieldPath").asString(""),
                transition,
                transition && rule.path("optionalOldSelf").asBoolean(false)));
      }
    }
    return List.copyOf(rules);
  }

  /** Whether a value is missing or null, which rules, defaults and list keys all pass over. */
  static boolean absent(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode();
  }

  /** The schema as the CRD writes it at this place. */
  JsonNode schema() {
    return schema;
  }

  /** The declared properties that lead somewhere, by name. */
  Map<String, CrdSchemaNode> properties() {
    return properties;
  }

  /** The node for a field of an object at this place: its declared property or the map values. */
  CrdSchemaNode child(String field) {
    CrdSchemaNode child = properties.get(field);
    if (child == null && !schema.path("properties").has(field)) {
      child = additionalProperties;
    }
    return child;
  }

  /**
   * What identifies an entry of the list at this place: the whole entry in a {@code set} list, the
   * values of its {@code x-kubernetes-list-map-keys} in a {@code map} list; null in any other list.
   */
  String entryIdentity(JsonNode entry) {
    String listType = schema.path("x-kubernetes-list-type").asString("");
    if (listType.equals("set")) {
      return entry.toString();
    }
    JsonNode keys = schema.path("x-kubernetes-list-map-keys");
    if (!listType.equals("map") || keys.isEmpty() || !entry.isObject()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode key : keys) {
      JsonNode part = entry.get(key.asString());
      parts.add(key.asString() + ": " + (part == null ? "(none)" : part.toString()));
    }
    return String.join(", ", parts);
  }

  /** Whether the list at this place is a {@code map} list, whose entries an update correlates. */
  boolean isMapList() {
    return schema.path("x-kubernetes-list-type").asString("").equals("map");
  }

  /** The node for the items of a list at this place, or null. */
  CrdSchemaNode items() {
    return items;
  }

  List<Rule> rules() {
    return rules;
  }
}
