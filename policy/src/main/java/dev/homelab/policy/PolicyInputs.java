package dev.homelab.policy;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.model.Resource;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.workspace.ValuesFile;
import dev.homelab.core.workspace.Workspace;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds what a policy sees, as the policy contract defines it: {@code data} once per run (the lab
 * config and an index of every object), and one {@code input} per manifest or Helm values file.
 */
final class PolicyInputs {

  /** Kinds whose spec the index carries, because some rule looks into it across objects. */
  private static final Set<String> INDEXED_SPECS =
      Set.of(
          "ClusterIssuer",
          "Issuer",
          "Middleware",
          "TLSOption",
          "HelmChartConfig",
          "Service",
          "IPAddressPool",
          "Certificate",
          "Ingress",
          "Gateway");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final Workspace workspace;
  private final HomeLabConfig config;
  // One data document per distinct index, shared by the policies that read the same kinds.
  private final Map<Optional<Set<String>>, byte[]> data = new HashMap<>();
  private final Map<String, NamespaceContext> contexts = new ConcurrentHashMap<>();

  PolicyInputs(Workspace workspace, HomeLabConfig config) {
    this.workspace = workspace;
    this.config = config;
  }

  /**
   * {@code {"lab": <homelab.yaml with defaults>, "run": {"wholeTree": bool}, "index": {kind:
   * {namespace: {name: summary}}}}}, with every object in the index unless the policy names the
   * kinds it reads.
   */
  byte[] data(Optional<Set<String>> indexKinds) {
    return data.computeIfAbsent(indexKinds, this::buildData);
  }

  private byte[] buildData(Optional<Set<String>> indexKinds) {
    Map<String, Map<String, Map<String, Resource>>> sorted = new TreeMap<>();
    for (Resource resource : workspace.resources()) {
      if (indexKinds.isPresent() && !indexKinds.get().contains(resource.kind())) {
        continue;
      }
      sorted
          .computeIfAbsent(resource.kind(), k -> new TreeMap<>())
          .computeIfAbsent(resource.namespace(), n -> new TreeMap<>())
          .put(resource.name(), resource);
    }
    ObjectNode data = JSON.objectNode();
    data.set("lab", config.resolvedJson());
    data.putObject("run").put("wholeTree", holdsWholeTree());
    ObjectNode index = data.putObject("index");
    sorted.forEach(
        (kind, namespaces) -> {
          ObjectNode byNamespace = index.putObject(kind);
          namespaces.forEach(
              (namespace, names) -> {
                ObjectNode byName = byNamespace.putObject(namespace);
                names.forEach((name, resource) -> byName.set(name, summary(resource)));
              });
        });
    return MAPPER.writeValueAsBytes(data);
  }

  /**
   * Whether the index holds every object of the tree, so that a rule may conclude one is missing:
   * the run loaded the whole tree (not files named outside it with --config, or standard input not
   * placed in it), and every file of it loaded whole.
   */
  private boolean holdsWholeTree() {
    return workspace.loadedWhole(config.root()) && workspace.filesNotFullyLoaded().isEmpty();
  }

  private static JsonNode summary(Resource resource) {
    ObjectNode summary = JSON.objectNode();
    summary.put("apiVersion", resource.apiVersion());
    summary.put("kind", resource.kind());
    ObjectNode metadata = summary.putObject("metadata");
    metadata.put("name", resource.name());
    metadata.put("namespace", resource.namespace());
    resource.labels().forEach(metadata.putObject("labels")::put);
    resource.annotations().forEach(metadata.putObject("annotations")::put);
    if (INDEXED_SPECS.contains(resource.kind()) && resource.object().has("spec")) {
      summary.set("spec", resource.object().get("spec"));
    }
    return summary;
  }

  byte[] manifest(Resource resource) {
    ObjectNode input = JSON.objectNode();
    input.put("kind", "manifest");
    input.put("file", treePath(resource.document().file().source()));
    input.set("resource", resource.object());
    input.put("namespace", resource.namespace());
    context(input, resource.namespace());
    return MAPPER.writeValueAsBytes(input);
  }

  byte[] values(ValuesFile values) {
    ObjectNode input = JSON.objectNode();
    input.put("kind", "values");
    input.put("file", treePath(values.file().source()));
    input.set("values", values.document().orElseThrow().root());
    HomeLab.Component component = values.component();
    input.set(
        "chart",
        component == null || component.chart() == null
            ? JSON.nullNode()
            : MAPPER.valueToTree(component.chart()));
    input.set("component", component == null ? JSON.nullNode() : MAPPER.valueToTree(component));
    String namespace = component == null ? "" : component.namespace();
    input.put("namespace", namespace);
    context(input, namespace);
    return MAPPER.writeValueAsBytes(input);
  }

  private void context(ObjectNode input, String namespace) {
    NamespaceContext context =
        contexts.computeIfAbsent(Objects.requireNonNullElse(namespace, ""), this::contextOf);
    input.set("namespaceConfig", context.config());
    input.set("profile", context.profile());
  }

  // Serializers only read these nodes, so one copy per namespace serves every thread.
  private record NamespaceContext(JsonNode config, JsonNode profile) {}

  private NamespaceContext contextOf(String namespace) {
    Optional<HomeLab.Namespace> declared = config.namespace(namespace);
    return new NamespaceContext(
        declared.<JsonNode>map(MAPPER::valueToTree).orElse(JSON.nullNode()),
        config.profileOf(namespace).<JsonNode>map(MAPPER::valueToTree).orElse(JSON.nullNode()));
  }

  private String treePath(SourceFile file) {
    return workspace.treePath(file).orElse(file.displayPath());
  }
}
