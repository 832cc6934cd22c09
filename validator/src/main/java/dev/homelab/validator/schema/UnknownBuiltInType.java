package dev.homelab.validator.schema;

import dev.homelab.core.model.GroupVersionKind;
import dev.homelab.core.schema.SchemaProblems;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An apiVersion and kind in one of Kubernetes' own API groups that Kubernetes does not serve, such
 * as {@code apps/v2} or a misspelt kind: no CRD can add types to those groups, so the API server
 * refuses the object for certain.
 */
final class UnknownBuiltInType {

  /** What is wrong, and the field that is wrong: {@code /apiVersion} or {@code /kind}. */
  record Problem(String pointer, String message) {}

  private UnknownBuiltInType() {}

  /** What is wrong with {@code type}, or empty when it is not in a built-in group at all. */
  static Optional<Problem> problem(GroupVersionKind type, EmbeddedKubernetesSchemas embedded) {
    List<GroupVersionKind> served = embedded.servedIn(type.group());
    if (served.isEmpty()) {
      return Optional.empty();
    }
    TreeSet<String> versions = new TreeSet<>();
    TreeSet<String> kinds = new TreeSet<>();
    for (GroupVersionKind known : served) {
      kinds.add(known.kind());
      if (known.kind().equals(type.kind())) {
        versions.add("`" + known.apiVersion() + "`");
      }
    }
    String kubernetes = "Kubernetes " + EmbeddedKubernetesSchemas.VERSION;
    if (!versions.isEmpty()) {
      return Optional.of(
          new Problem(
              "/apiVersion",
              kubernetes
                  + " serves `"
                  + type.kind()
                  + "` as "
                  + String.join(" or ", versions)
                  + ", not `"
                  + type.apiVersion()
                  + "`"));
    }
    String group =
        type.group().isEmpty() ? "the core API group" : "API group `" + type.group() + "`";
    return Optional.of(
        new Problem(
            "/kind",
            kubernetes
                + " has no kind `"
                + type.kind()
                + "` in "
                + group
                + SchemaProblems.suggestion(type.kind(), kinds)));
  }
}
