package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.model.Resource;
import java.util.ArrayList;
import java.util.List;

/** The API server checks beyond the schemas, in id order. */
public final class ApiServerRules {

  public static final List<ApiServerRule> ALL =
      List.of(
          new DuplicateEntryName(),
          new InvalidAnnotation(),
          new InvalidIdentifier(),
          new InvalidIngress(),
          new InvalidLabel(),
          new InvalidName(),
          new InvalidRestartPolicy(),
          new InvalidSchedule(),
          new InvalidService(),
          new InvalidUpdateStrategy(),
          new InvalidVolumeClaim(),
          new RequestLimitMismatch(),
          new ServicePortNameMissing(),
          new UnknownVolume());

  private ApiServerRules() {}

  public static List<RuleInfo> infos() {
    return ALL.stream().map(ApiServerRule::info).toList();
  }

  public static List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    for (ApiServerRule rule : ALL) {
      findings.addAll(rule.check(resource));
    }
    return findings;
  }
}
