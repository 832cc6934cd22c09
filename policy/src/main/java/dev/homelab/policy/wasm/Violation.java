package dev.homelab.policy.wasm;

import java.util.List;
import java.util.Objects;

/**
 * One result of the entry point {@code homelab/main/violations}.
 *
 * @param rule kebab-case id naming the problem, as in {@code rules.json}
 * @param severity {@code error} or {@code warning}
 * @param message neutral statement of the problem; never contains a secret value
 * @param path keys ({@link String}) and array indices ({@link Integer}) into the checked document
 * @param packageName the package under {@code homelab.custom} of a custom Rego rule, else empty
 */
public record Violation(
    String rule, String severity, String message, List<Object> path, String packageName) {
  public Violation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    path = List.copyOf(path);
    for (Object element : path) {
      if (!(element instanceof String) && !(element instanceof Integer)) {
        throw new IllegalArgumentException("path elements are keys or indices, not " + element);
      }
    }
  }

  /** A violation of a compiled policy's entry point, which has no package. */
  public Violation(String rule, String severity, String message, List<Object> path) {
    this(rule, severity, message, path, "");
  }
}
