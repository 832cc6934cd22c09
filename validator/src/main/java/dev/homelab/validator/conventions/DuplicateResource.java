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
        // A file named beside the tree redefines the tree's object, whichever path sorts first.
        boolean earlierOutside =
            tree.treePath(earlier).isEmpty() && tree.treePath(resource).isPresent();
        Resource reported = earlierOutside ? earlier : resource;
        Resource other = earlierOutside ? resource : earlier;
        if (earlierOutside) {
          first.put(key, resource); // so that a second definition in the tree is reported too
        }
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
