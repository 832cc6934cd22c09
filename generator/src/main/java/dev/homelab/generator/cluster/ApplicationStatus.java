package dev.homelab.generator.cluster;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 * @param operationRequested whether {@code operation} asks for a sync that Argo CD has not started
 */
public record ApplicationStatus(
    String name,
    String project,
    String sync,
    String health,
    String operationPhase,
    String message,
    boolean operationRequested) {
  public static final String SYNCED = "Synced";
  public static final String HEALTHY = "Healthy";
  public static final String SUSPENDED = "Suspended";
  public static final String UNKNOWN = "Unknown";
  // The phases of an operation that has not finished, as Argo CD's OperationPhase.Completed()
  // tells.
  private static final Set<String> UNFINISHED_PHASES = Set.of("Running", "Terminating");

  public ApplicationStatus {
    Objects.requireNonNull(name, "name");
    project = orDefault(project, "default");
    sync = orDefault(sync, UNKNOWN);
    health = orDefault(health, UNKNOWN);
    operationPhase = operationPhase == null ? "" : operationPhase;
    message = message == null ? "" : message;
  }

  /** An Application without a sync requested but not started. */
  public ApplicationStatus(
      String name,
      String project,
      String sync,
      String health,
      String operationPhase,
      String message) {
    this(name, project, sync, health, operationPhase, message, false);
  }

  /**
   * Whether Argo CD has finished with this Application: Synced, Healthy or deliberately Suspended,
   * and no sync requested or running, as {@code argocd app wait} decides.
   */
  public boolean isSettled() {
    return SYNCED.equals(sync)
        && (HEALTHY.equals(health) || SUSPENDED.equals(health))
        && !operationInProgress();
  }

  /** Whether a sync is requested or still running, which may change sync and health again. */
  public boolean operationInProgress() {
    return operationRequested || UNFINISHED_PHASES.contains(operationPhase);
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
    if (operationInProgress()) {
      problem
          .append(problem.length() == 0 ? "" : ", ")
          .append(
              UNFINISHED_PHASES.contains(operationPhase)
                  ? "sync " + operationPhase
                  : "sync requested");
    }
    return Optional.of(problem.toString());
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
