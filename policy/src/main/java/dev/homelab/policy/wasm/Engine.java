package dev.homelab.policy.wasm;

/** How Chicory runs a policy's Wasm. */
public enum Engine {
  /**
   * Classes that chicory-compiler-maven-plugin generated from the bundled policy when this jar was
   * built; only the bundled policy has them, and it is the fastest to load.
   */
  BUILD_TIME_COMPILED,
  /**
   * Chicory compiles the Wasm to JVM classes when the policy is loaded (opa-java-wasm's default).
   */
  RUNTIME_COMPILED,
  /** Chicory interprets the Wasm: fastest to start, by far the slowest per document. */
  INTERPRETED
}
