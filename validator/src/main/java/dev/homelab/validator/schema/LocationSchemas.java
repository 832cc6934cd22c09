package dev.homelab.validator.schema;

import dev.homelab.core.cli.UsageException;
import dev.homelab.core.model.GroupVersionKind;
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

  public LocationSchemas(SchemaLocationTemplate template, RemoteSchemaFetcher fetcher) {
    this.template = template;
    this.fetcher = fetcher;
  }

  @Override
  public Optional<JsonNode> find(GroupVersionKind type) throws SchemaSourceException {
    for (String candidate : template.candidates(type)) {
      Optional<String> text = template.isRemote() ? fetcher.fetch(candidate) : readFile(candidate);
      if (text.isPresent() && !template.isRemote()) {
        return Optional.of(localSchema(candidate, text.get()));
      }
      if (text.isPresent()) {
        try {
          return Optional.of(JSON.readTree(text.get()));
        } catch (JacksonException e) {
          throw new SchemaSourceException(
              candidate + " is not valid JSON: " + e.getOriginalMessage());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A local schema file is the operator's own configuration, so one that holds no JSON object stops
   * the run as a bad option does rather than leaving its kind unchecked.
   */
  private JsonNode localSchema(String file, String text) {
    String where = "--schema-location " + template.location() + ": " + file;
    if (text.isBlank()) {
      throw new UsageException(where + ": the file is empty, not a JSON schema");
    }
    try {
      JsonNode schema = JSON.readTree(text);
      if (!schema.isObject()) {
        throw new UsageException(
            where
                + ": a JSON "
                + schema.getNodeType().name().toLowerCase(Locale.ROOT)
                + ", not a schema object");
      }
      return schema;
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String message = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
      throw new UsageException(
          where
              + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
              + ": not valid JSON: "
              + message);
    }
  }

  private static Optional<String> readFile(String candidate) throws SchemaSourceException {
    Path path = Path.of(candidate);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SchemaSourceException("cannot read " + path + ": " + e.getMessage());
    }
  }

  @Override
  public String describe() {
    return template.location();
  }
}
