package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.discovery.IgnoreRules;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A .homelabignore pattern leaves out a whole component's folder: the checks never see its files,
 * while the component's Application still syncs them.
 */
final class ComponentIgnored implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "component-ignored",
          Labels.FAMILY,
          "A .homelabignore pattern leaves out a component's whole folder.",
          "A .homelabignore is for files the cluster never sees, such as notes or another tool's"
              + " configuration. Argo CD does not read it: the component's Application syncs every"
              + " manifest in the component's folder all the same, so a pattern that names the"
              + " folder (or a folder above it, such as a whole layer) hides objects that reach"
              + " the cluster from every schema, convention and policy check, without a note in"
              + " the report. A line that leaves out the tree's own folder is reported once, for"
              + " all its components. The finding is at the line that decides, in the .homelabignore"
              + " files of the tree's folders and those above it up to the repository; .gitignore"
              + " is not reported, since what git ignores is never committed and never synced.",
          Severity.WARNING,
          Labels.SINCE,
          "Remove the line, or narrow it to the files that are not manifests (such as"
              + " `applications/nginx/*.md`); to stop deploying the component, remove it from"
              + " homelab.yaml instead.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    Path root = tree.config().root().toAbsolutePath().normalize();
    Path displayRoot = tree.workspace().displayRoot().toAbsolutePath().normalize();
    Path top = root.startsWith(displayRoot) ? displayRoot : root;
    // By file, then line: the components each deciding line hides.
    Map<Path, Map<Integer, List<String>>> hidden = new TreeMap<>();
    Map<Path, Map<Integer, String>> texts = new HashMap<>();
    List<HomeLab.Component> inTree = new ArrayList<>();
    for (HomeLab.Component component : tree.lab().components()) {
      Path folder = root.resolve(component.path()).normalize();
      if (folder.startsWith(root) && !folder.equals(root) && Files.isDirectory(folder)) {
        inTree.add(component);
      }
    }
    IgnoreRules.Line wholeTree =
        root.equals(top) ? null : IgnoreRules.deciding(top, root, true).orElse(null);
    if (wholeTree != null && !inTree.isEmpty()) {
      return List.of(
          tree.atFile(
              INFO,
              wholeTree.file(),
              wholeTree.number(),
              1,
              "`"
                  + wholeTree.text()
                  + "` leaves out the lab's whole tree, `"
                  + top.relativize(root).toString().replace('\\', '/')
                  + (inTree.size() > 1
                      ? "/`, with the folders of all " + inTree.size() + " of its components"
                      : "/`, with the folder of its one component")
                  + ", which Argo CD still syncs; no check sees "
                  + (inTree.size() > 1 ? "their" : "its")
                  + " files"));
    }
    for (HomeLab.Component component : inTree) {
      Path folder = root.resolve(component.path()).normalize();
      // The walk starts below the tree's root and stops at the first folder on the way left out.
      for (Path dir = root.resolve(root.relativize(folder).getName(0));
          ;
          dir = dir.resolve(folder.getName(dir.getNameCount()))) {
        IgnoreRules.Line deciding = IgnoreRules.deciding(top, dir, true).orElse(null);
        if (deciding != null) {
          hidden
              .computeIfAbsent(deciding.file(), f -> new TreeMap<>())
              .computeIfAbsent(deciding.number(), n -> new ArrayList<>())
              .add(component.name());
          texts
              .computeIfAbsent(deciding.file(), f -> new HashMap<>())
              .put(deciding.number(), deciding.text());
          break;
        }
        if (dir.equals(folder)) {
          break;
        }
      }
    }
    List<Finding> findings = new ArrayList<>();
    hidden.forEach(
        (file, lines) ->
            lines.forEach(
                (number, components) ->
                    findings.add(
                        tree.atFile(
                            INFO,
                            file,
                            number,
                            1,
                            "`"
                                + texts.get(file).get(number)
                                + (components.size() > 1
                                    ? "` leaves out the folders of components `"
                                    : "` leaves out the folder of component `")
                                + String.join("`, `", components)
                                + "`, which Argo CD still syncs; no check sees "
                                + (components.size() > 1 ? "their" : "its")
                                + " files"))));
    return findings;
  }
}
