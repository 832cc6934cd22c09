package dev.homelab.generator.model;

import dev.homelab.core.cli.UsageException;
import dev.homelab.core.config.ConfigException;
import dev.homelab.core.config.GeneratedNames;
import dev.homelab.core.config.HomeLab;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.workspace.ProjectPaths;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Argo CD app-of-apps for a lab: the root Application, an AppProject and an Application per
 * namespace, and an Application per component that Argo CD deploys. Paths of the files are relative
 * to the generated folder ({@code generatedPath} in homelab.yaml).
 */
public final class AppOfApps {
  public static final String API_VERSION = "argoproj.io/v1alpha1";
  public static final String IN_CLUSTER = "https://kubernetes.default.svc";
  public static final String FINALIZER = "resources-finalizer.argocd.argoproj.io";
  public static final String MANAGED_BY = "homelab-generator";
  public static final String SYNC_WAVE = "argocd.argoproj.io/sync-wave";
  // Their CRDs exceed the 256 KiB last-applied annotation of client-side apply.
  static final int DEFAULT_RETRY_LIMIT = 5;
  // Before every namespace Application, so that a project exists when its Applications appear.
  static final int APP_PROJECT_WAVE = -1;

  /** One generated file: its path below the generated folder and the objects in it, in order. */
  public record GeneratedFile(String path, List<ArgoObject> objects) {}

  private final HomeLab lab;
  private final SyncWaves waves;
  private final ArgoObject root;
  private final List<GeneratedFile> files;

  private AppOfApps(HomeLab lab, SyncWaves waves, ArgoObject root, List<GeneratedFile> files) {
    this.lab = lab;
    this.waves = waves;
    this.root = root;
    this.files = files;
  }

  /**
   * Plans every generated object.
   *
   * @throws ConfigException when an Argo CD component has no manifests to sync
   * @throws UsageException when two generated objects would share a name: loading homelab.yaml
   *     refuses such a lab already, so this guards against objects named apart from GeneratedNames
   */
  public static AppOfApps plan(HomeLabConfig config, ComponentFiles componentFiles)
      throws ConfigException {
    HomeLab lab = config.lab();
    SyncWaves waves = SyncWaves.of(config);
    Builder builder = new Builder(lab);
    List<GeneratedFile> files = new ArrayList<>();
    ArgoObject root = builder.root();
    files.add(new GeneratedFile("root.yaml", List.of(root)));
    for (HomeLab.Namespace namespace : lab.namespaces()) {
      List<HomeLab.Component> deployed =
          lab.components().stream()
              .filter(c -> c.namespace().equals(namespace.name()) && c.deployedByArgoCd())
              .toList();
      if (deployed.isEmpty()) {
        continue;
      }
      files.add(
          new GeneratedFile(
              "namespaces/" + namespace.name() + ".yaml",
              List.of(
                  builder.appProject(namespace, deployed),
                  builder.namespaceApplication(namespace, waves.namespace(namespace.name())))));
      for (HomeLab.Component component : deployed) {
        SortedSet<String> manifests = componentFiles.manifests(component);
        if (!component.isHelm() && manifests.isEmpty()) {
          throw new ConfigException(
              config.locate(Pointer.of("components", config.indexOf(component), "path")),
              "component `"
                  + component.name()
                  + "` has no manifests in "
                  + ProjectPaths.repoPath(lab.git().path(), component.path())
                  + " for its Application to sync; add them, or set `deploy: script` when"
                  + " something else installs it");
        }
        files.add(
            new GeneratedFile(
                "apps/" + namespace.name() + "/" + component.name() + ".yaml",
                List.of(
                    builder.componentApplication(
                        component, waves.component(component.name()), manifests))));
      }
    }
    AppOfApps plan = new AppOfApps(lab, waves, root, List.copyOf(files));
    plan.refuseDuplicateNames();
    return plan;
  }

  public HomeLab lab() {
    return lab;
  }

  public SyncWaves waves() {
    return waves;
  }

  /** The root Application, which {@code apply} installs in the cluster. */
  public ArgoObject root() {
    return root;
  }

  public List<GeneratedFile> files() {
    return files;
  }

  /** Every generated object, in file order. */
  public List<ArgoObject> objects() {
    return files.stream().flatMap(f -> f.objects().stream()).toList();
  }

