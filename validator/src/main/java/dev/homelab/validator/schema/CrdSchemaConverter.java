package dev.homelab.validator.schema;

import dev.homelab.core.model.GroupVersionKind;
import dev.homelab.core.yaml.Nodes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a CustomResourceDefinition's {@code openAPIV3Schema} into a standalone, strict JSON Schema
 * per served version, with the API server's structural-schema rules: objects with properties refuse
 * unknown fields unless {@code x-kubernetes-preserve-unknown-fields} says otherwise, {@code
 * x-kubernetes-int-or-string} accepts both, {@code nullable} accepts null, and {@code metadata} is
 * Kubernetes' ObjectMeta.
 */
public final class CrdSchemaConverter {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String OBJECT_META = "V1ObjectMeta";
  private static final Set<String> DROPPED =
      Set.of("description", "default", "example", "externalDocs", "nullable", "format");

  private final JsonNode objectMetaDefinitions;

  /**
   * @param objectMetaDefinitions the {@code $defs} that define ObjectMeta and what it references
   */
  public CrdSchemaConverter(JsonNode objectMetaDefinitions) {
    this.objectMetaDefinitions = objectMetaDefinitions;
  }

  /** ObjectMeta's definitions, taken from the embedded ConfigMap schema. */
  public static CrdSchemaConverter withEmbeddedObjectMeta() {
    ObjectNode definitions = JSON.objectNode();
    JsonNode configMap = EmbeddedKubernetesSchemas.read("configmap-v1.json");
    for (Map.Entry<String, JsonNode> entry : configMap.get("$defs").properties()) {
      if (!entry.getKey().equals("V1ConfigMap")) {
        definitions.set(entry.getKey(), entry.getValue());
      }
    }
    return new CrdSchemaConverter(definitions);
  }

  /** One schema per served version that carries an openAPIV3Schema. */
  public Map<GroupVersionKind, JsonNode> convert(JsonNode crd) {
    Map<GroupVersionKind, JsonNode> schemas = new LinkedHashMap<>();
    openApiSchemas(crd).forEach((type, openApi) -> schemas.put(type, document(type, openApi)));
    return schemas;
  }

  /** The openAPIV3Schema of each served version, as the CRD writes it. */
  public static Map<GroupVersionKind, JsonNode> openApiSchemas(JsonNode crd) {
    Map<GroupVersionKind, JsonNode> schemas = new LinkedHashMap<>();
    JsonNode spec = crd.path("spec");
    String group = Nodes.text(spec, "group", "");
    String kind = Nodes.text(spec.path("names"), "kind", "");
    if (group.isEmpty() || kind.isEmpty() || !spec.path("versions").isArray()) {
      return schemas;
    }
    for (JsonNode version : spec.get("versions")) {
      JsonNode openApi = version.path("schema").path("openAPIV3Schema");
      if (!version.path("served").asBoolean(true) || !openApi.isObject()) {
        continue;
      }
      schemas.put(new GroupVersionKind(group, Nodes.text(version, "name", ""), kind), openApi);
    }
    return schemas;
  }

  /** Wraps a converted openAPIV3Schema as a standalone document for one kind. */
  public JsonNode document(GroupVersionKind type, JsonNode openApi) {
    ObjectNode root = (ObjectNode) convertNode(openApi);
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    ObjectNode properties =
        root.has("properties") ? (ObjectNode) root.get("properties") : root.putObject("properties");
    properties.putObject("apiVersion").put("const", type.apiVersion());
    properties.putObject("kind").put("const", type.kind());
    ObjectNode metadata = properties.putObject("metadata");
    metadata.put("$ref", "#/$defs/" + OBJECT_META);
    metadata.put("type", "object");
    ArrayNode required =
        root.has("required") ? (ArrayNode) root.get("required") : root.putArray("required");
    for (String field : new String[] {"apiVersion", "kind"}) {
      boolean present = false;
      for (JsonNode existing : required) {
        present |= existing.asString().equals(field);
      }
      if (!present) {
        required.add(field);
      }
    }
    root.set("$defs", objectMetaDefinitions.deepCopy());
    return root;
  }

  private JsonNode convertNode(JsonNode node) {
    if (!node.isObject()) {
      return node.deepCopy();
    }
    ObjectNode out = JSON.objectNode();
    boolean preserveUnknown = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    boolean intOrString = node.path("x-kubernetes-int-or-string").asBoolean(false);
    boolean nullable = node.path("nullable").asBoolean(false);
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      if (DROPPED.contains(key) || key.startsWith("x-kubernetes-")) {
        if (key.equals("format") && value.asString().equals("date-time")) {
          out.set(key, value);
        }
        continue;
      }
      switch (key) {
        case "properties", "patternProperties", "definitions", "$defs" -> {
          ObjectNode children = out.putObject(key);
          for (Map.Entry<String, JsonNode> child : value.properties()) {
            children.set(child.getKey(), convertNode(child.getValue()));
          }
        }
        case "items", "additionalProperties", "not" -> out.set(key, convertNode(value));
        case "allOf", "anyOf", "oneOf" -> {
          if (intOrString && key.equals("anyOf")) {
            continue; // the int-or-string marker already says what the anyOf would
          }
          ArrayNode options = out.putArray(key);
          for (JsonNode option : value) {
            options.add(convertNode(option));
          }
        }
        default -> out.set(key, value.deepCopy());
      }
    }
    if (intOrString) {
      out.remove("type");
      ArrayNode types = out.putArray("type");
      types.add("integer").add("string");
    }
    boolean isObject = "object".equals(Nodes.text(out, "type", ""));
    if (isObject && out.has("properties") && !out.has("additionalProperties") && !preserveUnknown) {
      out.put("additionalProperties", false);
    }
    if (preserveUnknown
        && out.has("additionalProperties")
        && out.get("additionalProperties").isBoolean()) {
      out.remove("additionalProperties");
    }
    if (nullable) {
      allowNull(out);
    }
    return out;
  }

  private static void allowNull(ObjectNode schema) {
    JsonNode type = schema.get("type");
    if (type != null && type.isString()) {
      ArrayNode types = JSON.arrayNode();
      types.add(type.stringValue()).add("null");
      schema.set("type", types);
    } else if (type != null && type.isArray()) {
      ((ArrayNode) type).add("null");
    }
    JsonNode allowed = schema.get("enum");
    if (allowed != null && allowed.isArray()) {
      ((ArrayNode) allowed).addNull();
    }
  }
}
