package dev.homelab.validator.schema;

import dev.homelab.core.model.GroupVersionKind;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** One place schemas come from; the resolver asks each source in turn. */
public interface SchemaSource {

  /** The JSON Schema for the kind, or empty when this source has none. */
  Optional<Found> find(GroupVersionKind type) throws SchemaSourceException;

  /**
   * A kind's schema, and the URI of the file it came from when its relative references ({@code
   * "$ref": "_definitions.json#/..."}) resolve against that file; null for a standalone schema.
   */
  record Found(JsonNode schema, String uri) {

    public static Found standalone(JsonNode schema) {
      return new Found(schema, null);
    }
  }

  /**
   * The CRD's own openAPIV3Schema when this source's schema for the kind came from a CRD, for the
   * validation rules the JSON Schema cannot carry.
   */
  default Optional<JsonNode> crdSchema(GroupVersionKind type) {
    return Optional.empty();
  }

  /** How the source is named in messages, such as "CRD in gitops/x.yaml". */
  String describe();

  /** A source that failed as a whole (unreachable catalog, unreadable folder). */
  final class SchemaSourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public SchemaSourceException(String message) {
      super(message);
    }
  }
}
