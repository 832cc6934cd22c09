package dev.homelab.validator.schema.gen;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1JSONSchemaProps;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns client-java models into strict draft 2020-12 JSON Schemas that follow what the Kubernetes
 * API server accepts rather than what the Java types allow.
 *
 * <p>Every model becomes a {@code $defs} entry whose type is {@code ["object","null"]}: an optional
 * property can then simply {@code $ref} it and still accept an explicit {@code null}, which the API
 * server treats as unset. Places that must not be null (required properties, list items, map
 * values, the document itself) add {@code "type":"object"} beside the {@code $ref}.
 */
final class ModelSchemas {

  static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  /** Kubernetes' own quantity grammar (the pattern controller-tools puts on resource.Quantity). */
  static final String QUANTITY_PATTERN =
      "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?"
          + "(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

  /**
   * The base64 alphabet with padding only at the end; line breaks are allowed anywhere because Go's
   * decoder skips them.
   */
  static final String BASE64_PATTERN = "^[A-Za-z0-9+/\\r\\n]*(=[\\r\\n]*){0,2}$";

  /**
   * Models that keep their declared properties typed but accept unknown keys: a CRD's
   * openAPIV3Schema is schema content, not an API object, and vendor extensions appear in the wild.
   */
  private static final Set<Class<?>> OPEN_MODELS = Set.of(V1JSONSchemaProps.class);

  private static final String NULL = "null";

  /** Each model's definition is built once and shared by every document schema that reaches it. */
  private final Map<Class<?>, Definition> definitions = new HashMap<>();

  /**
   * The standalone schema of one kind: the model as the document root, {@code apiVersion} and
   * {@code kind} fixed to the kind's values, and every model it reaches under {@code $defs}.
   */
  SortedMap<String, Object> documentSchema(ApiKind kind) {
    SortedMap<String, Object> root = new TreeMap<>();
    root.put("$schema", DIALECT);
    root.put("$ref", defRef(kind.model()));
    root.put("type", "object");
    root.put(
        "properties",
        sorted(
            "apiVersion", sorted("const", kind.apiVersion()),
            "kind", sorted("const", kind.kind())));
    root.put("required", List.of("apiVersion", "kind"));
    root.put("$defs", reachableDefs(kind.model()));
    return root;
  }

  private static String defName(Class<?> model) {
    return model.getSimpleName();
  }

  private static String defRef(Class<?> model) {
    return "#/$defs/" + defName(model);
  }

  private SortedMap<String, Object> reachableDefs(Class<?> rootModel) {
    SortedMap<String, Object> defs = new TreeMap<>();
    Deque<Class<?>> pending = new ArrayDeque<>(List.of(rootModel));
    while (!pending.isEmpty()) {
      Class<?> model = pending.pop();
      if (!defs.containsKey(defName(model))) {
        Definition definition = definitions.computeIfAbsent(model, ModelSchemas::define);
        defs.put(defName(model), definition.schema());
        pending.addAll(definition.references());
      }
    }
    return defs;
  }

  private static Definition define(Class<?> model) {
    List<Class<?>> references = new ArrayList<>();
    return new Definition(modelSchema(model, references), references);
  }

  private static SortedMap<String, Object> modelSchema(Class<?> model, List<Class<?>> references) {
    SortedMap<String, Object> schema = new TreeMap<>();
    schema.put("type", List.of("object", NULL));
    List<ModelProperty> properties = ModelProperty.of(model);
    if (properties.isEmpty()) {
      return schema;
    }
    SortedMap<String, Object> propertySchemas = new TreeMap<>();
    List<String> required = new ArrayList<>();
    for (ModelProperty property : properties) {
      if (!Kubernetes134.fieldIn134(model, property.jsonName())) {
        continue;
      }
      SortedMap<String, Object> propertySchema =
          typeSchema(property.javaType(), !property.required(), references);
      KubernetesEnums.of(model, property.jsonName())
          .ifPresent(values -> KubernetesEnums.restrict(propertySchema, values));
      KubernetesRanges.of(model, property.jsonName())
          .ifPresent(range -> range.applyTo(propertySchema));
      propertySchemas.put(property.jsonName(), propertySchema);
      if (property.required()) {
        required.add(property.jsonName());
      }
    }
    schema.put("properties", propertySchemas);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    if (!OPEN_MODELS.contains(model)) {
      schema.put("additionalProperties", false);
    }
    return schema;
  }

