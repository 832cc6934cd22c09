package dev.homelab.generator.cluster;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One field that differs between two Kubernetes objects, at its path such as {@code
 * spec.source.targetRevision}, with its value before and after; null where the field is absent.
 */
public record FieldChange(String path, Object before, Object after) {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  /**
   * The leaf fields that differ between the trees {@code before} and {@code after} (maps, lists and
   * scalars, as JSON parses them), by path with map keys in sorted order and list items by index
   * (such as {@code metadata.finalizers[0]}) where the list kept its length.
   */
  public static List<FieldChange> between(Object before, Object after) {
    List<FieldChange> changes = new ArrayList<>();
    collect("", before, after, changes);
    return changes;
  }

  private static void collect(String path, Object before, Object after, List<FieldChange> out) {
    if (Objects.equals(before, after)) {
      return;
    }
    if (before instanceof Map<?, ?> left && after instanceof Map<?, ?> right) {
      TreeSet<String> keys = new TreeSet<>();
      left.keySet().forEach(key -> keys.add(String.valueOf(key)));
      right.keySet().forEach(key -> keys.add(String.valueOf(key)));
      for (String key : keys) {
        collect(path.isEmpty() ? key : path + "." + key, left.get(key), right.get(key), out);
      }
      return;
    }
    // A list of one length is compared item by item; one that grew or shrank is shown whole, as an
    // item added or removed would otherwise change every index after it.
    if (before instanceof List<?> left
        && after instanceof List<?> right
        && left.size() == right.size()) {
      for (int i = 0; i < left.size(); i++) {
        collect(path + "[" + i + "]", left.get(i), right.get(i), out);
      }
      return;
    }
    out.add(new FieldChange(path, before, after));
  }

  /** The change as one line, such as {@code spec.source.targetRevision: v1 → v2}. */
  public String describe() {
    return path + ": " + show(before) + " → " + show(after);
  }

  private static String show(Object value) {
    if (value == null) {
      return "(none)";
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return JSON.asJson(value);
    }
    return value instanceof String text && text.isEmpty() ? "\"\"" : String.valueOf(value);
  }
}
