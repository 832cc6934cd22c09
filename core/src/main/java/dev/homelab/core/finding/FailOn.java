package dev.homelab.core.finding;

import java.util.Optional;

/** The least serious finding that makes a run fail (exit code 1). */
public enum FailOn {
  ERROR(Severity.ERROR),
  WARNING(Severity.WARNING),
  NEVER(null);

  private final Severity threshold;

  FailOn(Severity threshold) {
    this.threshold = threshold;
  }

  public Optional<Severity> threshold() {
    return Optional.ofNullable(threshold);
  }
}
