package dev.homelab.validator.schema.gen;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * File names in kubeconform's standalone layout, so the folder can serve as its schema location.
 */
final class SchemaFileNames {

  private SchemaFileNames() {}

  /**
   * {@code deployment-apps-v1.json} for group {@code apps}, {@code ingress-networking-v1.json} for
   * {@code networking.k8s.io} (only the first DNS label), {@code service-v1.json} for the core
   * group. When two kinds would share a name, both use the full group with dots replaced by dashes
   * instead ({@code foo-a-example-com-v1.json}), because neither one has a better claim to the
   * short name.
   */
  static Map<ApiKind, String> assign(List<ApiKind> kinds) {
    Map<String, Integer> shortNameUses = new HashMap<>();
    kinds.forEach(kind -> shortNameUses.merge(shortName(kind), 1, Integer::sum));
    Map<ApiKind, String> names = new LinkedHashMap<>();
    for (ApiKind kind : kinds) {
      String shortName = shortName(kind);
      names.put(kind, shortNameUses.get(shortName) == 1 ? shortName : fullGroupName(kind));
    }
    if (names.values().stream().distinct().count() != names.size()) {
      throw new IllegalStateException("Schema file names are not unique: " + names);
    }
    return names;
  }

  static String shortName(ApiKind kind) {
    int firstDot = kind.group().indexOf('.');
    String groupLabel = firstDot < 0 ? kind.group() : kind.group().substring(0, firstDot);
    return fileName(kind.kind(), groupLabel, kind.version());
  }

  static String fullGroupName(ApiKind kind) {
    return fileName(kind.kind(), kind.group().replace('.', '-'), kind.version());
  }

  private static String fileName(String kind, String group, String version) {
    String lowerKind = kind.toLowerCase(Locale.ROOT);
    return (group.isEmpty() ? lowerKind + "-" + version : lowerKind + "-" + group + "-" + version)
        + ".json";
  }
}
