package dev.homelab.validator.conventions;

import dev.homelab.core.change.BaseRevision;
import dev.homelab.core.config.HomeLab;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.discovery.FileDiscovery;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.model.Resource;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.Region;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.workspace.FileKind;
import dev.homelab.core.workspace.ValuesFile;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.YamlFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** What convention rules look at: the workspace and its lab config, with shared lookups. */
public final class LabTree {

  /** Workloads that run as many pods as their {@code spec.replicas} says. */
  static final Set<String> REPLICATED_KINDS =
      Set.of("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController");

  /** Gateway API's group, whose route kinds attach to Gateways and reach backends. */
  static final String GATEWAY_API = "gateway.networking.k8s.io";

  /** Gateway API's route kinds, standard and experimental. */
  static final Set<String> GATEWAY_ROUTE_KINDS =
      Set.of("HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute");

  /** The annotation that carries an object's own Argo CD sync options. */
  public static final String SYNC_OPTIONS = "argocd.argoproj.io/sync-options";

  private final Workspace workspace;
  private final HomeLabConfig config;
  private final BaseRevision base;
  private final Predicate<String> inFocus;
  private Set<String> namespacesWithUnseenObjects;
  private PodIndex pods;
  private Boolean loadedWhole;

  public LabTree(Workspace workspace, HomeLabConfig config) {
    this(workspace, config, null);
  }

  /**
   * @param base the tree as a git revision has it, for rules that compare an object with its
   *     earlier version; null when the run has no {@code --base}
   */
  public LabTree(Workspace workspace, HomeLabConfig config, BaseRevision base) {
    this(workspace, config, base, file -> true);
  }

  /**
   * @param inFocus whether the run reports findings in a file, by display path; a run over named
   *     files inside the tree loads it whole but reports only on them
   */
  public LabTree(
      Workspace workspace, HomeLabConfig config, BaseRevision base, Predicate<String> inFocus) {
    this.workspace = workspace;
    this.config = config;
    this.base = base;
    this.inFocus = inFocus;
  }

  /** The same tree, reporting only on the files {@code inFocus} accepts (by display path). */
  public LabTree focused(Predicate<String> inFocus) {
    return new LabTree(workspace, config, base, inFocus);
  }

  /**
   * Whether a rule that finds two objects clashing reports on the first rather than, as it does
   * when every file is reported on, the second: only when the run reports on the first's file and
   * not on the second's, so that naming either file shows the clash.
   */
  public boolean reportsOnFirst(Resource first, Resource second) {
    return inFocus.test(first.file()) && !inFocus.test(second.file());
  }

  /** The revision the run compares with, when it has one. */
  public Optional<BaseRevision> base() {
    return Optional.ofNullable(base);
  }

  /**
   * The object as the base revision has it: the same group, kind, namespace and name, whatever its
   * version or file; empty without a base or when the object is new.
   */
  public Optional<Resource> baseVersion(Resource resource) {
    return base == null ? Optional.empty() : base.earlierVersion(resource);
  }

  public Workspace workspace() {
    return workspace;
  }

  public HomeLabConfig config() {
    return config;
  }

  public HomeLab lab() {
    return config.lab();
  }

  public List<Resource> resources() {
    return workspace.resources();
  }

  /**
   * Whether the run loaded the whole tree, so that an object missing from {@link #resources()} is
   * missing from the tree. A run over files or folders inside the tree loads it whole (and reports
   * only on them), as does one that names them beside files outside it with the lab's config; one
   * over only files outside the tree, or over standard input, loads just those.
   */
  public boolean loadedWhole() {
    if (loadedWhole == null) {
      loadedWhole = workspace.loadedWhole(config.root());
    }
    return loadedWhole;
  }

  /**
   * Whether {@link #resources()} holds every object of the tree: the run loaded the whole tree, and
   * every file of it loaded whole.
   */
  public boolean seesWholeTree() {
    return loadedWhole() && workspace.filesNotFullyLoaded().isEmpty();
  }

  /** The object's file relative to the tree root, or empty when it lies outside the tree. */
  public Optional<String> treePath(Resource resource) {
    return workspace.treePath(resource.document().file());
  }

