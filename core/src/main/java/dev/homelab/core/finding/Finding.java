package dev.homelab.core.finding;

import dev.homelab.core.source.Location;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem at one place. Immutable, with a total order so that reports are byte-identical from
 * run to run.
 *
 * @param resource the object the finding is about, or null for file-level findings
 * @param suppression set when an exemption covers the finding; exempted findings are counted but do
 *     not fail a run
 */
public record Finding(
    String ruleId,
    Severity severity,
    String message,
    Location location,
    ResourceRef resource,
    Suppression suppression)
    implements Comparable<Finding> {

  private static final Comparator<ResourceRef> NULLABLE_RESOURCE =
      Comparator.nullsFirst(Comparator.naturalOrder());

  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::location)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::severity)
          .thenComparing(Finding::message)
          .thenComparing(Finding::resource, NULLABLE_RESOURCE)
          .thenComparing(f -> f.suppression == null ? "" : f.suppression.reason());

  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(location, "location");
  }

  public static Finding of(RuleInfo rule, Location location, String message) {
    return new Finding(rule.id(), rule.severity(), message, location, null, null);
  }

  public static Finding of(RuleInfo rule, Location location, ResourceRef resource, String message) {
    return new Finding(rule.id(), rule.severity(), message, location, resource, null);
  }

  public Finding withSeverity(Severity newSeverity) {
    return new Finding(ruleId, newSeverity, message, location, resource, suppression);
  }

  public Finding suppressed(Suppression by) {
    return new Finding(ruleId, severity, message, location, resource, by);
  }

  public boolean isSuppressed() {
    return suppression != null;
  }

  @Override
  public int compareTo(Finding other) {
    return ORDER.compare(this, other);
  }
}
