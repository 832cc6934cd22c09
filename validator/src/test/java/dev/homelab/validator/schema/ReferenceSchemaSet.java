package dev.homelab.validator.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reference definitions (one file, {@code #/definitions/<id>} refs, gvks in {@code
 * x-kubernetes-group-version-kind}) made strict in memory, so the comparison is strict against
 * strict.
 */
final class ReferenceSchemaSet {

  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

  private static final String IRI = "https://reference.invalid/kubernetes/_definitions.json";

  private final JsonNode strictDocument;
  private final Map<String, String> definitionByApiVersionKind;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  private ReferenceSchemaSet(JsonNode strictDocument) {
    this.strictDocument = strictDocument;
    this.definitionByApiVersionKind = indexGroupVersionKinds(strictDocument);
    String strictJson = EmbeddedSchemaFixture.JSON.writeValueAsString(strictDocument);
    this.registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build())
                    .schemas(Map.of(IRI, strictJson)));
  }

  /**
   * Reads the definitions and closes every one that has properties and no additionalProperties,
   * except those in {@code leftOpen}.
   */
  static ReferenceSchemaSet load(Path definitionsFile, Set<String> leftOpen) {
    ObjectNode document =
        (ObjectNode) EmbeddedSchemaFixture.JSON.readTree(definitionsFile.toFile());
    ObjectNode definitions = (ObjectNode) document.get("definitions");
    for (var definition : definitions.properties()) {
      ObjectNode schema = (ObjectNode) definition.getValue();
      if (schema.has("properties")
          && !schema.has("additionalProperties")
          && !leftOpen.contains(definition.getKey())) {
        schema.put("additionalProperties", false);
      }
    }
    return new ReferenceSchemaSet(document);
  }

  JsonNode strictDocument() {
    return strictDocument;
  }

  /**
   * The definition id for a document's apiVersion and kind, or null when the reference lacks it.
   */
  String definitionOf(String apiVersion, String kind) {
    return definitionByApiVersionKind.get(apiVersion + " " + kind);
  }

  Set<String> apiVersionKinds() {
    return new TreeSet<>(definitionByApiVersionKind.keySet());
  }

  JsonNode definitionSchema(String definition) {
    return strictDocument.get("definitions").get(definition);
  }

  List<Error> validate(String definition, JsonNode document) {
    return schemas.computeIfAbsent(definition, this::entrySchema).validate(document);
  }

  private Schema entrySchema(String definition) {
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.put("$ref", IRI + "#/definitions/" + definition);
    return registry.getSchema(entry);
  }

  private static Map<String, String> indexGroupVersionKinds(JsonNode document) {
    Map<String, String> index = new TreeMap<>();
    Map<String, String> duplicates = new HashMap<>();
    for (var definition : document.get("definitions").properties()) {
      for (JsonNode gvk : definition.getValue().path("x-kubernetes-group-version-kind")) {
        String group = gvk.get("group").asString();
        String version = gvk.get("version").asString();
        String apiVersion = group.isEmpty() ? version : group + "/" + version;
        String key = apiVersion + " " + gvk.get("kind").asString();
        String previous = index.put(key, definition.getKey());
        if (previous != null) {
          duplicates.put(key, previous);
        }
      }
    }
    // DeleteOptions and WatchEvent are listed under every group; they are not documents anyway.
    duplicates.keySet().forEach(index::remove);
    return index;
  }
}
