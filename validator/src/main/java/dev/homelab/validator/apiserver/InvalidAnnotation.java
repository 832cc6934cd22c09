package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.PodTemplate;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Annotation keys the API server refuses, and annotations too large in total. */
final class InvalidAnnotation extends ObjectRule {

  /** The API server's limit on the keys and values of one object's annotations together. */
  static final int TOTAL_SIZE_MAX = 256 * 1024;

  private static final RuleInfo INFO =
      new RuleInfo(
          "invalid-annotation",
          "schema",
          "An annotation key is one the API server refuses, or the annotations are too large.",
          "Annotation keys follow the label key syntax: a name of at most 63 characters with an"
              + " optional DNS prefix and '/'. The keys and values of one object's annotations"
              + " may total at most 256 KiB.",
          Severity.ERROR,
          "0.1.0",
          "Fix the key's spelling (prefix/name, such as example.com/owner), or move large values"
              + " into a ConfigMap.");

  InvalidAnnotation() {
    super(INFO);
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    checkAnnotations(resource, "/metadata/annotations", "annotation", findings);
    PodTemplate.of(resource)
        .filter(template -> !template.pointer().isEmpty())
        .ifPresent(
            template ->
                checkAnnotations(
                    resource,
                    template.pointer() + "/metadata/annotations",
                    "pod template annotation",
                    findings));
    return findings;
  }

  private void checkAnnotations(
      Resource resource, String pointer, String what, List<Finding> findings) {
    JsonNode annotations = resource.object().at(pointer);
    if (!annotations.isObject()) {
      return;
    }
    long total = 0;
    for (Map.Entry<String, JsonNode> annotation : annotations.properties()) {
      String key = annotation.getKey();
      // The API server checks annotation keys in lowercase.
      checkKey(
          resource,
          Pointer.append(pointer, key),
          key,
          what + " key",
          k -> ApiNames.qualifiedName(k.toLowerCase(Locale.ROOT)),
          findings);
      total += key.getBytes(StandardCharsets.UTF_8).length;
      if (annotation.getValue().isString()) {
        total += annotation.getValue().asString().getBytes(StandardCharsets.UTF_8).length;
      }
    }
    if (total > TOTAL_SIZE_MAX) {
      addAtKey(
          resource,
          pointer,
          what + "s total " + total + " bytes; the API server accepts at most " + TOTAL_SIZE_MAX,
          findings);
    }
  }
}
