package dev.homelab.generator.git;

/** What proposed content is compared with. */
public enum DiffBase {
  /** The files on disk now: what a write would change ({@code --dry-run}). */
  WORKING_TREE,
  /** The committed files: whether the committed output is stale ({@code --check}). */
  HEAD
}
