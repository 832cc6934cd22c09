package dev.homelab.generator.cluster;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The last snapshot of every Application, and the exit-code decision for {@code status}.
 *
 * @param applications every Application in the namespace, sorted by name
 * @param waited how long {@link ArgoCdCluster#status(Duration)} was allowed to wait
 * @param waitExpired whether the wait ran out before every Application settled
 * @param namespace the namespace the Applications were listed in, or null when not known
 */
public record StatusReport(
    List<ApplicationStatus> applications, Duration waited, boolean waitExpired, String namespace) {
  /** Exit code when every Application is settled. */
  public static final int READY = 0;

  /**
   * Exit code when something is not: OutOfSync, Degraded, Missing, Unknown, or still Progressing
   * once the wait is over (and when there is no Application at all).
   */
  public static final int NOT_READY = 1;

  public StatusReport {
    applications = List.copyOf(applications);
  }

  /** A report that does not say which namespace it looked in. */
  public StatusReport(List<ApplicationStatus> applications, Duration waited, boolean waitExpired) {
    this(applications, waited, waitExpired, null);
  }

  /** True when there is at least one Application and every one is settled. */
  public boolean allSettled() {
    return !applications.isEmpty() && applications.stream().allMatch(ApplicationStatus::isSettled);
  }

  public int exitCode() {
    return allSettled() ? READY : NOT_READY;
  }

  /** A one-line verdict to print under the table. */
  public String summary() {
    if (applications.isEmpty()) {
      return "No Application found"
          + (namespace == null ? "" : " in namespace " + namespace)
          + "; run apply first.";
    }
    if (allSettled()) {
      return "All " + applications.size() + " Applications are Synced and Healthy.";
    }
    String problems =
        applications.stream()
            .filter(a -> !a.isSettled())
            .map(a -> a.name() + " (" + a.problem().orElseThrow() + ")")
            .collect(Collectors.joining(", "));
    long count = applications.stream().filter(a -> !a.isSettled()).count();
    return (waitExpired ? "Still not ready after " + waited.toSeconds() + "s: " : "Not ready: ")
        + count
        + " of "
        + applications.size()
        + " Applications: "
        + problems
        + ".";
  }
}
