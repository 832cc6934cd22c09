package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.model.Resource;
import java.util.List;

/**
 * A check the API server makes that no JSON Schema expresses, such as the syntax of names and
 * labels. These rules belong to the schema family: they need no homelab.yaml, and the acceptance
 * suite holds their cases.
 */
public interface ApiServerRule {

  RuleInfo info();

  List<Finding> check(Resource resource);
}
