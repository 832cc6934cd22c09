package dev.homelab.validator.conventions;

import dev.homelab.core.finding.RuleInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every convention rule, in one sorted list; a duplicate id fails at start-up. */
public final class ConventionRules {

  public static final List<ConventionRule> ALL =
      registry(
          new AddressConflict(),
          new AdrNaming(),
          new ClaimPruned(),
          new ClientSideApplyTooLarge(),
          new ComponentFolder(),
          new ComponentIgnored(),
          new CrossNamespaceReference(),
          new DocsPathOutsideRepository(),
          new DuplicateHost(),
          new DuplicateResource(),
          new GitPathMismatch(),
          new HelmValuesFile(),
          new HostPattern(),
          new ImmutableFieldChanged(),
          new InvalidArgocdAnnotation(),
          new KustomizationNotBuilt(),
          new KustomizationPathMissing(),
          new JobWithoutHook(),
          new LayerPlacement(),
          new ManifestOutsideComponent(),
          new MiddlewareNotFound(),
          new MissingDependency(),
          new MonitorNotSelected(),
          new NamedPortNotFound(),
          new NamePattern(),
          new NamespaceDeclared(),
          new NamespaceLimitsDifferFromProfile(),
          new NamespaceLimitsMissing(),
          new NamespaceObjectMissing(),
          new OutsideProject(),
          new PdbBlocksDrain(),
          new QuotaExceeded(),
          new RecommendedLabels(),
          new ReferenceNotFound(),
          new ReplicasWithAutoscaler(),
          new ReferenceNotGranted(),
          new RouteNotAttached(),
          new RunbookNaming(),
          new SelectorMismatch(),
          new SharedTlsSecret(),
          new UnknownIngressClass());

  private ConventionRules() {}

  public static List<RuleInfo> infos() {
    return ALL.stream().map(ConventionRule::info).toList();
  }

  static List<ConventionRule> registry(ConventionRule... rules) {
    Set<String> ids = new HashSet<>();
    List<ConventionRule> sorted = new ArrayList<>();
    for (ConventionRule rule : rules) {
      if (!ids.add(rule.info().id())) {
        throw new IllegalStateException("two convention rules share the id " + rule.info().id());
      }
      sorted.add(rule);
    }
    sorted.sort(Comparator.comparing(rule -> rule.info().id()));
    return List.copyOf(sorted);
  }
}
