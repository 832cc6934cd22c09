package dev.homelab.validator.schema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Walks a document together with a JSON Schema that uses local {@code $ref}s, and records for every
 * document node what the schema says about it. It understands the subset both schema sets use:
 * {@code $ref}, {@code properties}, {@code required}, {@code items} and {@code
 * additionalProperties}.
 */
final class SchemaGuidedWalk {

  /**
   * One document node: its JSON pointer and value, the properties the schema declares and requires
   * for it (empty for maps and free-form content), and the definitions its schema referred to.
   */
  record Visit(
      String pointer,
      JsonNode value,
      Set<String> declared,
      Set<String> required,
      Set<String> refs) {}

  private static final int MAX_REF_HOPS = 16;

  private final JsonNode schemaDocument;
  private final List<Visit> visits = new ArrayList<>();

  private SchemaGuidedWalk(JsonNode schemaDocument) {
    this.schemaDocument = schemaDocument;
  }

  /** Visits {@code document} against {@code schema}, whose refs resolve inside schemaDocument. */
  static List<Visit> walk(JsonNode schemaDocument, JsonNode schema, JsonNode document) {
    SchemaGuidedWalk walk = new SchemaGuidedWalk(schemaDocument);
    walk.visit("", document, schema);
    return walk.visits;
  }

  static String escape(String propertyName) {
    return propertyName.replace("~", "~0").replace("/", "~1");
  }

  private void visit(String pointer, JsonNode value, JsonNode schema) {
    List<JsonNode> chain = new ArrayList<>();
    Set<String> refs = new LinkedHashSet<>();
    JsonNode current = schema;
    for (int hops = 0; current != null && hops < MAX_REF_HOPS; hops++) {
      chain.add(current);
      JsonNode ref = current.get("$ref");
      if (ref == null || !ref.isString()) {
        break;
      }
      String target = ref.asString();
      if (!target.startsWith("#")) {
        throw new IllegalArgumentException("Only local refs are supported, got " + target);
      }
      refs.add(target.substring(target.lastIndexOf('/') + 1));
      current = schemaDocument.at(target.substring(1));
      if (current.isMissingNode()) {
        throw new IllegalArgumentException("Unresolvable ref " + target);
      }
    }
    JsonNode properties = firstOf(chain, "properties");
    JsonNode required = firstOf(chain, "required");
    Set<String> declared =
        properties == null ? Set.of() : new TreeSet<>(properties.propertyNames());
    Set<String> requiredNames = new TreeSet<>();
    if (required != null) {
      required.forEach(name -> requiredNames.add(name.asString()));
    }
    visits.add(new Visit(pointer, value, declared, requiredNames, refs));

    if (value.isObject()) {
      JsonNode additional = firstOf(chain, "additionalProperties");
      for (var property : value.properties()) {
        JsonNode propertySchema = properties == null ? null : properties.get(property.getKey());
        if (propertySchema == null && additional != null && additional.isObject()) {
          propertySchema = additional;
        }
        if (propertySchema != null) {
          visit(pointer + "/" + escape(property.getKey()), property.getValue(), propertySchema);
        }
      }
    } else if (value.isArray()) {
      JsonNode items = firstOf(chain, "items");
      if (items != null && items.isObject()) {
        for (int i = 0; i < value.size(); i++) {
          visit(pointer + "/" + i, value.get(i), items);
        }
      }
    }
  }

  private static JsonNode firstOf(List<JsonNode> chain, String keyword) {
    for (JsonNode node : chain) {
      if (node.has(keyword)) {
        return node.get(keyword);
      }
    }
    return null;
  }
}
