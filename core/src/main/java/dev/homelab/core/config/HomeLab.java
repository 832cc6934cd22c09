package dev.homelab.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code homelab.yaml} says, with the schema's defaults applied. The JSON Schema in {@code
 * docs/schemas/homelab.schema.json} documents every field.
 */
public record HomeLab(
    String name,
    String domain,
    String namePattern,
    Kubernetes kubernetes,
    Git git,
    Network network,
    Routing routing,
    Storage storage,
    Observability observability,
    List<String> layers,
    String generatedPath,
    String docsPath,
    ArgoCd argocd,
    Map<String, Profile> profiles,
    List<Namespace> namespaces,
    List<Component> components,
    List<Exposure> exposure,
    List<Exemption> exemptions) {

  public HomeLab {
    namePattern = Objects.requireNonNullElse(namePattern, "{app}-{component}");
    routing = Objects.requireNonNullElseGet(routing, () -> new Routing(null, null, null, null));
    storage = Objects.requireNonNullElseGet(storage, () -> new Storage(null, null));
    observability = Objects.requireNonNullElseGet(observability, () -> new Observability(null));
    layers = List.copyOf(layers);
    generatedPath = withoutLeadingDots(Objects.requireNonNullElse(generatedPath, "argocd"));
    docsPath = withoutLeadingDots(Objects.requireNonNullElse(docsPath, "../docs"));
    argocd = Objects.requireNonNullElseGet(argocd, () -> new ArgoCd(null));
    profiles = Collections.unmodifiableMap(new TreeMap<>(profiles));
    namespaces = List.copyOf(namespaces);
    components = components == null ? List.of() : List.copyOf(components);
    exposure = exposure == null ? List.of() : List.copyOf(exposure);
    exemptions = exemptions == null ? List.of() : List.copyOf(exemptions);
  }

  /** The namespaces that Argo CD syncs at least one component into (not only scripts). */
  public Set<String> namespacesArgoCdSyncs() {
    Set<String> synced = new HashSet<>();
    for (Component component : components) {
      if (component.deployedByArgoCd()) {
        synced.add(component.namespace());
      }
    }
    return synced;
  }

  public record Kubernetes(String version, String distribution, String distributionVersion) {}

  public record Git(String repoURL, String revision, String path) {
    public Git {
      path = withoutLeadingDots(path);
    }
  }

  public record Network(String lan, String tailscale, List<String> metallbPools) {}

  public record Routing(
      String entryPoint,
      String clusterIssuer,
      NamespacedName allowListMiddleware,
      String minTlsVersion) {
    public Routing {
      entryPoint = Objects.requireNonNullElse(entryPoint, "websecure");
      clusterIssuer = Objects.requireNonNullElse(clusterIssuer, "letsencrypt-production");
      minTlsVersion = Objects.requireNonNullElse(minTlsVersion, "1.2");
    }
  }

  public record NamespacedName(String namespace, String name) {}

  public record Storage(String defaultClass, String localClass) {
    public Storage {
      defaultClass = Objects.requireNonNullElse(defaultClass, "nfs-client");
      localClass = Objects.requireNonNullElse(localClass, "local-path");
    }
  }

  public record Observability(String logRetention) {
    public Observability {
      logRetention = Objects.requireNonNullElse(logRetention, "168h");
    }
  }

  public record ArgoCd(String namespace) {
    public ArgoCd {
      namespace = Objects.requireNonNullElse(namespace, "argocd");
    }
  }

  public record Profile(
      String description, Map<String, String> quota, LimitRange limitRange, Boolean gpu) {
    public Profile {
      quota = quota == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(quota));
      gpu = Boolean.TRUE.equals(gpu);
    }
  }

  public record LimitRange(
      Map<String, String> defaultRequest,
      @JsonProperty("default") Map<String, String> defaults,
      Map<String, String> max) {}

  public record Namespace(
      String name,
      String layer,
      String profile,
      String description,
      Boolean clusterResources,
      String storageClass) {
    public Namespace {
      clusterResources = Boolean.TRUE.equals(clusterResources);
    }
  }

  /** Charts whose CRDs are too large for a client-side apply's last-applied annotation. */
  private static final Set<String> LARGE_CRD_CHARTS =
      Set.of("kube-prometheus-stack", "prometheus-operator-crds");

  public record Component(
      String name,
      String namespace,
      String path,
      String description,
      String deploy,
      Chart chart,
      List<String> values,
      List<String> dependsOn,
      Sync sync) {
    public Component {
      path = withoutLeadingDots(path);
      deploy = Objects.requireNonNullElse(deploy, "argocd");
      values = values == null ? List.of() : List.copyOf(values);
      dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
      sync =
          Objects.requireNonNullElseGet(sync, () -> new Sync(null, null, null, null, null, null));
    }

    public boolean isHelm() {
      return chart != null;
    }

    /** The Helm release's name: the chart's releaseName, else the component's name. */
    public String releaseName() {
      return chart != null && chart.releaseName() != null ? chart.releaseName() : name;
    }

    public boolean deployedByArgoCd() {
      return "argocd".equals(deploy);
    }

    /**
     * Whether Argo CD applies the component server-side: as its sync settings say, else for the
     * charts whose CRDs outgrow the annotation a client-side apply writes.
     */
    public boolean serverSideApply() {
      return sync.serverSideApply() != null
          ? sync.serverSideApply()
          : isHelm() && LARGE_CRD_CHARTS.contains(chart.name());
    }

    /** values-homelab.yaml first, then the extra files, as Helm applies them. */
    public List<String> valuesFiles() {
      List<String> files = new ArrayList<>();
      files.add(HomeLabConfig.VALUES_FILE);
      for (String extra : values) {
        if (!extra.equals(HomeLabConfig.VALUES_FILE)) {
          files.add(extra);
        }
      }
      return files;
    }
  }

  public record Chart(String repoURL, String name, String version, String releaseName) {}

  /** Per-component overrides of the generated Application; null means "use the default". */
  public record Sync(
      Boolean automated,
      Boolean prune,
      Boolean selfHeal,
      Boolean serverSideApply,
      Integer retryLimit,
      List<String> ignoreDifferences) {}

  /**
   * A Service allowed on the LAN: {@code type} is LoadBalancer or NodePort, or ExternalIPs for a
   * Service that sets {@code spec.externalIPs}.
   */
  public record Exposure(String namespace, String name, String type, String reason) {}

  public record Exemption(
      String rule,
      String kind,
      String namespace,
      String name,
      String file,
      String reason,
      String until) {
    public Exemption {
      file = withoutLeadingDots(file);
    }
  }

  /**
   * A path without its leading {@code ./} steps, which operators (and Argo CD) write for the same
   * folder, so that every reader of the config finds it by one spelling; the lab's own folder
   * ({@code ./}) stays as written.
   */
  static String withoutLeadingDots(String path) {
    String rest = path;
    while (rest != null && rest.startsWith("./") && rest.length() > 2 && rest.charAt(2) != '/') {
      rest = rest.substring(2);
    }
    return rest;
  }
}
