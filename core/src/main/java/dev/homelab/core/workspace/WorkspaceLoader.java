package dev.homelab.core.workspace;

import dev.homelab.core.cli.Timings;
import dev.homelab.core.config.ConfigException;
import dev.homelab.core.config.ConfigLoader;
import dev.homelab.core.config.HomeLab;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.discovery.FileDiscovery;
import dev.homelab.core.finding.CoreRules;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.model.Resource;
import dev.homelab.core.model.Scopes;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.yaml.Document;
import dev.homelab.core.yaml.LoadLimits;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import dev.homelab.core.yaml.YamlFile;
import dev.homelab.core.yaml.YamlLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Builds a {@link Workspace}: discovery, then loading every file, then objects from documents. */
public final class WorkspaceLoader {

  /**
   * @param paths files or folders to check
   * @param config homelab.yaml to use, or null to look for one above the first path
   * @param displayRoot findings show paths relative to this folder
   */
  /**
   * @param overlay files to check as if they were on disk with this content (absolute paths); they
   *     replace the disk's version or are added, so generated output can be checked before it is
   *     written
   * @param hidden absolute paths to leave out, as if already deleted
   * @param parsed files loaded before, by absolute path, taken as they are unless overlaid
   */
  public record Request(
      List<Path> paths,
      Path config,
      Path displayRoot,
      LoadLimits limits,
      Map<Path, byte[]> overlay,
      Set<Path> hidden,
      Map<Path, YamlFile> parsed,
      Set<Path> unplaced) {
    public Request(List<Path> paths, Path config, Path displayRoot) {
      this(paths, config, displayRoot, LoadLimits.DEFAULT, Map.of(), Set.of(), Map.of(), Set.of());
    }

    /**
     * The same request, with {@code files} (standard input without a name) lying in no folder:
     * their path only shows them, so no rule reads a place in the tree from it.
     */
    public Request withUnplaced(Set<Path> files) {
      Set<Path> normalized = new HashSet<>();
      files.forEach(path -> normalized.add(path.toAbsolutePath().normalize()));
      return new Request(
          paths, config, displayRoot, limits, overlay, hidden, parsed, Set.copyOf(normalized));
    }

    /** The same request, taking {@code files} as loaded instead of reading them again. */
    public Request reusing(List<YamlFile> files) {
      Map<Path, YamlFile> byPath = new HashMap<>();
      files.forEach(file -> byPath.put(file.source().path().toAbsolutePath().normalize(), file));
      return new Request(paths, config, displayRoot, limits, overlay, hidden, byPath, unplaced);
    }

    /** The same request with in-memory files laid over the disk. */
    public Request withOverlay(Map<Path, byte[]> files, Set<Path> deleted) {
      Map<Path, byte[]> normalized = new LinkedHashMap<>();
      files.forEach((path, bytes) -> normalized.put(path.toAbsolutePath().normalize(), bytes));
      Set<Path> hiddenPaths = new HashSet<>();
      deleted.forEach(path -> hiddenPaths.add(path.toAbsolutePath().normalize()));
      return new Request(
          paths, config, displayRoot, limits, normalized, hiddenPaths, parsed, unplaced);
    }
  }

  private static final Set<String> KUSTOMIZE_KINDS = Set.of("Kustomization", "Component");

  private WorkspaceLoader() {}

  public static Workspace load(Request request) throws IOException, ConfigException {
    return load(request, loadConfig(request));
  }

  /** The lab config the request names, or the nearest one above its first path; null if none. */
  public static HomeLabConfig loadConfig(Request request) throws ConfigException {
    Path configFile =
        request.config() != null
            ? request.config()
            : ProjectPaths.findConfig(request.paths()).orElse(null);
    long start = System.nanoTime();
    HomeLabConfig config =
        configFile == null ? null : ConfigLoader.load(configFile, request.displayRoot());
    Timings.record("load config", Duration.ofNanos(System.nanoTime() - start), "");
    return config;
  }

  /** Like {@link #load(Request)}, with the lab config the caller has already loaded (or null). */
  public static Workspace load(Request request, HomeLabConfig config) throws IOException {
    FileDiscovery.Result discovered =
        FileDiscovery.discover(onDisk(request), request.displayRoot());
    List<Finding> findings = new ArrayList<>(discovered.findings());

    YamlLoader loader = new YamlLoader(request.limits());
    List<SourceFile> sources = overlaid(discovered.files(), request);
    List<YamlFile> files =
        sources.parallelStream()
            .map(
                source -> {
                  Path path = source.path().toAbsolutePath().normalize();
                  byte[] content = request.overlay().get(path);
                  if (content != null) {
                    return loader.load(source, content);
                  }
                  YamlFile parsed = request.parsed().get(path);
                  return parsed != null ? parsed : loader.load(source);
                })
            .toList();

    List<YamlFile> manifests = new ArrayList<>();
    List<ValuesFile> valuesFiles = new ArrayList<>();
    for (YamlFile file : files) {
      findings.addAll(file.findings());
      switch (classify(file.source(), config)) {
        case MANIFEST -> manifests.add(file);
        case HELM_VALUES -> valuesFiles.add(valuesFile(file, config));
        default -> {
          // Chart.yaml, kustomization.yaml and homelab.yaml are read for syntax only.
        }
      }
    }
    Set<String> clusterScopedCustomKinds = clusterScopedCustomKinds(manifests);
    // Per file in parallel, then joined in file order: on 50k objects this was a sequential tenth
    // of the load.
    List<FileObjects> objects =
        manifests.parallelStream()
            .map(file -> objectsOf(file, config, request.unplaced(), clusterScopedCustomKinds))
            .toList();
    List<Resource> resources = new ArrayList<>();
    for (FileObjects file : objects) {
      resources.addAll(file.resources());
      findings.addAll(file.findings());
    }
    return new Workspace(
        request.displayRoot(),
        request.paths(),
        request.unplaced(),
        config,
        files,
        discovered.otherFiles(),
        resources,
        valuesFiles,
        findings);
  }

