package dev.homelab.policy.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of a policy, from the {@code # METADATA} annotations that {@code
 * scripts/build-policy-wasm.sh} extracts into {@code rules.json}.
 */
public final class RuleCatalog {
  static final String BUNDLED_RESOURCE = "/dev/homelab/policy/wasm/rules.json";

  /**
   * One rule's metadata; {@code packageName} is the Rego package, such as homelab.policies.tls.
   *
   * @param restates the toolkit rule whose finding a run of both tools keeps instead (empty for
   *     none)
   * @param severityDeclared whether its METADATA names the severity, which its findings then take;
   *     else {@code severity} is the one its deny or warn gives them
   * @param place the file:line of its METADATA's rule, for messages; empty when unknown
   */
  public record Rule(
      String id,
      String title,
      String description,
      String severity,
      String remediation,
      String packageName,
      String restates,
      boolean severityDeclared,
      String place) {}

  private final Map<String, Rule> byId;

  private RuleCatalog(Map<String, Rule> byId) {
    this.byId = Collections.unmodifiableMap(byId);
  }

  /** The catalogue of the policy bundled in this jar. */
  public static RuleCatalog loadBundled() {
    InputStream in = RuleCatalog.class.getResourceAsStream(BUNDLED_RESOURCE);
    if (in == null) {
      throw new PolicyException("the jar has no " + BUNDLED_RESOURCE);
    }
    return read(in);
  }

  /** Reads a rules.json array; ids must be unique. */
  public static RuleCatalog read(InputStream rulesJson) {
    JsonNode root = Json.read(rulesJson, "rules.json");
    if (!root.isArray()) {
      throw new PolicyException("rules.json is not an array of rules");
    }
    Map<String, Rule> byId = new LinkedHashMap<>();
    for (JsonNode node : root) {
      String id = Json.text(node, "id", "a rule in rules.json");
      String what = "rule " + id + " in rules.json";
      Rule rule =
          new Rule(
              id,
              Json.text(node, "title", what),
              Json.text(node, "description", what),
              Json.text(node, "severity", what),
              Json.text(node, "remediation", what),
              Json.text(node, "package", what),
              node.has("restates") ? Json.text(node, "restates", what) : "",
              // The bundled rules.json leaves both out: its build requires every severity.
              node.path("severityDeclared").asBoolean(true),
              node.path("place").asText(""));
      if (byId.putIfAbsent(id, rule) != null) {
        throw new PolicyException("rules.json lists rule " + id + " twice");
      }
    }
    return new RuleCatalog(byId);
  }

  /** Every rule, in the catalogue's order (sorted by id). */
  public List<Rule> rules() {
    return List.copyOf(new ArrayList<>(byId.values()));
  }

  public Optional<Rule> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }
}
