package dev.homelab.generator.git;

import java.util.List;

/**
 * The push did not land; the local branch still holds the local commit and no rebase is left in
 * progress.
 */
public final class PushRejectedException extends GitOpsException {
  private static final long serialVersionUID = 1L;

  private final List<String> conflictingPaths;

  public PushRejectedException(String message, List<String> conflictingPaths) {
    super(message);
    this.conflictingPaths = List.copyOf(conflictingPaths);
  }

  /** Paths that conflicted while rebasing onto the remote branch; empty for other rejections. */
  public List<String> conflictingPaths() {
    return conflictingPaths;
  }
}
