package dev.homelab.validator;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.model.Resource;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.validator.base.BaseRevision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * How far a change to some files reaches beyond them, for runs over named files such as a
 * pre-commit hook's: a CRD validates objects everywhere, and a renamed ConfigMap or relabelled pod
 * template breaks files nobody touched.
 */
final class ChangeReach {

  private ChangeReach() {}

  /** A CRD among the files in focus, which objects of its kinds in other files depend on. */
  static Optional<String> definitionAmong(Workspace workspace, Predicate<String> inFocus) {
    return workspace.resources().stream()
        .filter(r -> r.group().equals("apiextensions.k8s.io"))
        .filter(r -> r.kind().equals("CustomResourceDefinition"))
        .filter(r -> inFocus.test(r.file()))
        .findFirst()
        .map(
            definition ->
                definition.ref().display()
                    + " is among the files, and objects of its kinds elsewhere are validated"
                    + " against it");
  }

  /** Objects of the base revision that the tree no longer has, which other files may name. */
  static Optional<String> removedObjects(Workspace workspace, BaseRevision base) {
    List<Resource> removed = base.removedFrom(workspace);
    if (removed.isEmpty()) {
      return Optional.empty();
    }
    String named =
        removed.stream()
            .limit(3)
            .map(earlier -> earlier.ref().display())
            .collect(Collectors.joining(", "));
    String more = removed.size() > 3 ? " and " + (removed.size() - 3) + " more" : "";
    return Optional.of(
        "the tree no longer has "
            + named
            + more
            + " from "
            + base.revision()
            + ", and files the change does not touch may refer to "
            + (removed.size() == 1 ? "it" : "them"));
  }

  /**
   * Files outside the focus, unchanged since the base revision, with a finding the base tree does
   * not have at the same place (by rule, file in the tree, line and column), by display path. A
   * file that changed itself is left out: its new findings need not come from the named files.
   *
   * @param now the findings on the tree, every file included
   * @param before the same rules' findings on the base revision's complete tree
   * @param baseRoot the folder of that tree
   */
  static List<String> filesWithNewFindings(
      List<Finding> now,
      List<Finding> before,
      Workspace workspace,
      Predicate<String> inFocus,
      Path baseRoot) {
    Path root = workspace.config().orElseThrow().root();
    // The base tree is loaded from its own root, so its display paths are paths in the tree.
    Set<String> earlier = new HashSet<>();
    before.forEach(finding -> earlier.add(place(finding, finding.location().file())));
    Set<String> files = new TreeSet<>();
    for (Finding finding : now) {
      String file = finding.location().file();
      if (inFocus.test(file) || files.contains(file)) {
        continue;
      }
      Path absolute = workspace.displayRoot().resolve(file).toAbsolutePath().normalize();
      if (!absolute.startsWith(root)) {
        continue;
      }
      String inTree = root.relativize(absolute).toString().replace('\\', '/');
      if (!earlier.contains(place(finding, inTree))
          && sameBytes(absolute, baseRoot.resolve(inTree))) {
        files.add(file);
      }
    }
    return List.copyOf(files);
  }

  private static boolean sameBytes(Path file, Path earlier) {
    try {
      return Files.isRegularFile(earlier) && Files.mismatch(file, earlier) == -1;
    } catch (IOException e) {
      return false;
    }
  }

  private static String place(Finding finding, String file) {
    return finding.ruleId()
        + "\n"
        + file
        + "\n"
        + finding.location().line()
        + ":"
        + finding.location().column();
  }
}
