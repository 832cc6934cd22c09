package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An object too large for a client-side apply: kubectl keeps a copy of it in an annotation, and the
 * API server caps all of an object's annotations together at 256 KiB.
 */
final class ClientSideApplyTooLarge implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "client-side-apply-too-large",
          Labels.FAMILY,
          "An object is too large for the annotation a client-side apply writes.",
          "Unless told to apply server-side, Argo CD applies like `kubectl apply`, which stores"
              + " the whole object as JSON in the kubectl.kubernetes.io/last-applied-configuration"
              + " annotation. The API server refuses an object whose annotations together exceed"
              + " 256 KiB, so a large Grafana dashboard ConfigMap or CRD fails to sync with"
              + " \"metadata.annotations: Too long\". The size checked is the object's compact JSON"
              + " plus its other annotations.",
          Severity.ERROR,
          Labels.SINCE,
          "Apply it server-side: set `sync: {serverSideApply: true}` on the component in"
              + " homelab.yaml, or annotate the object with `argocd.argoproj.io/sync-options:"
              + " ServerSideApply=true`; or split it.");

  /** The API server's limit on the total size of an object's annotations. */
  private static final int ANNOTATION_LIMIT = 256 * 1024;

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      Optional<HomeLab.Component> component = tree.componentOf(resource);
      if (component.isEmpty()
          || !component.get().deployedByArgoCd()
          || component.get().serverSideApply()
          || appliedOtherwise(resource)) {
        continue;
      }
      long size = jsonLength(resource.object(), ANNOTATION_LIMIT);
      for (Map.Entry<String, String> annotation : resource.annotations().entrySet()) {
        size += utf8Length(annotation.getKey()) + utf8Length(annotation.getValue());
      }
      if (size > ANNOTATION_LIMIT) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                "/metadata/name",
                LabTree.subject(resource)
                    + " is "
                    + (size + 1023) / 1024
                    + " KiB as JSON, over the 256 KiB that a client-side apply can store in its"
                    + " last-applied annotation, and component `"
                    + component.get().name()
                    + "` is not applied server-side"));
      }
    }
    return findings;
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The size of the node written as compact JSON in UTF-8, as Jackson writes it, counted only until
   * it passes {@code limit}; walking the tree spares a cold run a serializer's start-up.
   */
  static long jsonLength(JsonNode node, long limit) {
    long length;
    if (node.isObject()) {
      length = 2 + Math.max(0, node.size() - 1);
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        length += stringLength(property.getKey()) + 1 + jsonLength(property.getValue(), limit);
        if (length > limit) {
          return length;
        }
      }
    } else if (node.isArray()) {
      length = 2 + Math.max(0, node.size() - 1);
      for (JsonNode element : node) {
        length += jsonLength(element, limit);
        if (length > limit) {
          return length;
        }
      }
    } else if (node.isString()) {
      length = stringLength(node.asString());
    } else if (node.isNumber()) {
      length = node.numberValue().toString().length();
    } else if (node.isBoolean()) {
      length = node.asBoolean() ? 4 : 5;
    } else {
      length = 4; // null
    }
    return length;
  }

  /** A quoted JSON string: two-character escapes, six-character ones for other controls, UTF-8. */
  private static long stringLength(String text) {
    long length = 2;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\' || c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
        length += 2;
      } else if (c < 0x20) {
        length += 6;
      } else if (c < 0x80) {
        length += 1;
      } else if (c < 0x800) {
        length += 2;
      } else if (Character.isHighSurrogate(c)) {
        length += 4;
        i++;
      } else {
        length += 3;
      }
    }
    return length;
  }

  /** Whether the object's own sync options have Argo CD apply it server-side or replace it. */
  private static boolean appliedOtherwise(Resource resource) {
    List<String> options = LabTree.syncOptions(resource);
    return options.contains("ServerSideApply=true") || options.contains("Replace=true");
  }
}