  private record FileObjects(List<Resource> resources, List<Finding> findings) {}

  /** The objects of one manifest file, and what makes some of its documents no objects. */
  private static FileObjects objectsOf(
      YamlFile file,
      HomeLabConfig config,
      Set<Path> unplaced,
      Set<String> clusterScopedCustomKinds) {
    List<Resource> resources = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    boolean unnamed = unplaced.contains(file.source().path().toAbsolutePath().normalize());
    // Standard input without a name lies in no component's folder, whatever the working directory.
    String defaultNamespace =
        unnamed ? null : componentOf(file, config).map(HomeLab.Component::namespace).orElse(null);
    if (file.documents().isEmpty() && file.findings().isEmpty() && file.text() != null) {
      findings.add(
          Finding.of(
              CoreRules.EMPTY_FILE,
              Location.fileStart(file.source().displayPath()),
              "the file holds no YAML documents"));
    }
    for (Document document : file.documents()) {
      // Unnamed, a kustomization is known by its kind and read for syntax only, as a named one is.
      if (unnamed && isKustomization(document.root())) {
        continue;
      }
      collect(
          document,
          Pointer.ROOT,
          document.root(),
          defaultNamespace,
          clusterScopedCustomKinds,
          resources,
          findings);
    }
    return new FileObjects(resources, findings);
  }

  /** The request's paths, less those that only the overlay holds (standard input). */
  private static List<Path> onDisk(Request request) {
    if (request.overlay().isEmpty()) {
      return request.paths();
    }
    return request.paths().stream()
        .filter(
            p ->
                !request.overlay().containsKey(p.toAbsolutePath().normalize())
                    || Files.exists(p, LinkOption.NOFOLLOW_LINKS))
        .toList();
  }

  /**
   * The discovered files minus hidden ones, plus the overlay files that discovery could not see and
   * would have taken (a generated Markdown page inside the tree is not a manifest).
   */
  private static List<SourceFile> overlaid(List<SourceFile> discovered, Request request) {
    if (request.overlay().isEmpty() && request.hidden().isEmpty()) {
      return discovered;
    }
    List<SourceFile> files = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (SourceFile file : discovered) {
      Path path = file.path().toAbsolutePath().normalize();
      if (!request.hidden().contains(path) && seen.add(path)) {
        files.add(file);
      }
    }
    Path root = request.displayRoot().toAbsolutePath().normalize();
    for (Path path : request.overlay().keySet()) {
      // A path named itself is taken whatever its name, as discovery takes a named file.
      boolean inScope =
          request.paths().stream().anyMatch(p -> path.equals(p.toAbsolutePath().normalize()))
              || (FileDiscovery.isManifestCandidate(path.getFileName().toString())
                  && request.paths().stream()
                      .anyMatch(p -> path.startsWith(p.toAbsolutePath().normalize())));
      if (inScope && seen.add(path)) {
        String display =
            (path.startsWith(root) ? root.relativize(path) : path).toString().replace('\\', '/');
        files.add(new SourceFile(path, display));
      }
    }
    files.sort(null);
    return files;
  }

