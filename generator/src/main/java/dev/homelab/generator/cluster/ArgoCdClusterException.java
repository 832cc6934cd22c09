package dev.homelab.generator.cluster;

/**
 * Talking to the cluster failed in a way the user can act on: a bad kubeconfig, unreachable API
 * server, missing Argo CD CRDs, missing permissions. The message is complete; no stack trace is
 * needed to understand it.
 */
public final class ArgoCdClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, so that a caller can choose an exit code or a hint. */
  public enum Reason {
    /**
     * The kubeconfig is missing, unreadable or lacks the requested context, or it gave the client
     * no cluster and the in-cluster address it fell back to did not answer.
     */
    KUBECONFIG,
    /** No HTTP answer from the API server at all. */
    UNREACHABLE,
    /** The API server does not know {@code applications.argoproj.io}. */
    CRD_MISSING,
    /** The server answered, but not as a Kubernetes API server does: the address is wrong. */
    NOT_KUBERNETES,
    /** The target namespace does not exist. */
    NAMESPACE_MISSING,
    /** The credentials in the kubeconfig were rejected (401). */
    UNAUTHORIZED,
    /** RBAC denies the operation (403). */
    FORBIDDEN,
    /** Anything else the API server answered with. */
    API_ERROR
  }

  private final Reason reason;

  public ArgoCdClusterException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
