package dev.homelab.validator.objectmeta;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.model.Resource;
import java.util.ArrayList;
import java.util.List;

/** The object metadata rules, in id order. */
public final class ObjectMetaRules {

  public static final List<ObjectMetaRule> ALL =
      List.of(new InvalidAnnotation(), new InvalidLabel(), new InvalidName());

  private ObjectMetaRules() {}

  public static List<RuleInfo> infos() {
    return ALL.stream().map(ObjectMetaRule::info).toList();
  }

  public static List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    for (ObjectMetaRule rule : ALL) {
      findings.addAll(rule.check(resource));
    }
    return findings;
  }
}