  /** Classifies a file by name and by what homelab.yaml says about its folder. */
  public static FileKind classify(SourceFile source, HomeLabConfig config) {
    String name = source.fileName();
    String lower = name.toLowerCase(Locale.ROOT);
    if (config != null && source.path().toAbsolutePath().normalize().equals(config.file())) {
      return FileKind.LAB_CONFIG;
    }
    if (name.equals(HomeLabConfig.FILE_NAME)) {
      return FileKind.LAB_CONFIG;
    }
    if (name.equals("Chart.yaml") || name.equals("Chart.lock")) {
      return FileKind.HELM_CHART;
    }
    if (lower.equals("kustomization.yaml") || lower.equals("kustomization.yml")) {
      return FileKind.KUSTOMIZATION;
    }
    if (name.equals(HomeLabConfig.VALUES_FILE)) {
      return FileKind.HELM_VALUES;
    }
    if (lower.contains("values") && (lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
      Path folder = source.path().getParent();
      if (folder != null && Files.isRegularFile(folder.resolve("Chart.yaml"))) {
        return FileKind.HELM_VALUES;
      }
      if (config != null) {
        Optional<HomeLab.Component> component = componentOf(source, config);
        if (component.isPresent() && component.get().values().contains(name)) {
          return FileKind.HELM_VALUES;
        }
      }
    }
    return FileKind.MANIFEST;
  }

  private static ValuesFile valuesFile(YamlFile file, HomeLabConfig config) {
    Optional<Document> document =
        file.documents().stream().filter(d -> d.root().isObject()).findFirst();
    return new ValuesFile(file, document, componentOf(file, config).orElse(null));
  }

  private static Optional<HomeLab.Component> componentOf(YamlFile file, HomeLabConfig config) {
    return componentOf(file.source(), config);
  }

  private static Optional<HomeLab.Component> componentOf(SourceFile source, HomeLabConfig config) {
    if (config == null) {
      return Optional.empty();
    }
    Path absolute = source.path().toAbsolutePath().normalize();
    if (!absolute.startsWith(config.root())) {
      return Optional.empty();
    }
    String treePath = config.root().relativize(absolute).toString().replace('\\', '/');
    return config.componentAt(treePath);
  }

  /** A kustomize Kustomization or Component, which kustomize reads and never applies. */
  private static boolean isKustomization(JsonNode root) {
    return root.isObject()
        && root.path("apiVersion").isString()
        && root.path("apiVersion").asString().startsWith("kustomize.config.k8s.io/")
        && KUSTOMIZE_KINDS.contains(root.path("kind").asString(""));
  }

  /** A file named like Helm values (values.yaml, values-prod.yaml) that no component claims. */
  private static boolean looksLikeHelmValues(Document document) {
    String file = document.location().file();
    String name = file.substring(file.lastIndexOf('/') + 1);
    return name.matches("values([-.][^/]*)?\\.ya?ml");
  }

  private static void collect(
      Document document,
      String pointer,
      JsonNode node,
      String defaultNamespace,
      Set<String> clusterScopedCustomKinds,
      List<Resource> resources,
      List<Finding> findings) {
    if (!node.isObject()) {
      findings.add(
          Finding.of(
              CoreRules.MANIFEST_NOT_OBJECT,
              pointer.isEmpty() ? document.location() : document.locate(pointer),
              (pointer.isEmpty() ? "document " + (document.index() + 1) : "item " + pointer)
                  + " is "
                  + (node.isArray() ? "a list" : node.isNull() ? "null" : "a scalar")
                  + ", not a Kubernetes object"));
      return;
    }
    String apiVersion = Nodes.text(node, "apiVersion", "");
    String kind = Nodes.text(node, "kind", "");
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      String missing =
          apiVersion.isEmpty() && kind.isEmpty()
              ? "`apiVersion` and `kind`"
              : apiVersion.isEmpty() ? "`apiVersion`" : "`kind`";
      findings.add(
          Finding.of(
              CoreRules.MANIFEST_MISSING_TYPE,
              pointer.isEmpty() ? document.location() : document.locate(pointer),
              (pointer.isEmpty() ? "document " + (document.index() + 1) : "item " + pointer)
                  + " has no "
                  + missing
                  + (pointer.isEmpty() && looksLikeHelmValues(document)
                      ? "; if these are Helm values, name the file values-homelab.yaml or list it"
                          + " under its component's `values` in homelab.yaml"
                      : "")));
      return;
    }
    JsonNode items = node.get("items");
    if (kind.endsWith("List")
        && items != null
        && items.isNull()
        && !node.has("spec")
        && !node.has("status")) {
      return; // Argo CD (isNullList) and kubectl read `items: null` as an empty list
    }
    if (kind.endsWith("List") && items != null && items.isArray()) {
      for (int i = 0; i < items.size(); i++) {
        collect(
            document,
            Pointer.append(Pointer.append(pointer, "items"), i),
            items.get(i),
            defaultNamespace,
            clusterScopedCustomKinds,
            resources,
            findings);
      }
      return;
    }
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    boolean clusterScoped =
        Scopes.isClusterScoped(group, kind)
            || clusterScopedCustomKinds.contains(group + "/" + kind);
    resources.add(new Resource(document, pointer, node, defaultNamespace, clusterScoped));
  }

  private static Set<String> clusterScopedCustomKinds(List<YamlFile> manifests) {
    Set<String> kinds = new HashSet<>();
    for (YamlFile file : manifests) {
      for (Document document : file.documents()) {
        JsonNode root = document.root();
        if ("CustomResourceDefinition".equals(Nodes.text(root, "kind", ""))) {
          JsonNode spec = root.path("spec");
          if ("Cluster".equals(Nodes.text(spec, "scope", ""))) {
            kinds.add(
                Nodes.text(spec, "group", "") + "/" + Nodes.text(spec.path("names"), "kind", ""));
          }
        }
      }
    }
    return kinds;
  }
}
