package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Entries;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Pointer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A container's request the API server refuses next to its limit: above it, or, for resources it
 * never overcommits (extended resources such as GPUs, and huge pages), different from it.
 */
final class RequestLimitMismatch extends ObjectRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "request-limit-mismatch",
          "schema",
          "A container requests more than its limit, or an extended resource lacks an equal limit.",
          "The API server refuses a container whose request for a resource exceeds its limit for"
              + " the same resource. Extended resources such as nvidia.com/gpu, and huge pages,"
              + " are never overcommitted: a request for them needs a limit, and the two must be"
              + " equal. Either way the pod never starts.",
          Severity.ERROR,
          "0.1.0",
          "Lower the request or raise the limit; for a GPU or huge pages, set the limit to the"
              + " same quantity as the request (or give only the limit).");

  RequestLimitMismatch() {
    super(INFO);
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    Entries.podSpec(resource)
        .ifPresent(
            spec ->
                Entries.eachContainer(
                    resource,
                    spec,
                    container -> checkContainer(resource, container + "/resources", findings)));
    return findings;
  }

  private void checkContainer(Resource resource, String pointer, List<Finding> findings) {
    JsonNode requests = resource.object().at(pointer + "/requests");
    JsonNode limits = resource.object().at(pointer + "/limits");
    if (!requests.isObject()) {
      return;
    }
    for (String name : requests.propertyNames()) {
      String request = Quantities.text(requests.get(name));
      Optional<BigDecimal> requested = Optional.ofNullable(request).flatMap(Quantities::parse);
      if (requested.isEmpty()) {
        continue; // not a quantity: the schema reports it
      }
      String at = Pointer.append(pointer + "/requests", name);
      String limit = limits.isObject() ? Quantities.text(limits.get(name)) : null;
      Optional<BigDecimal> allowed = Optional.ofNullable(limit).flatMap(Quantities::parse);
      boolean mayOvercommit = overcommitAllowed(name);
      if (allowed.isEmpty()) {
        if (!mayOvercommit && limit == null) {
          add(
              resource,
              at,
              name
                  + " request "
                  + request
                  + " needs a limit equal to it, since "
                  + name
                  + " is never overcommitted",
              findings);
        }
      } else if (requested.get().compareTo(allowed.get()) > 0) {
        add(
            resource,
            at,
            name + " request " + request + " is above the container's " + name + " limit " + limit,
            findings);
      } else if (!mayOvercommit && requested.get().compareTo(allowed.get()) != 0) {
        add(
            resource,
            at,
            name
                + " request "
                + request
                + " must equal its limit "
                + limit
                + ", since "
                + name
                + " is never overcommitted",
            findings);
      }
    }
  }

  /** Native resources may be overcommitted; extended resources and huge pages may not. */
  static boolean overcommitAllowed(String name) {
    boolean nativeResource = !name.contains("/") || name.contains("kubernetes.io/");
    return nativeResource && !name.startsWith("hugepages-");
  }
}
