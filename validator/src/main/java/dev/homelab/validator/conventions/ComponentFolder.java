package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.yaml.Pointer;
import dev.homelab.core.yaml.YamlFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every declared component has its folder, with manifests when Argo CD syncs it as a directory, and
 * every folder in a layer is a declared component.
 */
final class ComponentFolder implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "component-folder",
          Labels.FAMILY,
          "A component's folder is missing or empty, or a folder in a layer is not a component.",
          "homelab.yaml lists every component with its folder; the generator only deploys declared"
              + " components, so an undeclared folder never reaches the cluster, and a missing or empty"
              + " one breaks its Application.",
          Severity.ERROR,
          Labels.SINCE,
          "Declare the folder as a component in homelab.yaml, fix the component's path, or add the"
              + " manifests its Application syncs.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    List<HomeLab.Component> components = tree.lab().components();
    Map<String, List<Path>> manifests = tree.manifestsByComponent();
    for (int i = 0; i < components.size(); i++) {
      HomeLab.Component component = components.get(i);
      if (!Files.isDirectory(tree.config().root().resolve(component.path()))) {
        findings.add(
            tree.inConfig(
                INFO,
                Pointer.of("components", i, "path"),
                "component `" + component.name() + "` has no folder " + component.path() + "/"));
      } else if (!component.isHelm()
          && component.deployedByArgoCd()
          && tree.loadedWhole()
          && !manifests.containsKey(component.name())) {
        // The generator refuses to write such an Application; the checks say so first.
        findings.add(
            tree.inConfig(
                INFO,
                Pointer.of("components", i, "path"),
                "component `"
                    + component.name()
                    + "` has no manifests in "
                    + component.path()
                    + "/ for its Application to sync; add them, or set `deploy: script` when"
                    + " something else installs it"));
      }
    }
    Map<String, SourceFile> undeclared = new LinkedHashMap<>();
    List<SourceFile> files = new ArrayList<>();
    tree.workspace().files().stream().map(YamlFile::source).forEach(files::add);
    files.addAll(tree.workspace().otherFiles());
    files.sort(null);
    for (SourceFile file : files) {
      Optional<String> path = tree.treePath(file);
      if (path.isEmpty()) {
        continue;
      }
      String[] parts = path.get().split("/");
      if (parts.length < 3 || !tree.lab().layers().contains(parts[0])) {
        continue; // files directly in a layer folder, or outside the layers
      }
      if (tree.config().componentAt(path.get()).isEmpty()) {
        undeclared.putIfAbsent(parts[0] + "/" + parts[1], file);
      }
    }
    for (Map.Entry<String, SourceFile> folder : undeclared.entrySet()) {
      findings.add(
          tree.atFile(
              INFO,
              folder.getValue().path(),
              1,
              1,
              "folder "
                  + folder.getKey()
                  + "/ is not the folder of any component in homelab.yaml"));
    }
    return findings;
  }
}
