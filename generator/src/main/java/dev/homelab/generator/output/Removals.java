package dev.homelab.generator.output;

import dev.homelab.generator.model.ArgoObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removed component Applications: ones the previous output had and the next has under neither their
 * name nor their component path. The finalizer makes Argo CD delete everything such an Application
 * deployed, claims and their data included, so a removal is refused unless the operator allows it,
 * as a rename is.
 */
public final class Removals {
  /** One removed Application, as it was. */
  public record Removal(ArgoObject application) {
    /** What deleting the Application takes down with it, for the operator to read. */
    public String describe() {
      return "Application `"
          + application.name()
          + "` is removed (component path "
          + application.componentPath()
          + "). "
          + Renames.finalizerDeletion(application)
          + ", persistent volume claims and their data included.";
    }
  }

  private Removals() {}

  /** The component Applications of {@code previous} that {@code next} neither keeps nor renames. */
  public static List<Removal> detect(Collection<ArgoObject> previous, Collection<ArgoObject> next) {
    Set<String> kept = Renames.applicationNames(next);
    Set<String> paths =
        next.stream()
            .filter(ArgoObject::isApplication)
            .map(ArgoObject::componentPath)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    List<Removal> removals = new ArrayList<>();
    for (ArgoObject before : previous) {
      if (before.isApplication()
          && before.componentPath() != null
          && !kept.contains(before.name())
          && !paths.contains(before.componentPath())) {
        removals.add(new Removal(before));
      }
    }
    return removals;
  }
}
