package dev.homelab.validator.schema;

import dev.homelab.validator.schema.SchemaGuidedWalk.Visit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** One small change to a valid document, named by what it does and where (a JSON pointer). */
record DocumentMutation(Kind kind, String pointer, JsonNode document) {

  enum Kind {
    NONE("unchanged"),
    UNKNOWN_FIELD("unknown field"),
    WRONG_TYPE("wrong scalar type"),
    MISSING_REQUIRED("missing required field"),
    NULL_REQUIRED("explicit null for a required field"),
    NULL_OPTIONAL("explicit null for an optional field"),
    INVALID_QUANTITY("string that is not a quantity");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  static final String UNKNOWN_FIELD_NAME = "unexpectedField";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * All mutations of {@code document}: an unknown field in every object and a wrong type for every
   * scalar (found by walking the document itself), and missing, null or mistyped fields where
   * either schema set declares or requires them.
   */
  static List<DocumentMutation> allOf(
      JsonNode document, List<Visit> referenceVisits, List<Visit> embeddedVisits) {
    List<DocumentMutation> mutations = new ArrayList<>();
    addStructuralMutations(document, "", document, mutations);

    Map<String, Set<String>> required = new HashMap<>();
    Map<String, Set<String>> declared = new HashMap<>();
    for (Visit visit : concat(referenceVisits, embeddedVisits)) {
      required.computeIfAbsent(visit.pointer(), p -> new TreeSet<>()).addAll(visit.required());
      declared.computeIfAbsent(visit.pointer(), p -> new TreeSet<>()).addAll(visit.declared());
    }
    for (String objectPointer : new TreeSet<>(declared.keySet())) {
      JsonNode object = document.at(objectPointer);
      if (!object.isObject()) {
        continue;
      }
      for (String field : declared.get(objectPointer)) {
        if (!object.has(field)) {
          continue;
        }
        String fieldPointer = objectPointer + "/" + SchemaGuidedWalk.escape(field);
        if (required.get(objectPointer).contains(field)) {
          mutations.add(removed(document, Kind.MISSING_REQUIRED, fieldPointer));
          mutations.add(replaced(document, Kind.NULL_REQUIRED, fieldPointer, NODES.nullNode()));
        } else {
          mutations.add(replaced(document, Kind.NULL_OPTIONAL, fieldPointer, NODES.nullNode()));
        }
      }
    }
    for (Visit visit : referenceVisits) {
      if (visit.refs().contains(ReferenceSchemaSet.QUANTITY) && visit.value().isValueNode()) {
        mutations.add(
            replaced(
                document, Kind.INVALID_QUANTITY, visit.pointer(), StringNode.valueOf("2 cores")));
      }
    }
    return mutations;
  }

  private static void addStructuralMutations(
      JsonNode document, String pointer, JsonNode node, List<DocumentMutation> mutations) {
    if (node.isObject()) {
      String fieldPointer = pointer + "/" + UNKNOWN_FIELD_NAME;
      mutations.add(
          replaced(document, Kind.UNKNOWN_FIELD, fieldPointer, StringNode.valueOf("unexpected")));
      for (var property : node.properties()) {
        addStructuralMutations(
            document,
            pointer + "/" + SchemaGuidedWalk.escape(property.getKey()),
            property.getValue(),
            mutations);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        addStructuralMutations(document, pointer + "/" + i, node.get(i), mutations);
      }
    } else if (!node.isNull()) {
      mutations.add(replaced(document, Kind.WRONG_TYPE, pointer, wrongTypeFor(node)));
    }
  }

  /** The classic YAML slips: a quoted number or boolean, or a flag where text belongs. */
  private static JsonNode wrongTypeFor(JsonNode scalar) {
    if (scalar.isNumber() || scalar.isBoolean()) {
      return StringNode.valueOf(scalar.asString());
    }
    return NODES.booleanNode(true);
  }

  private static DocumentMutation replaced(
      JsonNode document, Kind kind, String pointer, JsonNode value) {
    JsonNode copy = document.deepCopy();
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = copy.at(pointer.substring(0, slash));
    String last = unescape(pointer.substring(slash + 1));
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else {
      ((ArrayNode) parent).set(Integer.parseInt(last), value);
    }
    return new DocumentMutation(kind, pointer, copy);
  }

  private static DocumentMutation removed(JsonNode document, Kind kind, String pointer) {
    JsonNode copy = document.deepCopy();
    int slash = pointer.lastIndexOf('/');
    ((ObjectNode) copy.at(pointer.substring(0, slash)))
        .remove(unescape(pointer.substring(slash + 1)));
    return new DocumentMutation(kind, pointer, copy);
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  private static List<Visit> concat(List<Visit> first, List<Visit> second) {
    List<Visit> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
