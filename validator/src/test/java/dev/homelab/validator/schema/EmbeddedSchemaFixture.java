package dev.homelab.validator.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Loads the generated Kubernetes schemas from the test classpath and validates documents. */
public final class EmbeddedSchemaFixture {

  public static final String FOLDER = "dev/homelab/validator/schemas/kubernetes/v1.34/";

  public static final JsonMapper JSON = JsonMapper.builder().build();
  public static final YAMLMapper YAML = YAMLMapper.builder().build();

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));

  private static final Map<String, Schema> SCHEMAS_BY_FILE = new ConcurrentHashMap<>();

  private EmbeddedSchemaFixture() {}

  public static JsonNode index() {
    return readJson("index.json");
  }

  /** The index entry of {@code apiVersion} and {@code kind}, or a test failure if there is none. */
  public static JsonNode indexEntry(String apiVersion, String kind) {
    for (JsonNode entry : index().get("kinds")) {
      String group = entry.get("group").asString();
      String version = entry.get("version").asString();
      String entryApiVersion = group.isEmpty() ? version : group + "/" + version;
      if (entryApiVersion.equals(apiVersion) && entry.get("kind").asString().equals(kind)) {
        return entry;
      }
    }
    throw new AssertionError("index.json has no " + apiVersion + " " + kind);
  }

  public static JsonNode readJson(String fileName) {
    try (InputStream in = openResource(fileName)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] readBytes(String fileName) {
    try (InputStream in = openResource(fileName)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode yaml(String text) {
    return YAML.readTree(text);
  }

  /** Validates a document against the embedded schema that its apiVersion and kind select. */
  public static List<Error> validate(JsonNode document) {
    String file =
        indexEntry(document.path("apiVersion").asString(), document.path("kind").asString())
            .get("file")
            .asString();
    return schema(file).validate(document);
  }

  public static List<Error> validate(String yaml) {
    return validate(yaml(yaml));
  }

  public static Schema schema(String fileName) {
    return SCHEMAS_BY_FILE.computeIfAbsent(fileName, name -> REGISTRY.getSchema(readJson(name)));
  }

  private static InputStream openResource(String fileName) {
    InputStream in =
        EmbeddedSchemaFixture.class.getClassLoader().getResourceAsStream(FOLDER + fileName);
    if (in == null) {
      throw new AssertionError(
          FOLDER + fileName + " is not on the test classpath; the generator did not run");
    }
    return in;
  }
}
