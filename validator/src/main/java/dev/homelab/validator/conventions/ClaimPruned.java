package dev.homelab.validator.conventions;

import dev.homelab.core.change.BaseRevision;
import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.source.Location;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.YamlFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Against the revision given with {@code --base}: a claim that leaves the tree, which Argo CD's
 * prune deletes with its data, and a StatefulSet whose new name gives its pods new, empty claims.
 */
final class ClaimPruned implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "claim-pruned",
          Labels.FAMILY,
          "A change makes Argo CD delete a volume claim, or gives a StatefulSet's pods new ones.",
          "With pruning on (the lab's default), Argo CD deletes what leaves the tree. For a"
              + " PersistentVolumeClaim that deletes the data too: K3s's local-path and most"
              + " provisioners give volumes the Delete reclaim policy. A StatefulSet that is"
              + " removed keeps its claims unless its retention policy says Delete, but one that"
              + " is renamed gets new claims (`<template>-<new name>-0`), so its pods start empty"
              + " while the data stays behind in the old claims. The check runs only with `--base"
              + " REF`, for components that are still in homelab.yaml; the generator refuses to"
              + " remove a component's Application, which would take all its claims, unless"
              + " --allow-delete.",
          Severity.WARNING,
          Labels.SINCE,
          "Keep the claim or the StatefulSet's name. To let the claim outlive the change, annotate"
              + " it `argocd.argoproj.io/sync-options: Prune=false` in a commit before the one"
              + " that removes it; to move data to a renamed StatefulSet, copy it into the new"
              + " claims first.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean concludesFromAbsence() {
    return true;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    if (!tree.loadedWhole()) {
      return List.of(); // an object the run did not load is not gone from the tree
    }
    if (tree.base().isEmpty()) {
      return List.of();
    }
    String revision = tree.base().get().revision();
    Workspace base = tree.base().get().workspace();
    Set<String> present = new HashSet<>();
    for (Resource resource : tree.resources()) {
      present.add(BaseRevision.identity(resource));
    }
    Map<String, String> displayPaths = new HashMap<>();
    for (YamlFile file : tree.workspace().files()) {
      tree.treePath(file.source())
          .ifPresent(path -> displayPaths.put(path, file.source().displayPath()));
    }
    List<Finding> findings = new ArrayList<>();
    for (Resource earlier : base.resources()) {
      boolean claim = earlier.kind().equals("PersistentVolumeClaim") && earlier.group().isEmpty();
      boolean statefulSet = earlier.kind().equals("StatefulSet") && earlier.group().equals("apps");
      if (!(claim || statefulSet) || present.contains(BaseRevision.identity(earlier))) {
        continue;
      }
      Optional<String> path = base.treePath(earlier.document().file());
      Optional<HomeLab.Component> component = path.flatMap(tree.config()::componentAt);
      if (component.isEmpty()
          || !component.get().deployedByArgoCd()
          || Boolean.FALSE.equals(component.get().sync().prune())
          || LabTree.syncOptions(earlier).contains("Prune=false")) {
        continue;
      }
      String was =
          LabTree.subject(earlier)
              + " in namespace `"
              + earlier.namespace()
              + "` ("
              + revision
              + ": "
              + path.get()
              + ":"
              + earlier.location().line()
              + ")";
      if (claim) {
        findings.add(
            Finding.of(
                INFO,
                where(tree, displayPaths, path.get(), component.get()),
                was
                    + " is no longer in the tree: Argo CD prunes it at the next sync, and with the"
                    + " usual Delete reclaim policy its volume and data go with it"));
      } else if (Nodes.text(
              earlier.object().at("/spec/persistentVolumeClaimRetentionPolicy"), "whenDeleted", "")
          .equals("Delete")) {
        findings.add(
            Finding.of(
                INFO,
                where(tree, displayPaths, path.get(), component.get()),
                was
                    + " is no longer in the tree, and its retention policy deletes its claims"
                    + " with it: their data goes when Argo CD prunes it"));
      } else {
        renamed(tree, earlier, present, was, findings);
      }
    }
    return findings;
  }

  /** A new StatefulSet of the namespace with a claim template of the same name as the old one's. */
  private static void renamed(
      LabTree tree, Resource earlier, Set<String> present, String was, List<Finding> findings) {
    Set<String> templates = templateNames(earlier);
    if (templates.isEmpty()) {
      return;
    }
    for (Resource now : tree.resources()) {
      if (!now.kind().equals("StatefulSet")
          || !now.group().equals("apps")
          || !now.namespace().equals(earlier.namespace())
          || tree.baseVersion(now).isPresent()) {
        continue;
      }
      Set<String> shared = templateNames(now);
      shared.retainAll(templates);
      if (!shared.isEmpty()) {
        String template = shared.iterator().next();
        findings.add(
            LabTree.at(
                INFO,
                now,
                "/metadata/name",
                LabTree.subject(now)
                    + " looks like "
                    + was
                    + " under a new name: its pods get new, empty claims such as `"
                    + template
                    + "-"
                    + now.name()
                    + "-0`, while the data stays in `"
                    + template
                    + "-"
                    + earlier.name()
                    + "-0`"));
      }
    }
  }

  private static Set<String> templateNames(Resource statefulSet) {
    Set<String> names = new HashSet<>();
    for (JsonNode template :
        Nodes.elements(statefulSet.object().at("/spec/volumeClaimTemplates"))) {
      String name = Nodes.text(template.path("metadata"), "name", "");
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * Where to report an object that left the tree: the start of its file when the file is still
   * there, else the component's entry in homelab.yaml.
   */
  private static Location where(
      LabTree tree,
      Map<String, String> displayPaths,
      String treePath,
      HomeLab.Component component) {
    String display = displayPaths.get(treePath);
    if (display != null) {
      return Location.fileStart(display);
    }
    List<HomeLab.Component> components = tree.lab().components();
    int index = 0;
    while (index < components.size() && !components.get(index).name().equals(component.name())) {
      index++;
    }
    return tree.config().locate("/components/" + index);
  }
}
