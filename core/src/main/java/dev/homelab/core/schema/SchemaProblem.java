package dev.homelab.core.schema;

/**
 * A JSON Schema error restated for people: what kind of problem, which node, and a message such as
 * {@code `spec.replicas` must be an integer, got string "3"}.
 *
 * @param pointer the node the problem is about (the unknown key, the wrong value, or the parent
 *     that lacks a required field)
 * @param atKey whether the position should be the node's key rather than its value
 */
public record SchemaProblem(Kind kind, String pointer, boolean atKey, String message) {

  public enum Kind {
    UNKNOWN_FIELD,
    WRONG_TYPE,
    MISSING_REQUIRED,
    INVALID_VALUE
  }
}