  public Optional<String> treePath(SourceFile file) {
    return workspace.treePath(file);
  }

  public Optional<HomeLab.Component> componentOf(Resource resource) {
    return treePath(resource).flatMap(config::componentAt);
  }

  /** The top of the git work tree that holds the lab's folder, when the lab lies in one. */
  public Optional<Path> workTree() {
    Path root = config.root().toAbsolutePath().normalize();
    return FileDiscovery.workTreeOf(root).filter(root::startsWith);
  }

  /** Whether the object lies in the folder the generator owns. */
  public boolean isGenerated(Resource resource) {
    String generated = lab().generatedPath();
    return treePath(resource).map(p -> p.startsWith(generated + "/")).orElse(false);
  }

  /** The pod templates of the tree, indexed once for the rules that match selectors. */
  PodIndex pods() {
    if (pods == null) {
      pods = new PodIndex(resources());
    }
    return pods;
  }

  /**
   * Namespaces where a Helm chart (an Argo CD component's, or one K3s renders from a HelmChart or
   * HelmChartConfig) creates objects the tree does not show, so a reference that finds nothing in
   * the tree may still be satisfied at sync.
   */
  public Set<String> namespacesWithUnseenObjects() {
    if (namespacesWithUnseenObjects == null) {
      namespacesWithUnseenObjects = unseen(chartConfig -> true);
    }
    return namespacesWithUnseenObjects;
  }

  /**
   * Like {@link #namespacesWithUnseenObjects()}, for a kind that K3s's bundled charts do not make
   * on their own (a Traefik Middleware, say): a HelmChartConfig counts only when its values declare
   * an object of the kind ({@code kind: Middleware} outside a comment), as an {@code extraObjects}
   * entry would.
   */
  public Set<String> namespacesWithUnseen(String kind) {
    Pattern declared =
        Pattern.compile("(?m)^[^#\\n]*\\bkind:\\s*[\"']?" + Pattern.quote(kind) + "\\b");
    return unseen(
        chartConfig ->
            declared
                .matcher(Nodes.text(chartConfig.object().path("spec"), "valuesContent", ""))
                .find());
  }

  private Set<String> unseen(Predicate<Resource> helmChartConfigMayMake) {
    Set<String> namespaces = new HashSet<>();
    for (HomeLab.Component component : lab().components()) {
      if (component.isHelm()) {
        namespaces.add(component.namespace());
      }
    }
    for (Resource resource : workspace.resources()) {
      if (!resource.group().equals("helm.cattle.io")) {
        continue;
      }
      // K3s's Helm controller renders a HelmChart, or the bundled chart a HelmChartConfig tunes.
      String target = Nodes.text(resource.object().path("spec"), "targetNamespace", "");
      if (resource.kind().equals("HelmChart")) {
        namespaces.add(target.isEmpty() ? resource.namespace() : target);
      } else if (helmChartConfigMayMake.test(resource)) {
        namespaces.add(resource.namespace());
      }
    }
    // A kustomization makes nothing: Argo CD syncs a component's folder as a plain directory.
    return Set.copyOf(namespaces);
  }

  /**
   * Whether objects of {@code namespace} may be missing from {@link #resources()}: ones a chart
   * makes, or any at all when the run did not load the whole tree.
   */
  public boolean mayHoldUnseen(String namespace) {
    return !loadedWhole() || namespacesWithUnseenObjects().contains(namespace);
  }

  /** The manifest files each component's directory source syncs, by component name; one pass. */
  public Map<String, List<Path>> manifestsByComponent() {
    Map<String, List<Path>> byComponent = new HashMap<>();
    for (YamlFile file : workspace.files()) {
      if (WorkspaceLoader.classify(file.source(), config) != FileKind.MANIFEST) {
        continue;
      }
      treePath(file.source())
          .flatMap(config::componentAt)
          .ifPresent(
              component ->
                  byComponent
                      .computeIfAbsent(component.name(), name -> new ArrayList<>())
                      .add(file.source().path().toAbsolutePath().normalize()));
    }
    return byComponent;
  }

  /** The tree's kustomization files, as the workspace loader classifies them. */
  public List<YamlFile> kustomizations() {
    return workspace.files().stream()
        .filter(file -> WorkspaceLoader.classify(file.source(), config) == FileKind.KUSTOMIZATION)
        .toList();
  }

