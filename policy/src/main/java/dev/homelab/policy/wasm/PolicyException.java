package dev.homelab.policy.wasm;

/** A policy that cannot be loaded or a document that cannot be evaluated. */
public final class PolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PolicyException(String message) {
    super(message);
  }

  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
