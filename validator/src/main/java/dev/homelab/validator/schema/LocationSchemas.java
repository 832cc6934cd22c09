package dev.homelab.validator.schema;

import com.networknt.schema.SchemaRegistry;
import dev.homelab.core.cli.UsageException;
import dev.homelab.core.model.GroupVersionKind;
import dev.homelab.core.source.IoReasons;
import dev.homelab.core.source.Region;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.source.Utf8;
import dev.homelab.core.yaml.YamlFile;
import dev.homelab.core.yaml.YamlLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Schemas from one --schema-location (a folder or template on disk, or a URL template). */
public final class LocationSchemas implements SchemaSource {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SchemaLocationTemplate template;
  private final RemoteSchemaFetcher fetcher;
  private final SchemaRegistry registry;

  /**
   * @param registry the run's registry, which reads what the schemas refer to
   */
  public LocationSchemas(
      SchemaLocationTemplate template, RemoteSchemaFetcher fetcher, SchemaRegistry registry) {
    this.template = template;
    this.fetcher = fetcher;
    this.registry = registry;
  }

  @Override
  public Optional<Found> find(GroupVersionKind type) throws SchemaSourceException {
    for (String candidate : template.candidates(type)) {
      if (!template.isRemote()) {
        Optional<byte[]> bytes = readFile(candidate);
        if (bytes.isPresent()) {
          return Optional.of(localSchema(candidate, bytes.get()));
        }
        continue;
      }
      Optional<String> text = fetcher.fetch(candidate);
      if (text.isPresent()) {
        try {
          return Optional.of(new Found(JSON.readTree(text.get()), candidate));
        } catch (JacksonException e) {
          throw new SchemaSourceException(
              candidate + " is not valid JSON: " + e.getOriginalMessage());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A local schema file is the operator's own configuration, so one that is not UTF-8, holds no
   * JSON object or is no usable schema stops the run as a bad option does rather than leaving its
   * kind unchecked.
   */
  private Found localSchema(String file, byte[] bytes) {
    String where = "--schema-location " + template.location() + ": " + file;
    Found found =
        new Found(
            jsonObject(where, bytes),
            Path.of(file).toAbsolutePath().normalize().toUri().toString());
    Optional<UnusableSchema.Problem> unusable = UnusableSchema.problem(found, registry);
    if (unusable.isPresent()) {
      String pointer = unusable.get().pointer();
      String text = new String(bytes, StandardCharsets.UTF_8);
      String at = pointer == null ? "" : ":" + positionOf(file, text, pointer);
      throw new UsageException(
          where + at + ": not a usable JSON schema: " + unusable.get().message());
    }
    return found;
  }

  /**
   * The JSON object in a schema file of the operator's, or a usage error that {@code where} begins
   * and that says where the file is not UTF-8 or not JSON.
   */
  static JsonNode jsonObject(String where, byte[] bytes) {
    String text;
    try {
      text = Utf8.decode(bytes);
    } catch (Utf8.InvalidUtf8Exception e) {
      throw new UsageException(where + ":" + e.at() + ": not valid UTF-8: " + e.getMessage());
    }
    if (text.isBlank()) {
      throw new UsageException(where + ": the file is empty, not a JSON schema");
    }
    JsonNode schema;
    try {
      schema = JSON.readTree(text);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String message = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
      throw new UsageException(
          where
              + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
              + ": not valid JSON: "
              + message);
    }
    if (!schema.isObject()) {
      throw new UsageException(
          where
              + ": a JSON "
              + schema.getNodeType().name().toLowerCase(Locale.ROOT)
              + ", not a schema object");
    }
    return schema;
  }

  /** The line and column of {@code pointer}'s value in the file, as findings give them. */
  private static Region positionOf(String file, String text, String pointer) {
    YamlFile parsed = new YamlLoader().parse(new SourceFile(Path.of(file), file), text);
    return parsed.documents().isEmpty()
        ? Region.FILE_START
        : parsed.documents().get(0).locate(pointer).region();
  }

  private static Optional<byte[]> readFile(String candidate) throws SchemaSourceException {
    Path path = Path.of(candidate);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new SchemaSourceException("cannot read " + path + ": " + IoReasons.of(e));
    }
  }

  @Override
  public String describe() {
    return template.location();
  }
}
