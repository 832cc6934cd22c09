package dev.homelab.generator.git;

/** What proposed content is compared with. */
public enum DiffBase {
  /** The files on disk now: what a write would change ({@code --dry-run}). */
  WORKING_TREE,
  /**
   * The staged files, which the next commit records (HEAD's, unless something is staged): whether
   * the committed output is stale ({@code --check}, in CI and in a pre-commit hook alike).
   */
  INDEX
}
