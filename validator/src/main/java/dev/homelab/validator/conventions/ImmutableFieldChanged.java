package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.validator.apiserver.Quantities;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A change, against the revision given with {@code --base}, to a field the API server keeps from
 * the moment an object is created: the sync that carries it fails until someone deletes the object.
 */
final class ImmutableFieldChanged implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "immutable-field-changed",
          Labels.FAMILY,
          "A change to a field that the API server does not let change on an existing object.",
          "Some fields are fixed when an object is created: a workload's selector, most of a"
              + " StatefulSet's spec, a Job's pod template, a claim's storage class and access"
              + " modes, a binding's roleRef, a StorageClass's provisioner and parameters. Argo CD"
              + " applies the new version, the API server answers \"field is immutable\" (or"
              + " \"Forbidden\"), and the application stays out of sync, retrying, until someone"
              + " deletes the object by hand. The check runs only with `--base REF`: it compares"
              + " each object with its version at that revision (the pull request's base branch,"
              + " or HEAD before a commit).",
          Severity.ERROR,
          Labels.SINCE,
          "Keep the field as it was, or plan the replacement: give the object a new name (Argo CD"
              + " prunes the old one), delete it before the sync (for a StatefulSet, `kubectl"
              + " delete --cascade=orphan` keeps its pods and claims), or let Argo CD delete and"
              + " recreate it with `argocd.argoproj.io/sync-options: Force=true,Replace=true`.");

  /** Fields that never change once set, by API group and kind. */
  private static final Map<String, List<String>> FIXED_FIELDS =
      Map.of(
          "apps/Deployment", List.of("/spec/selector"),
          "apps/ReplicaSet", List.of("/spec/selector"),
          "apps/DaemonSet", List.of("/spec/selector"),
          "batch/Job", List.of("/spec/selector", "/spec/template", "/spec/completionMode"),
          "rbac.authorization.k8s.io/RoleBinding", List.of("/roleRef"),
          "rbac.authorization.k8s.io/ClusterRoleBinding", List.of("/roleRef"),
          "storage.k8s.io/StorageClass",
              List.of("/provisioner", "/parameters", "/reclaimPolicy", "/volumeBindingMode"),
          "networking.k8s.io/IngressClass", List.of("/spec/controller"),
          "apiextensions.k8s.io/CustomResourceDefinition",
              List.of("/spec/scope", "/spec/names/kind"));

  /** Kinds whose whole spec is fixed except these fields. */
  private static final Map<String, Set<String>> SPEC_EXCEPT =
      Map.of(
          "apps/StatefulSet",
          Set.of(
              "replicas",
              "ordinals",
              "template",
              "updateStrategy",
              "revisionHistoryLimit",
              "persistentVolumeClaimRetentionPolicy",
              "minReadySeconds"),
          "/PersistentVolumeClaim",
          Set.of("resources", "volumeAttributesClassName"),
          "/PersistentVolume",
          Set.of(
              "capacity",
              "accessModes",
              "claimRef",
              "persistentVolumeReclaimPolicy",
              "storageClassName",
              "mountOptions",
              "nodeAffinity",
              "volumeAttributesClassName"));

  /** Values the API server fills in when the tree leaves them out, by kind and pointer. */
  private static final Map<String, String> DEFAULTS =
      Map.of(
          "apps/StatefulSet/spec/podManagementPolicy", "OrderedReady",
          "/PersistentVolumeClaim/spec/volumeMode", "Filesystem",
          "/PersistentVolume/spec/volumeMode", "Filesystem",
          "storage.k8s.io/StorageClass/reclaimPolicy", "Delete",
          "storage.k8s.io/StorageClass/volumeBindingMode", "Immediate");

  /** K3s's built-in storage class, whose volumes cannot grow. */
  private static final String LOCAL_PATH = "local-path";

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    if (tree.base().isEmpty()) {
      return List.of();
    }
    String revision = tree.base().get().revision();
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      String type = resource.group() + "/" + resource.kind();
      Optional<Resource> earlier = tree.baseVersion(resource);
      if (earlier.isEmpty() || LabTree.recreatedOnSync(resource)) {
        continue;
      }
      Resource before = earlier.get();
      for (String pointer : comparedFields(type, before, resource)) {
        if (!normalized(type, pointer, before).equals(normalized(type, pointer, resource))) {
          findings.add(changed(resource, before, pointer, revision));
        }
      }
      switch (type) {
        case "/PersistentVolumeClaim" -> claimSize(tree, before, resource, revision, findings);
        case "/Service" -> clusterIp(before, resource, revision, findings);
        case "/ConfigMap", "/Secret" -> immutableData(before, resource, revision, findings);
        default -> {
          // The fields above are all this kind has.
        }
      }
    }
    return findings;
  }

  private static List<String> comparedFields(String type, Resource before, Resource after) {
    List<String> fields = new ArrayList<>(FIXED_FIELDS.getOrDefault(type, List.of()));
    Set<String> mutable = SPEC_EXCEPT.get(type);
    if (mutable != null) {
      Set<String> keys = new TreeSet<>(before.object().path("spec").propertyNames());
      keys.addAll(after.object().path("spec").propertyNames());
      for (String key : keys) {
        // A claim may gain a class or a volume it had none of: binding and default classes do so.
        boolean claimGains =
            type.equals("/PersistentVolumeClaim")
                && (key.equals("storageClassName") || key.equals("volumeName"))
                && before.object().path("spec").path(key).isMissingNode();
        if (!mutable.contains(key) && !claimGains) {
          fields.add("/spec/" + key);
        }
      }
    }
    if (type.equals("batch/Job") && before.object().at("/spec/suspend").asBoolean(false)) {
      // A suspended Job that never ran may still change its pod template's scheduling fields.
      fields.remove("/spec/template");
    }
    return fields;
  }

  /** The value at {@code pointer}, with what the API server would fill in spelt out. */
  private static JsonNode normalized(String type, String pointer, Resource resource) {
    JsonNode value = resource.object().at(pointer);
    String fallback = DEFAULTS.get(type + pointer);
    if (value.isMissingNode() && fallback != null) {
      return StringNode.valueOf(fallback);
    }
    if (type.equals("apps/StatefulSet") && pointer.equals("/spec/volumeClaimTemplates")) {
      value = value.deepCopy();
      for (JsonNode template : Nodes.elements(value)) {
        if (template instanceof ObjectNode claim) {
          claim.remove(List.of("apiVersion", "kind", "status"));
          removeIf(claim.path("spec"), "volumeMode", "Filesystem");
        }
      }
    }
    if (type.equals("batch/Job") && pointer.equals("/spec/template")) {
      value = withoutPodDefaults(value.deepCopy());
    }
    return value;
  }

  /** Drops the pod fields the API server defaults, so spelling one out is not a change. */
  private static JsonNode withoutPodDefaults(JsonNode template) {
    JsonNode spec = template.path("spec");
    removeIf(spec, "dnsPolicy", "ClusterFirst");
    removeIf(spec, "schedulerName", "default-scheduler");
    if (spec instanceof ObjectNode object) {
      if (spec.path("terminationGracePeriodSeconds").asInt(0) == 30) {
        object.remove("terminationGracePeriodSeconds");
      }
      if (spec.path("securityContext").isEmpty() && spec.has("securityContext")) {
        object.remove("securityContext");
      }
    }
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode container : Nodes.elements(spec.path(list))) {
        removeIf(container, "terminationMessagePath", "/dev/termination-log");
        removeIf(container, "terminationMessagePolicy", "File");
        removeIf(container, "imagePullPolicy", defaultPullPolicy(container));
        if (container instanceof ObjectNode object
            && container.has("resources")
            && container.path("resources").isEmpty()) {
          object.remove("resources");
        }
        for (JsonNode port : Nodes.elements(container.path("ports"))) {
          removeIf(port, "protocol", "TCP");
        }
      }
    }
    return template;
  }

  /** Always for an image without a tag or with {@code latest}, else IfNotPresent. */
  private static String defaultPullPolicy(JsonNode container) {
    String image = Nodes.text(container, "image", "");
    if (image.contains("@")) {
      return "IfNotPresent";
    }
    int colon = image.lastIndexOf(':');
    boolean tagged = colon > image.lastIndexOf('/');
    return !tagged || image.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
  }

  private static void removeIf(JsonNode node, String field, String value) {
    if (node instanceof ObjectNode object && value.equals(Nodes.text(node, field, null))) {
      object.remove(field);
    }
  }

  private static Finding changed(Resource after, Resource before, String pointer, String rev) {
    String field = pointer.substring(1).replace('/', '.');
    String message =
        LabTree.subject(after)
            + " changes "
            + field
            + " ("
            + summary(before.object().at(pointer), rev)
            + "), which the API server does not let change on an existing "
            + after.kind()
            + ": the sync fails until the object is deleted and created again";
    return located(after, pointer, message);
  }

  /** A claim cannot shrink, and can grow only where its storage class allows it. */
  private static void claimSize(
      LabTree tree, Resource before, Resource after, String rev, List<Finding> findings) {
    String pointer = "/spec/resources/requests/storage";
    Optional<BigDecimal> was = quantity(before.object().at(pointer));
    Optional<BigDecimal> now = quantity(after.object().at(pointer));
    if (was.isEmpty() || now.isEmpty() || now.get().compareTo(was.get()) == 0) {
      return;
    }
    String from = Quantities.text(before.object().at(pointer));
    String to = Quantities.text(after.object().at(pointer));
    if (now.get().compareTo(was.get()) < 0) {
      findings.add(
          located(
              after,
              pointer,
              LabTree.subject(after)
                  + " asks for "
                  + to
                  + ", less than the "
                  + from
                  + " it had in "
                  + rev
                  + ": a claim's storage can grow but never shrink"));
      return;
    }
    String storageClass = Nodes.text(after.object().path("spec"), "storageClassName", "");
    Optional<Resource> declared =
        tree.resources().stream()
            .filter(r -> r.kind().equals("StorageClass") && r.name().equals(storageClass))
            .findFirst();
    boolean expandable =
        declared.isPresent()
            ? declared.get().object().path("allowVolumeExpansion").asBoolean(false)
            : !storageClass.equals(LOCAL_PATH);
    if (!expandable) {
      findings.add(
          located(
              after,
              pointer,
              LabTree.subject(after)
                  + " grows from "
                  + from
                  + " to "
                  + to
                  + ", but its storage class `"
                  + storageClass
                  + "` "
                  + (declared.isPresent()
                      ? "does not set allowVolumeExpansion: true"
                      : "(K3s's built-in provisioner) cannot expand volumes")
                  + ", so the API server refuses the change"));
    }
  }

  private static Optional<BigDecimal> quantity(JsonNode node) {
    String text = Quantities.text(node);
    return text == null ? Optional.empty() : Quantities.parse(text);
  }

  /**
   * A Service keeps its cluster IP: a new one is refused, and leaving out {@code None} keeps it
   * headless.
   */
  private static void clusterIp(Resource before, Resource after, String rev, List<Finding> out) {
    JsonNode was = before.object().path("spec");
    JsonNode now = after.object().path("spec");
    if (Nodes.text(was, "type", "").equals("ExternalName")
        || Nodes.text(now, "type", "").equals("ExternalName")) {
      return;
    }
    String wasIp = Nodes.text(was, "clusterIP", "");
    String nowIp = Nodes.text(now, "clusterIP", "");
    if (wasIp.equals(nowIp)) {
      return;
    }
    if (nowIp.isEmpty() && wasIp.equals("None")) {
      out.add(
          located(
              after,
              "/spec/clusterIP",
              LabTree.subject(after)
                  + " no longer sets clusterIP: None, but the API server keeps an existing"
                  + " Service headless, so it still gets no cluster IP (it had None in "
                  + rev
                  + ")"));
    } else if (!nowIp.isEmpty()) {
      out.add(
          located(
              after,
              "/spec/clusterIP",
              LabTree.subject(after)
                  + " changes clusterIP to "
                  + nowIp
                  + " ("
                  + rev
                  + (wasIp.isEmpty() ? " leaves it to the cluster" : " has " + wasIp)
                  + "); the API server does not let an existing Service change it"));
    }
  }

  /** An immutable ConfigMap or Secret keeps its data, and stays immutable. */
  private static void immutableData(
      Resource before, Resource after, String rev, List<Finding> findings) {
    if (!before.object().path("immutable").asBoolean(false)) {
      return;
    }
    String what = LabTree.subject(after) + " was immutable in " + rev;
    if (!after.object().path("immutable").asBoolean(false)) {
      findings.add(
          located(after, "/immutable", what + ", and the API server does not let that be undone"));
      return;
    }
    for (String field : List.of("data", "binaryData", "stringData")) {
      JsonNode was = before.object().path(field);
      JsonNode now = after.object().path(field);
      if (was.equals(now)) {
        continue;
      }
      // Names only: the values may be credentials.
      Set<String> keys = new TreeSet<>(was.propertyNames());
      keys.addAll(now.propertyNames());
      keys.removeIf(key -> was.path(key).equals(now.path(key)));
      findings.add(
          located(
              after,
              "/" + field,
              what
                  + ", but its "
                  + field
                  + " changes ("
                  + String.join(", ", keys)
                  + "); give it a new name, or delete it before the sync"));
    }
  }

  /** A finding at the field, or at the nearest enclosing key when the new version lacks it. */
  private static Finding located(Resource resource, String pointer, String message) {
    String at = pointer;
    while (resource.object().at(at).isMissingNode() && at.lastIndexOf('/') > 0) {
      at = at.substring(0, at.lastIndexOf('/'));
    }
    return resource.object().at(at).isMissingNode()
        ? LabTree.at(INFO, resource, "/metadata/name", message)
        : LabTree.atKey(INFO, resource, at, message);
  }

  /** What the base had, when it fits in a message, such as {@code HEAD has `{app: web}`}. */
  private static String summary(JsonNode value, String rev) {
    if (value.isMissingNode()) {
      return "unset in " + rev;
    }
    String text = flow(value);
    return text.length() <= 100 ? rev + " has `" + text + "`" : "compared with " + rev;
  }

  /** A node as YAML flow style: {@code {app: web, tier: db}}, {@code [ReadWriteOnce]}. */
  private static String flow(JsonNode node) {
    if (node.isObject()) {
      List<String> entries = new ArrayList<>();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        entries.add(entry.getKey() + ": " + flow(entry.getValue()));
      }
      return "{" + String.join(", ", entries) + "}";
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(flow(item)));
      return "[" + String.join(", ", items) + "]";
    }
    return node.isNull() ? "null" : node.asString();
  }
}