  /**
   * The items of a comma-separated annotation value, trimmed, as Argo CD and MetalLB split them.
   */
  public static List<String> commaSeparated(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return items;
  }

  /** The object's own Argo CD sync options, such as Replace=true. */
  public static List<String> syncOptions(Resource resource) {
    return commaSeparated(resource.annotations().getOrDefault(SYNC_OPTIONS, ""));
  }

  /**
   * Whether Argo CD deletes the object and creates it again on each sync, rather than updating it:
   * a hook (Argo CD's, or Helm's, which Argo CD maps to one), or {@code Force=true,Replace=true}.
   */
  public static boolean recreatedOnSync(Resource resource) {
    Map<String, String> annotations = resource.annotations();
    List<String> options = syncOptions(resource);
    return annotations.containsKey("argocd.argoproj.io/hook")
        || annotations.containsKey("helm.sh/hook")
        || (options.contains("Force=true") && options.contains("Replace=true"));
  }

  /**
   * The value at {@code pointer} in a Helm component's values, as Helm merges them: from the last
   * of its values files that sets it; missing when none does.
   */
  public JsonNode chartValue(HomeLab.Component component, String pointer) {
    JsonNode found = MissingNode.getInstance();
    for (String name : component.valuesFiles()) {
      for (ValuesFile values : workspace.valuesFiles()) {
        // By name: a record's equals would cost a cold Java 17 run its method-handle spin-up.
        if (values.component() != null
            && component.name().equals(values.component().name())
            && values.file().source().fileName().equals(name)
            && values.document().isPresent()) {
          JsonNode node = values.document().get().root().at(pointer);
          if (!node.isMissingNode()) {
            found = node;
          }
        }
      }
    }
    return found;
  }

  public Optional<String> layerOf(String namespace) {
    return config.namespace(namespace).map(HomeLab.Namespace::layer);
  }

  /** The pods a replicated workload asks for: its {@code spec.replicas}, 1 when not written. */
  static int replicas(Resource workload) {
    JsonNode replicas = workload.object().at("/spec/replicas");
    return replicas.isInt() ? Math.max(0, replicas.asInt()) : 1;
  }

  /** How messages name an object: its kind and its name, such as Deployment `nginx-proxy`. */
  public static String subject(Resource resource) {
    return resource.kind() + " `" + resource.name() + "`";
  }

  /** A finding at a node of the object (its value). */
  public static Finding at(RuleInfo rule, Resource resource, String pointer, String message) {
    return Finding.of(rule, resource.locate(pointer), resource.ref(), message);
  }

  /** A finding at the key of a property of the object. */
  public static Finding atKey(RuleInfo rule, Resource resource, String pointer, String message) {
    return Finding.of(rule, resource.locateKey(pointer), resource.ref(), message);
  }

  /**
   * A finding about the object's namespace: at metadata.namespace, or at the metadata key when the
   * object names none (the value of a block mapping would start at whichever key comes first).
   */
  public static Finding atNamespace(RuleInfo rule, Resource resource, String message) {
    return resource.declaredNamespace().isEmpty()
        ? atKey(rule, resource, "/metadata", message)
        : at(rule, resource, "/metadata/namespace", message);
  }

  /** A finding at a node of homelab.yaml. */
  public Finding inConfig(RuleInfo rule, String pointer, String message) {
    return Finding.of(rule, config.locate(pointer), message);
  }

  /** A finding at the key of a property of homelab.yaml. */
  public Finding inConfigKey(RuleInfo rule, String pointer, String message) {
    return Finding.of(rule, config.document().locateKey(pointer), message);
  }

  /** A finding about a whole file that is not YAML (a script, a document). */
  public Finding atFile(RuleInfo rule, Path file, int line, int column, String message) {
    Path absolute = file.toAbsolutePath().normalize();
    Path root = workspace.displayRoot();
    String display =
        (absolute.startsWith(root) ? root.relativize(absolute) : absolute)
            .toString()
            .replace('\\', '/');
    return Finding.of(rule, new Location(display, Region.point(line, column)), message);
  }
}
