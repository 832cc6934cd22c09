package dev.homelab.generator.output;

import dev.homelab.generator.model.ArgoObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The Argo CD objects a run adds, changes and removes, compared object by object, and the commit
 * message that lists them.
 */
public record ChangeSummary(
    SortedSet<String> added, SortedSet<String> changed, SortedSet<String> removed) {

  public static ChangeSummary between(
      Map<String, ArgoObject> previous, Collection<ArgoObject> next) {
    SortedSet<String> added = new TreeSet<>();
    SortedSet<String> changed = new TreeSet<>();
    SortedSet<String> removed = new TreeSet<>(previous.keySet());
    for (ArgoObject object : next) {
      ArgoObject before = previous.get(object.label());
      removed.remove(object.label());
      if (before == null) {
        added.add(object.label());
      } else if (!before.body().equals(object.body())) {
        changed.add(object.label());
      }
    }
    return new ChangeSummary(added, changed, removed);
  }

  /** Whether no object changed (the diagram alone may have). */
  public boolean isEmpty() {
    return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
  }

  /**
   * A subject line with the counts, then one list per kind of change; the files are listed only
   * when no object changed.
   */
  public String commitMessage(Collection<String> changedFiles) {
    StringBuilder message = new StringBuilder("Refresh Argo CD app-of-apps: ");
    if (isEmpty()) {
      message.append("no Application changed\n");
    } else {
      message
          .append(added.size())
          .append(" added, ")
          .append(changed.size())
          .append(" changed, ")
          .append(removed.size())
          .append(" removed\n");
    }
    section(message, "Added", added);
    section(message, "Changed", changed);
    section(message, "Removed", removed);
    if (isEmpty()) {
      section(message, "Files", changedFiles);
    }
    return message.toString();
  }

  private static void section(StringBuilder message, String title, Collection<String> items) {
    if (!items.isEmpty()) {
      message.append('\n').append(title).append(":\n");
      List.copyOf(items).forEach(item -> message.append("- ").append(item).append('\n'));
    }
  }
}
