package dev.homelab.core.cli;

/** The command was called wrongly; the CLI prints the message and exits with 2. */
public final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
