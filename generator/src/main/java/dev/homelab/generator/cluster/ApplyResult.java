package dev.homelab.generator.cluster;

/** What applying the root Application did. */
public enum ApplyResult {
  CREATED,
  UPDATED,
  UNCHANGED
}
