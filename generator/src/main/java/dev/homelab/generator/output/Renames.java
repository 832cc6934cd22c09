package dev.homelab.generator.output;

import dev.homelab.generator.model.AppOfApps;
import dev.homelab.generator.model.ArgoObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renamed Applications: an old Application and a new one with a different name that deploy the same
 * component path. Argo CD sees a deletion plus a creation, and the old Application's finalizer
 * deletes everything it deployed, so a rename is refused unless the operator allows it.
 */
public final class Renames {
  /** One rename, from the Application as it was to the one that replaces it. */
  public record Rename(ArgoObject before, ArgoObject after) {
    /** What deleting the old Application takes down with it, for the operator to read. */
    public String describe() {
      return "Application `"
          + before.name()
          + "` becomes `"
          + after.name()
          + "` (component path "
          + before.componentPath()
          + "). "
          + finalizerDeletion(before)
          + "; `"
          + after.name()
          + "` then deploys them anew.";
    }
  }

  private Renames() {}

  /** The renames from {@code previous} to {@code next} Applications. */
  public static List<Rename> detect(Collection<ArgoObject> previous, Collection<ArgoObject> next) {
    Set<String> nextNames = applicationNames(next);
    Set<String> previousNames = applicationNames(previous);
    List<Rename> renames = new ArrayList<>();
    for (ArgoObject before : previous) {
      if (!before.isApplication()
          || before.componentPath() == null
          || nextNames.contains(before.name())) {
        continue;
      }
      for (ArgoObject after : next) {
        if (after.isApplication()
            && before.componentPath().equals(after.componentPath())
            && !previousNames.contains(after.name())) {
          renames.add(new Rename(before, after));
        }
      }
    }
    return renames;
  }

  /** The names of the Applications among {@code objects}. */
  static Set<String> applicationNames(Collection<ArgoObject> objects) {
    return objects.stream()
        .filter(ArgoObject::isApplication)
        .map(ArgoObject::name)
        .collect(Collectors.toSet());
  }

  /**
   * What Argo CD deletes with {@code application}, through its finalizer, in one sentence without
   * the full stop; renames and removals both say it.
   */
  static String finalizerDeletion(ArgoObject application) {
    return "Argo CD deletes `"
        + application.name()
        + "` in namespace "
        + Objects.toString(application.at("metadata", "namespace"), "?")
        + ", and its finalizer "
        + AppOfApps.FINALIZER
        + " deletes every resource it deployed to namespace "
        + Objects.toString(application.at("spec", "destination", "namespace"), "?")
        + " from "
        + sources(application);
  }

  /** What {@code application} deploys, in words, for messages about deleting it. */
  private static String sources(ArgoObject application) {
    List<String> described = new ArrayList<>();
    for (Map<?, ?> source : application.sources()) {
      if (source.get("chart") != null) {
        described.add(
            "chart "
                + source.get("chart")
                + " "
                + source.get("targetRevision")
                + " of "
                + source.get("repoURL"));
      } else if (source.get("path") != null) {
        Object include =
            source.get("directory") instanceof Map<?, ?> directory
                ? directory.get("include")
                : null;
        described.add(
            source.get("path")
                + (include == null ? "" : " (" + include + ")")
                + " of "
                + source.get("repoURL")
                + " at "
                + source.get("targetRevision"));
      }
    }
    return described.isEmpty() ? "its sources" : String.join(" and ", described);
  }
}
