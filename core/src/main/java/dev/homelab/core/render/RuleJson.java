package dev.homelab.core.render;

import dev.homelab.core.finding.RuleInfo;
import java.util.Collection;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Rule metadata as JSON, for {@code --list-rules} and {@code --explain} read by scripts. */
public final class RuleJson {

  private RuleJson() {}

  /** A JSON array of the rules, in the order given. */
  public static String list(Collection<RuleInfo> rules) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    rules.forEach(rule -> array.add(object(rule)));
    return JsonText.pretty(array);
  }

  /** One rule as a JSON object. */
  public static String one(RuleInfo rule) {
    return JsonText.pretty(object(rule));
  }

  private static ObjectNode object(RuleInfo rule) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", rule.id());
    node.put("severity", rule.severity().label());
    node.put("family", rule.family());
    node.put("summary", rule.summary());
    node.put("description", rule.description().isEmpty() ? rule.summary() : rule.description());
    node.put("remediation", rule.remediation());
    node.put("since", rule.since());
    if (!rule.restates().isEmpty()) {
      node.put("restates", rule.restates());
    }
    rule.helpUri().ifPresent(uri -> node.put("help", uri));
    return node;
  }
}
