package dev.homelab.generator.cluster;

import java.util.Objects;
import java.util.Optional;

/**
 * One Argo CD Application as {@code status} reports it. Absent values are empty strings, except
 * sync and health, which default to {@code Unknown} as in Argo CD's own UI.
 *
 * @param name the Application's name
 * @param project its AppProject ({@code default} when the spec leaves it out)
 * @param sync {@code status.sync.status}: Synced, OutOfSync or Unknown
 * @param health {@code status.health.status}: Healthy, Progressing, Degraded, Suspended, Missing or
 *     Unknown
 * @param operationPhase {@code status.operationState.phase} of the last sync operation
 * @param message the most useful message: a condition, a failed operation's, or the health one
 */
public record ApplicationStatus(
    String name,
    String project,
    String sync,
    String health,
    String operationPhase,
    String message) {
  public static final String SYNCED = "Synced";
  public static final String HEALTHY = "Healthy";
  public static final String SUSPENDED = "Suspended";
  public static final String UNKNOWN = "Unknown";

  public ApplicationStatus {
    Objects.requireNonNull(name, "name");
    project = orDefault(project, "default");
    sync = orDefault(sync, UNKNOWN);
    health = orDefault(health, UNKNOWN);
    operationPhase = operationPhase == null ? "" : operationPhase;
    message = message == null ? "" : message;
  }

  /**
   * Whether Argo CD has finished with this Application: Synced, and Healthy or deliberately
   * Suspended.
   */
  public boolean isSettled() {
    return SYNCED.equals(sync) && (HEALTHY.equals(health) || SUSPENDED.equals(health));
  }

  /** Why this Application is not settled, for example {@code OutOfSync, Degraded}. */
  public Optional<String> problem() {
    if (isSettled()) {
      return Optional.empty();
    }
    StringBuilder problem = new StringBuilder();
    if (!SYNCED.equals(sync)) {
      problem.append(sync);
    }
    if (!HEALTHY.equals(health) && !SUSPENDED.equals(health)) {
      problem.append(problem.length() == 0 ? "" : ", ").append(health);
    }
    return Optional.of(problem.toString());
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
