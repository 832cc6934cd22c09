package dev.homelab.core.model;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** Walks the lists inside an object by pointer, so findings can name each element's position. */
public final class Entries {

  /** Where a pod spec lists containers; the API server treats all three as one set of names. */
  private static final List<String> CONTAINER_LISTS =
      List.of("initContainers", "containers", "ephemeralContainers");

  private Entries() {}

  /** The pointer of a workload's pod spec (a Pod's own spec), or empty for other kinds. */
  public static Optional<String> podSpec(Resource resource) {
    return PodTemplate.of(resource).map(template -> template.pointer() + "/spec");
  }

  /** Calls {@code action} with the pointer of each container of the pod spec at {@code spec}. */
  public static void eachContainer(Resource resource, String spec, Consumer<String> action) {
    for (String list : CONTAINER_LISTS) {
      each(resource, spec + "/" + list, action);
    }
  }

  /** Calls {@code action} with the pointer of each element of the array at {@code pointer}. */
  public static void each(Resource resource, String pointer, Consumer<String> action) {
    JsonNode entries = resource.object().at(pointer);
    for (int i = 0; entries.isArray() && i < entries.size(); i++) {
      action.accept(pointer + "/" + i);
    }
  }
}
