package dev.homelab.validator.schema;

import dev.homelab.core.model.GroupVersionKind;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** One place schemas come from; the resolver asks each source in turn. */
public interface SchemaSource {

  /** A standalone JSON Schema for the kind, or empty when this source has none. */
  Optional<JsonNode> find(GroupVersionKind type) throws SchemaSourceException;

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