  private void refuseDuplicateNames() {
    Map<String, List<String>> byName = new TreeMap<>();
    for (GeneratedFile file : files) {
      for (ArgoObject object : file.objects()) {
        byName
            .computeIfAbsent(object.kind() + " " + object.name(), k -> new ArrayList<>())
            .add(file.path());
      }
    }
    List<String> clashes =
        byName.entrySet().stream()
            .filter(e -> e.getValue().size() > 1)
            .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
            .toList();
    if (byName.containsKey(ArgoObject.APP_PROJECT + " " + GeneratedNames.DEFAULT_PROJECT)) {
      clashes = new ArrayList<>(clashes);
      clashes.add(
          "AppProject default (Argo CD's built-in project, used by the root and namespace"
              + " Applications)");
    }
    if (!clashes.isEmpty()) {
      throw new UsageException(
          "two generated objects would share a name in namespace "
              + lab.argocd().namespace()
              + ": "
              + String.join("; ", clashes)
              + "; rename the component or namespace in homelab.yaml");
    }
  }

  /** Builds the objects; one method per kind of object, keys in the order they are written. */
  private static final class Builder {
    private final HomeLab lab;

    Builder(HomeLab lab) {
      this.lab = lab;
    }

    ArgoObject root() {
      String folder = ProjectPaths.repoPath(lab.generatedPath(), "namespaces");
      return application(
          GeneratedNames.rootApplication(lab),
          null,
          folder,
          spec(
              GeneratedNames.DEFAULT_PROJECT,
              List.of(gitSource(ProjectPaths.repoPath(lab.git().path(), folder))),
              lab.argocd().namespace(),
              bare()));
    }

    ArgoObject namespaceApplication(HomeLab.Namespace namespace, int wave) {
      String folder = ProjectPaths.repoPath(lab.generatedPath(), "apps", namespace.name());
      return application(
          GeneratedNames.namespaceApplication(namespace.name()),
          wave,
          folder,
          spec(
              GeneratedNames.DEFAULT_PROJECT,
              List.of(gitSource(ProjectPaths.repoPath(lab.git().path(), folder))),
              lab.argocd().namespace(),
              bare()));
    }

    ArgoObject appProject(HomeLab.Namespace namespace, List<HomeLab.Component> components) {
      TreeSet<String> repos = new TreeSet<>();
      repos.add(lab.git().repoURL());
      components.stream()
          .filter(HomeLab.Component::isHelm)
          .forEach(c -> repos.add(c.chart().repoURL()));
      Map<String, Object> spec = new LinkedHashMap<>();
      if (namespace.description() != null) {
        spec.put("description", namespace.description());
      }
      spec.put("sourceRepos", List.copyOf(repos));
      spec.put("destinations", List.of(destination(namespace.name())));
      spec.put(
          "clusterResourceWhitelist",
          namespace.clusterResources() ? List.of(everything()) : List.of());
      spec.put("namespaceResourceWhitelist", List.of(everything()));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("apiVersion", API_VERSION);
      body.put("kind", ArgoObject.APP_PROJECT);
      body.put("metadata", metadata(namespace.name(), APP_PROJECT_WAVE, null, false));
      body.put("spec", spec);
      return new ArgoObject(ArgoObject.APP_PROJECT, namespace.name(), body);
    }

    ArgoObject componentApplication(
        HomeLab.Component component, int wave, SortedSet<String> manifests) {
      HomeLab.Sync sync = component.sync();
      List<Map<String, Object>> sources = new ArrayList<>();
      if (component.isHelm()) {
        sources.add(chartSource(component));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("repoURL", lab.git().repoURL());
        values.put("targetRevision", lab.git().revision());
        values.put("ref", "values");
        sources.add(values);
      }
      if (!manifests.isEmpty()) {
        Map<String, Object> directory =
            gitSource(ProjectPaths.repoPath(lab.git().path(), component.path()));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("recurse", true);
        options.put("include", include(manifests));
        directory.put("directory", options);
        sources.add(directory);
      }
      Set<IgnoreDifferencesPreset> ignored = EnumSet.noneOf(IgnoreDifferencesPreset.class);
      if (sync.ignoreDifferences() == null) {
        if (component.isHelm()) {
          ignored.add(IgnoreDifferencesPreset.WEBHOOK_CA_BUNDLE);
        }
      } else {
        sync.ignoreDifferences().forEach(id -> ignored.add(IgnoreDifferencesPreset.byId(id)));
      }
      boolean serverSideApply = component.serverSideApply();
      List<String> options = new ArrayList<>(List.of("CreateNamespace=false"));
      if (!ignored.isEmpty()) {
        // Without it a sync would still overwrite the injected fields that the diff ignores.
        options.add("RespectIgnoreDifferences=true");
      }
      if (serverSideApply) {
        options.add("ServerSideApply=true");
      }
      Map<String, Object> policy = new LinkedHashMap<>();
      if (!Boolean.FALSE.equals(sync.automated())) {
        Map<String, Object> automated = new LinkedHashMap<>();
        automated.put("prune", !Boolean.FALSE.equals(sync.prune()));
        automated.put("selfHeal", !Boolean.FALSE.equals(sync.selfHeal()));
        policy.put("automated", automated);
      }
      policy.put("syncOptions", options.stream().sorted().toList());
      Map<String, Object> backoff = new LinkedHashMap<>();
      backoff.put("duration", "10s");
      backoff.put("factor", 2);
      backoff.put("maxDuration", "3m");
      Map<String, Object> retry = new LinkedHashMap<>();
      retry.put("limit", sync.retryLimit() != null ? sync.retryLimit() : DEFAULT_RETRY_LIMIT);
      retry.put("backoff", backoff);
      policy.put("retry", retry);
      Map<String, Object> spec =
          spec(component.namespace(), sources, component.namespace(), policy);
      if (!ignored.isEmpty()) {
        spec.put("ignoreDifferences", IgnoreDifferencesPreset.entries(ignored));
      }
      return application(component.name(), wave, stripSlash(component.path()), spec);
    }

