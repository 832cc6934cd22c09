package dev.homelab.core.model;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The pod template inside a workload, and where it sits in the object; a Pod is its own template,
 * at the empty pointer.
 */
public record PodTemplate(String pointer, JsonNode template) {

  /** The template of a workload kind, or empty for other kinds and malformed objects. */
  public static Optional<PodTemplate> of(Resource resource) {
    String pointer =
        switch (resource.kind()) {
          case "Deployment",
              "StatefulSet",
              "DaemonSet",
              "ReplicaSet",
              "Job",
              "ReplicationController" ->
              "/spec/template";
          case "CronJob" -> "/spec/jobTemplate/spec/template";
          case "Pod" -> "";
          default -> null;
        };
    if (pointer == null) {
      return Optional.empty();
    }
    JsonNode template = pointer.isEmpty() ? resource.object() : resource.object().at(pointer);
    return template.isObject() ? Optional.of(new PodTemplate(pointer, template)) : Optional.empty();
  }

  public JsonNode labels() {
    return template.path("metadata").path("labels");
  }
}
