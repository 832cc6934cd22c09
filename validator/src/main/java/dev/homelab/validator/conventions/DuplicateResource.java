package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The same group, kind, namespace and name is defined only once in the tree. */
final class DuplicateResource implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "duplicate-resource",
          Labels.FAMILY,
          "The same object is defined twice in the tree.",
          "Two manifests with the same group, kind, namespace and name overwrite each other when"
              + " applied, and Argo CD reports the object as shared between applications.",
          Severity.ERROR,
          Labels.SINCE,
          "Keep one definition and delete or rename the other.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean dependsOnFocus() {
    return true;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    Map<String, Resource> first = new HashMap<>();
    for (Resource resource : tree.resources()) {
      if (resource.name().isEmpty()) {
        continue;
      }
      String key =
          resource.group()
              + "/"
              + resource.kind()
              + "/"
              + resource.namespace()
              + "/"
              + resource.name();
      Resource earlier = first.putIfAbsent(key, resource);
      if (earlier != null) {
        Resource reported = tree.reportsOnFirst(earlier, resource) ? earlier : resource;
        Resource other = reported == resource ? earlier : resource;
        findings.add(
            LabTree.at(
                INFO,
                reported,
                "/metadata/name",
                reported.ref().display()
                    + " is also defined at "
                    + other.locate("/metadata/name")));
      }
    }
    return findings;
  }
}
