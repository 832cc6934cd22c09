package dev.homelab.core.schema;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Restates networknt validation errors as {@link SchemaProblem}s with readable messages. */
public final class SchemaProblems {

  private static final int VALUE_PREVIEW = 40;

  private SchemaProblems() {}

  /**
   * @param knownFields the declared properties of the object an unknown field was found in, for a
   *     "did you mean" hint; may return an empty collection
   */
  public static List<SchemaProblem> of(
      List<Error> errors, Function<Error, Collection<String>> knownFields) {
    Map<String, SchemaProblem> unique = new LinkedHashMap<>();
    for (Error error : errors) {
      SchemaProblem problem = of(error, knownFields);
      unique.putIfAbsent(problem.kind() + problem.pointer() + problem.message(), problem);
    }
    List<SchemaProblem> problems = new ArrayList<>(unique.values());
    problems.sort(
        Comparator.comparing(SchemaProblem::pointer).thenComparing(SchemaProblem::message));
    return problems;
  }

  public static SchemaProblem of(Error error, Function<Error, Collection<String>> knownFields) {
    String at = pointer(error.getInstanceLocation());
    String keyword = String.valueOf(error.getKeyword());
    JsonNode schemaValue = error.getSchemaNode();
    JsonNode instance = error.getInstanceNode();
    switch (keyword) {
      case "additionalProperties", "unevaluatedProperties" -> {
        String property = error.getProperty();
        String field = property == null ? at : Pointer.append(at, property);
        String hint = suggestion(property, knownFields.apply(error));
        return new SchemaProblem(
            SchemaProblem.Kind.UNKNOWN_FIELD,
            field,
            true,
            "unknown field `" + Pointer.toFieldPath(field) + "`" + hint);
      }
      case "required" -> {
        String property = error.getProperty();
        return new SchemaProblem(
            SchemaProblem.Kind.MISSING_REQUIRED,
            at,
            true,
            (at.isEmpty() ? "the document" : "`" + Pointer.toFieldPath(at) + "`")
                + " is missing required field `"
                + property
                + "`");
      }
      case "type" -> {
        return new SchemaProblem(
            SchemaProblem.Kind.WRONG_TYPE,
            at,
            false,
            "`"
                + Pointer.toFieldPath(at)
                + "` must be "
                + expectedTypes(schemaValue)
                + ", got "
                + describe(instance)
                + quotingHint(schemaValue, instance));
      }
      case "const" -> {
        return invalid(at, "must be " + preview(schemaValue) + ", got " + describe(instance));
      }
      case "enum" -> {
        List<String> allowed = new ArrayList<>();
        if (schemaValue != null && schemaValue.isArray()) {
          // An allowed null only means "unset", which no one writes on purpose; it is not listed.
          schemaValue.forEach(
              v -> {
                if (!v.isNull()) {
                  allowed.add(preview(v));
                }
              });
        }
        return invalid(
            at, "must be one of " + String.join(", ", allowed) + ", got " + describe(instance));
      }
      case "minimum" -> {
        return invalid(
            at, "must be at least " + preview(schemaValue) + ", got " + describe(instance));
      }
      case "maximum" -> {
        return invalid(
            at, "must be at most " + preview(schemaValue) + ", got " + describe(instance));
      }
      case "pattern" -> {
        String regex =
            schemaValue != null && schemaValue.isString() ? schemaValue.stringValue() : "";
        return invalid(
            at,
            PatternWords.matching(regex).orElse("must match the pattern " + regex)
                + ", got "
                + describe(instance));
      }
      case "not" -> {
        String regex = schemaValue == null ? "" : schemaValue.path("pattern").asString("");
        Optional<String> words = PatternWords.notMatching(regex);
        if (words.isPresent()) {
          return invalid(at, words.get() + ", got " + describe(instance));
        }
        return invalid(at, stripLocation(error.getMessage()));
      }
      case "uniqueItems" -> {
        // networknt reports the list; the item to remove is the later of the two equal ones.
        if (instance != null && instance.isArray()) {
          for (int later = 1; later < instance.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
              if (instance.get(earlier).equals(instance.get(later))) {
                return invalid(
                    Pointer.append(at, later),
                    "repeats `"
                        + Pointer.toFieldPath(Pointer.append(at, earlier))
                        + "`, "
                        + describe(instance.get(later))
                        + "; list each item once");
              }
            }
          }
        }
        return invalid(at, stripLocation(error.getMessage()));
      }
      case "anyOf", "oneOf" -> {
        return new SchemaProblem(
            SchemaProblem.Kind.WRONG_TYPE,
            at,
            false,
            "`"
                + Pointer.toFieldPath(at)
                + "` matches none of the allowed forms, got "
                + describe(instance));
      }
      default -> {
        return invalid(at, stripLocation(error.getMessage()));
      }
    }
  }

  /** The JSON pointer of a networknt instance location, whatever path type it was built with. */
  public static String pointer(NodePath path) {
    if (path == null) {
      return Pointer.ROOT;
    }
    List<Object> tokens = new ArrayList<>();
    for (int i = 0; i < path.getNameCount(); i++) {
      tokens.add(path.getElement(i));
    }
    return Pointer.of(tokens);
  }

  private static SchemaProblem invalid(String at, String detail) {
    String subject = at.isEmpty() ? "the document" : "`" + Pointer.toFieldPath(at) + "`";
    return new SchemaProblem(SchemaProblem.Kind.INVALID_VALUE, at, false, subject + " " + detail);
  }

  /**
   * The value shown is the parsed one (1.10 became 1.1, yes became true), so a plain scalar where a
   * string belongs needs the reason spelt out.
   */
  private static String quotingHint(JsonNode typeKeyword, JsonNode instance) {
    boolean wantsString =
        typeKeyword != null && typeKeyword.isString() && typeKeyword.stringValue().equals("string");
    if (!wantsString || instance == null || !(instance.isNumber() || instance.isBoolean())) {
      return "";
    }
    return "; put it in quotes to keep it as written, since YAML reads an unquoted 1.10 or yes as"
        + " a number or a boolean";
  }

  private static String expectedTypes(JsonNode typeKeyword) {
    List<String> types = new ArrayList<>();
    if (typeKeyword != null && typeKeyword.isArray()) {
      typeKeyword.forEach(t -> types.add(t.asString()));
    } else if (typeKeyword != null && typeKeyword.isString()) {
      types.add(typeKeyword.stringValue());
    }
    types.remove("null");
    if (types.isEmpty()) {
      return "of another type";
    }
    List<String> phrases = new ArrayList<>();
    for (String type : types) {
      phrases.add(article(type));
    }
    return String.join(" or ", phrases);
  }

  private static String article(String type) {
    return switch (type) {
      case "integer", "object", "array" -> "an " + type;
      default -> "a " + type;
    };
  }

  /** The instance's JSON type and a short preview of its value. */
  public static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isString()) {
      return "string " + preview(value);
    }
    if (value.isBoolean()) {
      return "boolean " + value.asString();
    }
    if (value.isIntegralNumber()) {
      return "integer " + value.asString();
    }
    if (value.isNumber()) {
      return "number " + value.asString();
    }
    if (value.isArray()) {
      return "an array";
    }
    return "an object";
  }

  private static String preview(JsonNode value) {
    if (value == null) {
      return "?";
    }
    if (value.isString()) {
      String text = value.stringValue();
      if (text.length() > VALUE_PREVIEW) {
        text = text.substring(0, VALUE_PREVIEW) + "…";
      }
      return "\"" + text.replace("\n", "\\n") + "\"";
    }
    return value.isArray() ? "an array" : value.isObject() ? "an object" : value.asString();
  }

  private static String stripLocation(String message) {
    if (message == null) {
      return "is invalid";
    }
    int colon = message.indexOf(": ");
    return colon >= 0 && message.startsWith("/") ? message.substring(colon + 2) : message;
  }

  /**
   * The properties the schema object that raised {@code error} declares, read from {@code schema}
   * (the document the error's schema location points into), for "did you mean" hints on unknown
   * fields; empty when it declares none.
   */
  public static Collection<String> knownProperties(JsonNode schema, Error error) {
    NodePath fragment =
        error.getSchemaLocation() == null ? null : error.getSchemaLocation().getFragment();
    if (fragment == null) {
      return List.of();
    }
    JsonNode node = schema;
    for (int i = 0; i < fragment.getNameCount() - 1 && node != null; i++) {
      Object element = fragment.getElement(i);
      node = element instanceof Integer index ? node.get(index) : node.get(String.valueOf(element));
    }
    if (node == null || !node.path("properties").isObject()) {
      return List.of();
    }
    return node.get("properties").propertyNames();
  }

  /** A "did you mean" hint when a known field is one or two edits away. */
  public static String suggestion(String property, Collection<String> known) {
    if (property == null || known == null || known.isEmpty()) {
      return "";
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(property.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance || distance == bestDistance && candidate.compareTo(best) < 0) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int allowed = Math.max(1, Math.min(2, property.length() / 4));
    return best != null && bestDistance <= allowed ? " (did you mean `" + best + "`?)" : "";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
