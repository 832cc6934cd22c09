package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.PodTemplate;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import dev.homelab.validator.apiserver.Quantities;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A namespace whose objects in the tree already need more than its ResourceQuota allows: the API
 * server refuses the pods or claims that do not fit, though Argo CD reports the sync as done.
 */
final class QuotaExceeded implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "quota-exceeded",
          Labels.FAMILY,
          "A namespace's workloads or claims need more than its ResourceQuota allows.",
          "A ResourceQuota caps what a namespace may request in all: CPU, memory, pods, claims and"
              + " storage. The API server checks it each time a pod or claim is created and refuses"
              + " the one that does not fit. Argo CD applies the Deployment or StatefulSet"
              + " without complaint, and then its pods never start (the ReplicaSet reports"
              + " \"exceeded quota\"), or the claim's creation fails the sync. The rule adds up what"
              + " the tree declares: each workload's pod requests and limits times its replicas"
              + " (an init container counts when it asks for more than the containers together;"
              + " a request that is not written comes from the limit or the namespace's"
              + " LimitRange), the claims with their storage, and the claims of StatefulSets'"
              + " templates. A Job or CronJob runs now and then, so its pods are checked against"
              + " what the steady workloads leave. A chart's objects are not in the tree, so the"
              + " real total is higher still. A limits quota also refuses a container that has no"
              + " limit and no LimitRange default for it.",
          Severity.ERROR,
          Labels.SINCE,
          "Lower the requests, limits or replicas of the namespace's workloads, or raise the"
              + " ResourceQuota's `spec.hard` and the namespace profile's `quota` in homelab.yaml"
              + " together (nothing generates one from the other, and"
              + " namespace-limits-differ-from-profile reports where they part).");

  private static final BigDecimal GI = BigDecimal.valueOf(1L << 30);
  private static final BigDecimal MI = BigDecimal.valueOf(1L << 20);

  @Override
  public RuleInfo info() {
    return INFO;
  }

  /** What one object adds to each quota key, for the message. */
  private record Usage(Resource resource, Map<String, BigDecimal> amounts) {}

  @Override
  public List<Finding> check(LabTree tree) {
    Map<String, List<Resource>> byNamespace = new HashMap<>();
    for (Resource resource : tree.resources()) {
      if (!resource.clusterScoped()) {
        byNamespace.computeIfAbsent(resource.namespace(), n -> new ArrayList<>()).add(resource);
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Resource quota : tree.resources()) {
      JsonNode spec = quota.object().path("spec");
      if (!quota.kind().equals("ResourceQuota")
          || !quota.group().isEmpty()
          || spec.has("scopes")
          || spec.has("scopeSelector")) {
        continue;
      }
      List<Resource> objects = byNamespace.getOrDefault(quota.namespace(), List.of());
      LimitDefaults defaults = LimitDefaults.of(objects);
      List<Usage> steady = new ArrayList<>();
      List<Usage> occasional = new ArrayList<>();
      for (Resource object : objects) {
        boolean runsNowAndThen = object.kind().equals("Job") || object.kind().equals("CronJob");
        (runsNowAndThen ? occasional : steady).add(new Usage(object, usage(object, defaults)));
      }
      for (Map.Entry<String, JsonNode> hard : spec.path("hard").properties()) {
        checkKey(quota, hard.getKey(), hard.getValue(), steady, occasional, findings);
      }
      if (tree.seesWholeTree()) { // else the namespace's LimitRange may be in a file not loaded
        unlimitedContainers(quota, spec.path("hard"), objects, defaults, findings);
      }
    }
    return findings;
  }

  private static void checkKey(
      Resource quota,
      String key,
      JsonNode limitNode,
      List<Usage> steady,
      List<Usage> occasional,
      List<Finding> findings) {
    Optional<BigDecimal> limit =
        Optional.ofNullable(Quantities.text(limitNode)).flatMap(Quantities::parse);
    if (limit.isEmpty()) {
      return;
    }
    String counted = canonical(key);
    BigDecimal total = sum(steady, counted);
    String pointer = Pointer.of("spec", "hard", key);
    if (total.compareTo(limit.get()) > 0) {
      List<Usage> largest =
          steady.stream()
              .filter(u -> u.amounts().getOrDefault(counted, BigDecimal.ZERO).signum() > 0)
              .sorted(
                  Comparator.comparing(
                      (Usage u) -> u.amounts().get(counted), Comparator.reverseOrder()))
              .limit(3)
              .toList();
      List<String> parts = new ArrayList<>();
      for (Usage usage : largest) {
        BigDecimal amount = usage.amounts().get(counted);
        boolean one = isCount(counted) && amount.compareTo(BigDecimal.ONE) == 0;
        parts.add(LabTree.subject(usage.resource()) + (one ? "" : " " + format(counted, amount)));
      }
      findings.add(
          LabTree.at(
              INFO,
              quota,
              pointer,
              "namespace `"
                  + quota.namespace()
                  + "` needs "
                  + format(counted, total)
                  + " of "
                  + key
                  + " for the objects in the tree, over the "
                  + Quantities.text(limitNode)
                  + " that ResourceQuota `"
                  + quota.name()
                  + "` allows, so the API server refuses what does not fit (the most: "
                  + String.join(", ", parts)
                  + ")"));
      return;
    }
    BigDecimal left = limit.get().subtract(total);
    for (Usage usage : occasional) {
      BigDecimal needs = usage.amounts().getOrDefault(counted, BigDecimal.ZERO);
      if (needs.compareTo(left) > 0) {
        findings.add(
            LabTree.at(
                INFO,
                quota,
                pointer,
                usage.resource().kind()
                    + " `"
                    + usage.resource().name()
                    + "` needs "
                    + format(counted, needs)
                    + " of "
                    + key
                    + " when it runs, but the namespace's other workloads leave "
                    + format(counted, left)
                    + " of the "
                    + Quantities.text(limitNode)
                    + " that ResourceQuota `"
                    + quota.name()
                    + "` allows, so its pods are refused"));
      }
    }
  }

  /** A quota key as this rule counts it: {@code cpu} means {@code requests.cpu}. */
  private static String canonical(String key) {
    return switch (key) {
      case "cpu" -> "requests.cpu";
      case "memory" -> "requests.memory";
      default -> key;
    };
  }

  private static BigDecimal sum(List<Usage> usages, String key) {
    BigDecimal total = BigDecimal.ZERO;
    for (Usage usage : usages) {
      total = total.add(usage.amounts().getOrDefault(key, BigDecimal.ZERO));
    }
    return total;
  }

  /** What one object takes of each quota key this rule counts. */
  private static Map<String, BigDecimal> usage(Resource object, LimitDefaults defaults) {
    Map<String, BigDecimal> amounts = new LinkedHashMap<>();
    String kind = object.kind();
    if (kind.equals("Service")) {
      amounts.put("services", BigDecimal.ONE);
      if (Nodes.text(object.object().path("spec"), "type", "").equals("LoadBalancer")) {
        amounts.put("services.loadbalancers", BigDecimal.ONE);
      }
      return amounts;
    }
    if (kind.equals("PersistentVolumeClaim")) {
      amounts.put("persistentvolumeclaims", BigDecimal.ONE);
      amounts.put("requests.storage", storage(object.object()));
      return amounts;
    }
    Optional<PodTemplate> template = PodTemplate.of(object);
    if (template.isEmpty()) {
      return amounts;
    }
    BigDecimal pods = BigDecimal.valueOf(podCount(object));
    JsonNode podSpec = template.get().template().path("spec");
    amounts.put("pods", pods);
    for (String resource : List.of("cpu", "memory")) {
      amounts.put(
          "requests." + resource, podAmount(podSpec, resource, true, defaults).multiply(pods));
      amounts.put(
          "limits." + resource, podAmount(podSpec, resource, false, defaults).multiply(pods));
    }
    if (kind.equals("StatefulSet")) {
      BigDecimal claims = BigDecimal.ZERO;
      BigDecimal storage = BigDecimal.ZERO;
      for (JsonNode claim : Nodes.elements(object.object().at("/spec/volumeClaimTemplates"))) {
        claims = claims.add(pods);
        storage = storage.add(storage(claim).multiply(pods));
      }
      amounts.put("persistentvolumeclaims", claims);
      amounts.put("requests.storage", storage);
    }
    return amounts;
  }

  /** Pods at once: replicas for a workload, parallelism for a Job, one for a DaemonSet's node. */
  private static int podCount(Resource object) {
    JsonNode spec = object.object().path("spec");
    JsonNode parallelism =
        switch (object.kind()) {
          case "Job" -> spec.path("parallelism");
          case "CronJob" -> spec.at("/jobTemplate/spec/parallelism");
          default -> null;
        };
    if (parallelism != null) {
      return parallelism.isInt() ? Math.max(0, parallelism.asInt()) : 1;
    }
    return LabTree.REPLICATED_KINDS.contains(object.kind()) ? LabTree.replicas(object) : 1;
  }

  /**
   * A pod's request or limit for one resource: its containers together (with sidecars, init
   * containers that keep running), or its largest other init container, whichever is more.
   */
  private static BigDecimal podAmount(
      JsonNode podSpec, String resource, boolean request, LimitDefaults defaults) {
    BigDecimal containers = BigDecimal.ZERO;
    BigDecimal init = BigDecimal.ZERO;
    for (JsonNode container : Nodes.elements(podSpec.path("containers"))) {
      containers = containers.add(containerAmount(container, resource, request, defaults));
    }
    for (JsonNode container : Nodes.elements(podSpec.path("initContainers"))) {
      BigDecimal amount = containerAmount(container, resource, request, defaults);
      if (Nodes.text(container, "restartPolicy", "").equals("Always")) {
        containers = containers.add(amount);
      } else {
        init = init.max(amount);
      }
    }
    return containers.max(init);
  }

  /** As the API server fills it in: a missing request takes the limit, then the LimitRange's. */
  private static BigDecimal containerAmount(
      JsonNode container, String resource, boolean request, LimitDefaults defaults) {
    JsonNode resources = container.path("resources");
    Optional<BigDecimal> limit =
        quantity(resources.path("limits").path(resource)).or(() -> defaults.limit(resource));
    if (!request) {
      return limit.orElse(BigDecimal.ZERO);
    }
    return quantity(resources.path("requests").path(resource))
        .or(() -> quantity(resources.path("limits").path(resource)))
        .or(() -> defaults.request(resource))
        .or(() -> limit)
        .orElse(BigDecimal.ZERO);
  }

  /** Under a limits quota, a container with no limit and no default one is refused outright. */
  private static void unlimitedContainers(
      Resource quota,
      JsonNode hard,
      List<Resource> objects,
      LimitDefaults defaults,
      List<Finding> findings) {
    for (String resource : List.of("cpu", "memory")) {
      if (!hard.has("limits." + resource) || defaults.limit(resource).isPresent()) {
        continue;
      }
      for (Resource object : objects) {
        Optional<PodTemplate> template = PodTemplate.of(object);
        if (template.isEmpty()) {
          continue;
        }
        String spec = template.get().pointer() + "/spec";
        for (String list : List.of("initContainers", "containers")) {
          List<JsonNode> containers = Nodes.elements(object.object().at(spec + "/" + list));
          for (int i = 0; i < containers.size(); i++) {
            JsonNode container = containers.get(i);
            if (container.at("/resources/limits/" + resource).isMissingNode()) {
              findings.add(
                  LabTree.at(
                      INFO,
                      object,
                      spec + "/" + list + "/" + i,
                      LabTree.subject(object)
                          + ": container "
                          + Nodes.text(container, "name", "#" + i)
                          + " has no "
                          + resource
                          + " limit, and namespace `"
                          + quota.namespace()
                          + "` has no LimitRange default for one, but ResourceQuota `"
                          + quota.name()
                          + "` caps limits."
                          + resource
                          + ", so the API server refuses its pods"));
            }
          }
        }
      }
    }
  }

  private static BigDecimal storage(JsonNode claim) {
    return quantity(claim.at("/spec/resources/requests/storage")).orElse(BigDecimal.ZERO);
  }

  private static Optional<BigDecimal> quantity(JsonNode node) {
    String text = Quantities.text(node);
    return text == null ? Optional.empty() : Quantities.parse(text);
  }

  private static boolean isCount(String key) {
    return !key.endsWith("cpu") && !key.endsWith("memory") && !key.endsWith("storage");
  }

  /** A total as people write it: millicores, Gi or Mi, or a count. */
  private static String format(String key, BigDecimal amount) {
    if (key.endsWith("cpu")) {
      return amount.movePointRight(3).setScale(0, RoundingMode.CEILING) + "m";
    }
    if (key.endsWith("memory") || key.endsWith("storage")) {
      BigDecimal unit = amount.compareTo(GI) >= 0 ? GI : MI;
      BigDecimal value = amount.divide(unit, 2, RoundingMode.CEILING).stripTrailingZeros();
      return value.toPlainString() + (unit == GI ? "Gi" : "Mi");
    }
    return amount.stripTrailingZeros().toPlainString();
  }

  /** The defaults of the namespace's first LimitRange for containers. */
  private record LimitDefaults(JsonNode defaultRequest, JsonNode defaultLimit) {

    static LimitDefaults of(List<Resource> objects) {
      for (Resource object : objects) {
        if (!object.kind().equals("LimitRange")) {
          continue;
        }
        for (JsonNode limit : Nodes.elements(object.object().at("/spec/limits"))) {
          if (Nodes.text(limit, "type", "").equals("Container")) {
            return new LimitDefaults(limit.path("defaultRequest"), limit.path("default"));
          }
        }
      }
      return new LimitDefaults(MissingNode.getInstance(), MissingNode.getInstance());
    }

    /** The LimitRange's default request, falling back to its default limit as the API does. */
    Optional<BigDecimal> request(String resource) {
      return quantity(defaultRequest.path(resource)).or(() -> limit(resource));
    }

    Optional<BigDecimal> limit(String resource) {
      return quantity(defaultLimit.path(resource));
    }
  }
}
