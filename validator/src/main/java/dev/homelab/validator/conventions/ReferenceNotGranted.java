package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A Gateway API route's backend, or a Gateway's certificate, in another namespace without a
 * ReferenceGrant there that allows it: the reference does not resolve and the route or listener
 * does not work.
 */
final class ReferenceNotGranted implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "reference-not-granted",
          Labels.FAMILY,
          "A Gateway API reference into another namespace lacks the ReferenceGrant it needs.",
          "Gateway API lets a route use a backend, and a Gateway listener a certificate Secret,"
              + " in another namespace only when a ReferenceGrant in that namespace allows it:"
              + " from the route's (or Gateway's) kind and namespace, to the backend's kind and"
              + " optionally its name. Without one the reference is not resolved (the route's"
              + " ResolvedRefs condition is false) and requests to that backend fail. A grant that"
              + " a chart makes is not seen; exempt the finding then.",
          Severity.ERROR,
          Labels.SINCE,
          "Add a ReferenceGrant in the backend's namespace with `from` naming the route's kind and"
              + " namespace and `to` naming the backend's kind (and name), or move the backend"
              + " into the route's namespace.");

  private static final String GROUP = LabTree.GATEWAY_API;

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
    if (!tree.loadedWhole()) {
      return List.of(); // the ReferenceGrant may be in a file the run did not load
    }
    List<Resource> grants = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      if (resource.group().equals(GROUP) && resource.kind().equals("ReferenceGrant")) {
        grants.add(resource);
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      if (!resource.group().equals(GROUP)) {
        continue;
      }
      if (LabTree.GATEWAY_ROUTE_KINDS.contains(resource.kind())) {
        List<JsonNode> rules = Nodes.elements(resource.object().at("/spec/rules"));
        for (int i = 0; i < rules.size(); i++) {
          List<JsonNode> backends = Nodes.elements(rules.get(i).path("backendRefs"));
          for (int j = 0; j < backends.size(); j++) {
            check(resource, Pointer.of("spec", "rules", i, "backendRefs", j), "Service", grants)
                .ifPresent(findings::add);
          }
          List<JsonNode> filters = Nodes.elements(rules.get(i).path("filters"));
          for (int k = 0; k < filters.size(); k++) {
            String mirror =
                Pointer.of("spec", "rules", i, "filters", k, "requestMirror", "backendRef");
            check(resource, mirror, "Service", grants).ifPresent(findings::add);
          }
        }
      } else if (resource.kind().equals("Gateway")) {
        List<JsonNode> listeners = Nodes.elements(resource.object().at("/spec/listeners"));
        for (int i = 0; i < listeners.size(); i++) {
          List<JsonNode> certificates = Nodes.elements(listeners.get(i).at("/tls/certificateRefs"));
          for (int j = 0; j < certificates.size(); j++) {
            String pointer = Pointer.of("spec", "listeners", i, "tls", "certificateRefs", j);
            check(resource, pointer, "Secret", grants).ifPresent(findings::add);
          }
        }
      }
    }
    return findings;
  }

  /** A finding when the reference at {@code pointer} crosses namespaces without a grant. */
  private static Optional<Finding> check(
      Resource from, String pointer, String defaultKind, List<Resource> grants) {
    JsonNode reference = from.object().at(pointer);
    String namespace = Nodes.text(reference, "namespace", from.namespace());
    if (namespace.equals(from.namespace())) {
      return Optional.empty();
    }
    String group = Nodes.text(reference, "group", "");
    String kind = Nodes.text(reference, "kind", defaultKind);
    String name = Nodes.text(reference, "name", "");
    for (Resource grant : grants) {
      if (grant.namespace().equals(namespace) && allows(grant, from, group, kind, name)) {
        return Optional.empty();
      }
    }
    return Optional.of(
        LabTree.at(
            INFO,
            from,
            pointer + "/namespace",
            LabTree.subject(from)
                + " uses "
                + kind
                + " `"
                + namespace
                + "/"
                + name
                + "`, but no ReferenceGrant in namespace `"
                + namespace
                + "` allows "
                + from.kind()
                + " objects from `"
                + from.namespace()
                + "` to use it"));
  }

  private static boolean allows(
      Resource grant, Resource from, String group, String kind, String name) {
    boolean fromMatches = false;
    for (JsonNode source : Nodes.elements(grant.object().at("/spec/from"))) {
      fromMatches |=
          Nodes.text(source, "group", "").equals(GROUP)
              && Nodes.text(source, "kind", "").equals(from.kind())
              && Nodes.text(source, "namespace", "").equals(from.namespace());
    }
    if (!fromMatches) {
      return false;
    }
    for (JsonNode target : Nodes.elements(grant.object().at("/spec/to"))) {
      String allowedName = Nodes.text(target, "name", "");
      if (Nodes.text(target, "group", "").equals(group)
          && Nodes.text(target, "kind", "").equals(kind)
          && (allowedName.isEmpty() || allowedName.equals(name))) {
        return true;
      }
    }
    return false;
  }
}
