package dev.homelab.validator.objectmeta;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.model.Resource;
import java.util.List;

/**
 * A check the API server applies to every object's metadata beyond its JSON Schema. These rules
 * belong to the schema family: they need no homelab.yaml, and the acceptance suite holds their
 * cases.
 */
public interface ObjectMetaRule {

  RuleInfo info();

  List<Finding> check(Resource resource);
}
