package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An object its component's Argo CD project would refuse: the generator gives each namespace a
 * project whose only destination is that namespace, and which takes cluster-scoped objects only
 * when homelab.yaml says {@code clusterResources: true}.
 */
final class OutsideProject implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "outside-project",
          Labels.FAMILY,
          "An object lies outside what its component's Argo CD project may sync.",
          "Each namespace gets an AppProject that syncs into that namespace only, and takes"
              + " cluster-scoped objects only when the namespace sets clusterResources in"
              + " homelab.yaml. An object of the component that names another namespace, or a"
              + " cluster-scoped object in a project without that flag, stops the sync of the"
              + " whole Application with a 'not permitted in project' error.",
          Severity.ERROR,
          Labels.SINCE,
          "Drop metadata.namespace or set it to the component's namespace, move the object to a"
              + " component of the right namespace, or set clusterResources: true on the"
              + " namespace in homelab.yaml.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      Optional<HomeLab.Component> component = tree.componentOf(resource);
      if (component.isEmpty()
          || !component.get().deployedByArgoCd()
          || tree.isGenerated(resource)) {
        continue;
      }
      String project = component.get().namespace();
      if (resource.clusterScoped()) {
        boolean allowed =
            tree.config().namespace(project).map(HomeLab.Namespace::clusterResources).orElse(true);
        if (!allowed) {
          findings.add(
              LabTree.atKey(
                  INFO,
                  resource,
                  "/kind",
                  resource.ref().display()
                      + " is cluster-scoped, and project `"
                      + project
                      + "` of component `"
                      + component.get().name()
                      + "` may not sync cluster-scoped objects (clusterResources is not set)"));
        }
      } else if (!resource.declaredNamespace().isEmpty()
          && !resource.declaredNamespace().equals(project)) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                "/metadata/namespace",
                resource.ref().display()
                    + " names namespace `"
                    + resource.declaredNamespace()
                    + "`, but project `"
                    + project
                    + "` of component `"
                    + component.get().name()
                    + "` syncs only into `"
                    + project
                    + "`"));
      }
    }
    return findings;
  }
}
