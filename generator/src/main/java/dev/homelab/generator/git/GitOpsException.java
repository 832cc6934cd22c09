package dev.homelab.generator.git;

/**
 * A git operation of the generator failed; the message is complete and safe to print as it is.
 *
 * <p>Messages never carry credentials: every text that may echo a remote URL or a server reply
 * passes through {@link GitCredentials#redact(String)} before it gets here.
 */
public class GitOpsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GitOpsException(String message) {
    super(message);
  }

  public GitOpsException(String message, Throwable cause) {
    super(message, cause);
  }
}