    private Map<String, Object> chartSource(HomeLab.Component component) {
      HomeLab.Chart chart = component.chart();
      Map<String, Object> helm = new LinkedHashMap<>();
      helm.put("releaseName", component.releaseName());
      helm.put(
          "valueFiles",
          component.valuesFiles().stream()
              .map(
                  file ->
                      "$values/" + ProjectPaths.repoPath(lab.git().path(), component.path(), file))
              .toList());
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("repoURL", chart.repoURL());
      source.put("chart", chart.name());
      source.put("targetRevision", chart.version());
      source.put("helm", helm);
      return source;
    }

    private Map<String, Object> gitSource(String path) {
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("repoURL", lab.git().repoURL());
      source.put("targetRevision", lab.git().revision());
      source.put("path", path);
      return source;
    }

    /** The spec of an Application: a single {@code source}, or {@code sources} for several. */
    private Map<String, Object> spec(
        String project,
        List<Map<String, Object>> sources,
        String namespace,
        Map<String, Object> syncPolicy) {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("project", project);
      if (sources.size() == 1) {
        spec.put("source", sources.get(0));
      } else {
        spec.put("sources", sources);
      }
      spec.put("destination", destination(namespace));
      spec.put("syncPolicy", syncPolicy);
      return spec;
    }

    /** The policy of the root and namespace Applications: automated, without retry. */
    private Map<String, Object> bare() {
      Map<String, Object> automated = new LinkedHashMap<>();
      automated.put("prune", true);
      automated.put("selfHeal", true);
      Map<String, Object> policy = new LinkedHashMap<>();
      policy.put("automated", automated);
      policy.put("syncOptions", List.of("CreateNamespace=false"));
      return policy;
    }

    private ArgoObject application(
        String name, Integer wave, String componentPath, Map<String, Object> spec) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("apiVersion", API_VERSION);
      body.put("kind", ArgoObject.APPLICATION);
      body.put("metadata", metadata(name, wave, componentPath, true));
      body.put("spec", spec);
      return new ArgoObject(ArgoObject.APPLICATION, name, body);
    }

    private Map<String, Object> metadata(
        String name, Integer wave, String componentPath, boolean finalizer) {
      Map<String, Object> labels = new LinkedHashMap<>();
      labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
      labels.put("app.kubernetes.io/part-of", lab.name());
      Map<String, Object> annotations = new LinkedHashMap<>();
      if (wave != null) {
        annotations.put(SYNC_WAVE, String.valueOf(wave));
      }
      if (componentPath != null) {
        annotations.put(ArgoObject.COMPONENT_PATH, componentPath);
      }
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("name", name);
      metadata.put("namespace", lab.argocd().namespace());
      metadata.put("labels", labels);
      if (!annotations.isEmpty()) {
        metadata.put("annotations", annotations);
      }
      if (finalizer) {
        metadata.put("finalizers", List.of(FINALIZER));
      }
      return metadata;
    }

    private static Map<String, Object> destination(String namespace) {
      Map<String, Object> destination = new LinkedHashMap<>();
      destination.put("server", IN_CLUSTER);
      destination.put("namespace", namespace);
      return destination;
    }

    private static Map<String, Object> everything() {
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("group", "*");
      all.put("kind", "*");
      return all;
    }
  }

  /** Argo CD's include glob for exactly these files; glob characters in names are escaped. */
  static String include(SortedSet<String> files) {
    List<String> escaped =
        files.stream().map(f -> f.replaceAll("([*?\\[\\]{},\\\\])", "\\\\$1")).toList();
    return escaped.size() == 1
        ? escaped.get(0)
        : escaped.stream().collect(Collectors.joining(",", "{", "}"));
  }

  private static String stripSlash(String path) {
    return ComponentFiles.stripSlash(path);
  }
}
