package dev.homelab.validator.schema.gen;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Numeric ranges the API server enforces on common fields beyond their int32 type: ports and
 * replica counts. For an int-or-string field the range binds only its numeric form.
 */
final class KubernetesRanges {

  /** An inclusive range. */
  record Range(long minimum, long maximum) {
    void applyTo(SortedMap<String, Object> property) {
      property.put("minimum", minimum);
      property.put("maximum", maximum);
    }
  }

  private static final Range PORT = new Range(1, 65535);
  private static final Range REPLICAS = new Range(0, Integer.MAX_VALUE);

  /** Ranges by model class name and JSON field. */
  static final Map<String, Map<String, Range>> RANGES =
      Map.ofEntries(
          Map.entry("V1ContainerPort", Map.of("containerPort", PORT)),
          Map.entry("V1ServicePort", Map.of("port", PORT, "targetPort", PORT)),
          Map.entry("V1ServiceBackendPort", Map.of("number", PORT)),
          Map.entry("V1HTTPGetAction", Map.of("port", PORT)),
          Map.entry("V1TCPSocketAction", Map.of("port", PORT)),
          Map.entry("V1GRPCAction", Map.of("port", PORT)),
          Map.entry("V1DeploymentSpec", Map.of("replicas", REPLICAS)),
          Map.entry("V1StatefulSetSpec", Map.of("replicas", REPLICAS)),
          Map.entry("V1ReplicaSetSpec", Map.of("replicas", REPLICAS)));

  private KubernetesRanges() {}

  static Optional<Range> of(Class<?> model, String jsonName) {
    return Optional.ofNullable(RANGES.getOrDefault(model.getSimpleName(), Map.of()).get(jsonName));
  }
}
