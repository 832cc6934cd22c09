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
 */
public record Violation(String rule, String severity, String message, List<Object> path) {
  public Violation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    path = List.copyOf(path);
    for (Object element : path) {
      if (!(element instanceof String) && !(element instanceof Integer)) {
        throw new IllegalArgumentException("path elements are keys or indices, not " + element);
      }
    }
  }
}
