package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.ResourceRef;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A namespace that Argo CD Applications sync into has no Namespace object in the tree. The
 * generator writes every Application with CreateNamespace=false, so nothing creates it and each
 * sync into it fails.
 */
final class NamespaceObjectMissing implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
              "namespace-object-missing",
              Labels.FAMILY,
              "A namespace of homelab.yaml that Applications sync into has no Namespace object.",
              "The generated Applications sync with CreateNamespace=false, so that each namespace"
                  + " is created once, with its labels, by a Namespace object in the tree (the lab"
                  + " keeps them in one component). A namespace declared in homelab.yaml whose"
                  + " components Argo CD deploys, but which no Namespace object creates, makes every"
                  + " sync into it fail with `namespaces \"<name>\" not found`. Namespaces Kubernetes"
                  + " makes itself (default, kube-system, kube-public, kube-node-lease), Argo CD's own"
                  + " namespace, and namespaces whose components are all installed by scripts are"
                  + " not checked. The rule concludes only when the run loaded the whole tree and"
                  + " every file of it loaded.",
              Severity.ERROR,
              Labels.SINCE,
              "Add a Namespace object for it (in the component that holds the others), or fix the"
                  + " name of the Namespace object that was meant to create it.")
          .withReportedIn(RuleInfo.ReportedIn.LAB_NAMESPACES);

  /** Namespaces every cluster has from the start. */
  private static final Set<String> BUILT_IN =
      Set.of("default", "kube-system", "kube-public", "kube-node-lease");

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
    List<Finding> findings = new ArrayList<>();
    if (!tree.loadedWhole()) {
      return findings; // the Namespace object may be in a file the run did not load
    }
    Set<String> created = new HashSet<>();
    for (Resource resource : tree.resources()) {
      if (resource.kind().equals("Namespace") && resource.group().isEmpty()) {
        created.add(resource.name());
      }
    }
    Set<String> synced = tree.lab().namespacesArgoCdSyncs();
    List<HomeLab.Namespace> namespaces = tree.lab().namespaces();
    for (int i = 0; i < namespaces.size(); i++) {
      String name = namespaces.get(i).name();
      if (synced.contains(name)
          && !created.contains(name)
          && !BUILT_IN.contains(name)
          && !name.equals(tree.lab().argocd().namespace())) {
        findings.add(
            Finding.of(
                INFO,
                tree.config().locate(Pointer.of("namespaces", i, "name")),
                new ResourceRef("v1", "Namespace", "", name),
                "namespace `"
                    + name
                    + "` has no Namespace object in the tree, and its Applications sync with"
                    + " CreateNamespace=false, so Argo CD cannot create it"));
      }
    }
    return findings;
  }
}