  /**
   * The schema of a value of Java type {@code type}; {@code nullable} says whether an explicit null
   * is accepted there, and every model it refers to is added to {@code references}.
   */
  static SortedMap<String, Object> typeSchema(
      Type type, boolean nullable, List<Class<?>> references) {
    if (type instanceof ParameterizedType parameterized) {
      return containerSchema(parameterized, nullable, references);
    }
    if (type == String.class) {
      return typed(nullable, "string");
    }
    if (type == Integer.class) {
      // The API server decodes these as int32 and refuses anything wider.
      SortedMap<String, Object> schema = typed(nullable, "integer");
      schema.put("minimum", Integer.MIN_VALUE);
      schema.put("maximum", Integer.MAX_VALUE);
      return schema;
    }
    if (type == Long.class) {
      return typed(nullable, "integer");
    }
    if (type == Double.class || type == Float.class) {
      return typed(nullable, "number");
    }
    if (type == Boolean.class) {
      return typed(nullable, "boolean");
    }
    if (type == OffsetDateTime.class) {
      SortedMap<String, Object> schema = typed(nullable, "string");
      schema.put("format", "date-time");
      return schema;
    }
    if (type == byte[].class) {
      SortedMap<String, Object> schema = typed(nullable, "string");
      schema.put("contentEncoding", "base64");
      schema.put("pattern", BASE64_PATTERN);
      return schema;
    }
    if (type == IntOrString.class) {
      return typed(nullable, "integer", "string");
    }
    if (type == Quantity.class) {
      SortedMap<String, Object> schema = typed(nullable, "string", "number");
      schema.put("pattern", QUANTITY_PATTERN);
      return schema;
    }
    if (type == Object.class) {
      // RawExtension, JSON and other free-form content: Kubernetes itself does not constrain it.
      return new TreeMap<>();
    }
    if (type instanceof Class<?> model
        && model.getPackageName().equals(ApiKindScanner.MODELS_PACKAGE)) {
      references.add(model);
      SortedMap<String, Object> schema = sorted("$ref", defRef(model));
      if (!nullable) {
        schema.put("type", "object");
      }
      return schema;
    }
    throw new IllegalStateException(
        "No JSON Schema mapping for the Java type " + type.getTypeName() + "; add one here");
  }

  private static SortedMap<String, Object> containerSchema(
      ParameterizedType type, boolean nullable, List<Class<?>> references) {
    Type[] arguments = type.getActualTypeArguments();
    if (type.getRawType() == List.class) {
      SortedMap<String, Object> schema = typed(nullable, "array");
      schema.put("items", typeSchema(arguments[0], false, references));
      return schema;
    }
    if (type.getRawType() == Map.class && arguments[0] == String.class) {
      SortedMap<String, Object> schema = typed(nullable, "object");
      schema.put("additionalProperties", typeSchema(arguments[1], false, references));
      return schema;
    }
    throw new IllegalStateException(
        "No JSON Schema mapping for the Java type " + type.getTypeName() + "; add one here");
  }

  private static SortedMap<String, Object> typed(boolean nullable, String... types) {
    List<String> allowed = new ArrayList<>(List.of(types));
    if (nullable) {
      allowed.add(NULL);
    }
    return sorted("type", allowed.size() == 1 ? allowed.get(0) : List.copyOf(allowed));
  }

  private static SortedMap<String, Object> sorted(String key, Object value) {
    SortedMap<String, Object> map = new TreeMap<>();
    map.put(key, value);
    return map;
  }

  private static SortedMap<String, Object> sorted(
      String key1, Object value1, String key2, Object value2) {
    SortedMap<String, Object> map = sorted(key1, value1);
    map.put(key2, value2);
    return map;
  }

  /** A model's {@code $defs} entry and the models that entry refers to. */
  private record Definition(SortedMap<String, Object> schema, List<Class<?>> references) {}
}
