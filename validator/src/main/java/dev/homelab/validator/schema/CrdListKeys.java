package dev.homelab.validator.schema;

import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Finds repeated entries in a CRD's keyed lists, which the API server refuses: two items of a list
 * with {@code x-kubernetes-list-type: set}, or two of a {@code map} list with the same values for
 * its {@code x-kubernetes-list-map-keys}.
 */
final class CrdListKeys {

  /** An entry that repeats an earlier one, described by what it shares with it. */
  record Duplicate(String pointer, String firstPointer, String shared) {}

  private CrdListKeys() {}

  /** Every repeated entry, in document order. */
  static List<Duplicate> check(CrdSchemaNode crd, JsonNode object) {
    List<Duplicate> duplicates = new ArrayList<>();
    if (crd != null) {
      visit(crd, object, Pointer.ROOT, duplicates);
    }
    return duplicates;
  }

  private static void visit(
      CrdSchemaNode node, JsonNode value, String pointer, List<Duplicate> out) {
    if (CrdSchemaNode.absent(value)) {
      return;
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        CrdSchemaNode child = node.child(field.getKey());
        if (child != null) {
          visit(child, field.getValue(), Pointer.append(pointer, field.getKey()), out);
        }
      }
      return;
    }
    if (!value.isArray()) {
      return;
    }
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < value.size(); i++) {
      String at = Pointer.append(pointer, i);
      String identity = node.entryIdentity(value.get(i));
      if (identity != null) {
        String first = seen.putIfAbsent(identity, at);
        if (first != null) {
          out.add(new Duplicate(at, first, identity));
        }
      }
      if (node.items() != null) {
        visit(node.items(), value.get(i), at, out);
      }
    }
  }
}
