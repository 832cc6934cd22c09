package dev.homelab.generator.git;

import java.nio.file.Path;

/** Another generator run holds the repository's lock file. */
public final class RepositoryLockedException extends GitOpsException {
  private static final long serialVersionUID = 1L;

  private final transient Path lockFile;

  public RepositoryLockedException(Path lockFile, String message) {
    super(message);
    this.lockFile = lockFile;
  }

  /** The lock file that blocked this run; deleting it by hand is the way out of a stuck lock. */
  public Path lockFile() {
    return lockFile;
  }
}
