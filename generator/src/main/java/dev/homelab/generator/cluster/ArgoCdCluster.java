package dev.homelab.generator.cluster;

import dev.homelab.generator.cluster.ArgoCdClusterException.Reason;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;

/**
 * Argo CD as seen through the Kubernetes API: the root Application that bootstraps the app-of-apps,
 * and the sync and health status of every Application.
 *
 * <p>Applications are handled as {@link GenericKubernetesResource}s, so no Argo CD model classes
 * are needed. Writes are create-or-update with optimistic locking rather than server-side apply,
 * which keeps the code path identical against a real API server and the fabric8 mock server.
 */
public final class ArgoCdCluster implements AutoCloseable {
  public static final String API_VERSION = "argoproj.io/v1alpha1";
  public static final String KIND = "Application";
  public static final String DEFAULT_NAMESPACE = "argocd";
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

  private static final String CRD_NAME = "applications.argoproj.io";
  private static final int UPDATE_ATTEMPTS = 3;
  // Fields that Argo CD itself writes on the Application; an apply never takes them away.
  private static final List<String> ARGO_MANAGED_FIELDS = List.of("status", "operation");

  private final KubernetesClient client;
  private final String namespace;
  private final Duration pollInterval;
  private final boolean ownsClient;
  // Set when the kubeconfig gave the client no cluster, so that an unreachable server says why.
  private final String kubeconfigProblem;
  // The kubeconfig context the client came from, so that a refusal names it; null when unknown.
  private final String context;

  /** An Argo CD in the {@code argocd} namespace, through a client that the caller closes. */
  public ArgoCdCluster(KubernetesClient client) {
    this(client, DEFAULT_NAMESPACE, DEFAULT_POLL_INTERVAL);
  }

  /** An Argo CD in {@code namespace}, polled every {@code pollInterval} while waiting. */
  public ArgoCdCluster(KubernetesClient client, String namespace, Duration pollInterval) {
    this(client, namespace, pollInterval, false, null, null);
  }

  private ArgoCdCluster(
      KubernetesClient client,
      String namespace,
      Duration pollInterval,
      boolean ownsClient,
      String kubeconfigProblem,
      String context) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
    }
    this.pollInterval = pollInterval;
    this.ownsClient = ownsClient;
    this.kubeconfigProblem = kubeconfigProblem;
    this.context = context;
  }

  /**
   * Connects through the kubeconfig ({@code KUBECONFIG} or {@code ~/.kube/config}), using {@code
   * context} or, when null, the current context. {@link #close()} closes the client.
   */
  public static ArgoCdCluster connect(String context) {
    return connect(context, DEFAULT_NAMESPACE);
  }

  /** Like {@link #connect(String)}, for an Argo CD installed in {@code namespace}. */
  public static ArgoCdCluster connect(String context, String namespace) {
    return connect(null, context, namespace);
  }

  /**
   * Like {@link #connect(String, String)}, through the one file {@code kubeconfig} when it is not
   * null: {@code KUBECONFIG} and {@code ~/.kube/config} are then not read, and no kubeconfig's lack
   * of a cluster falls back to the in-cluster address.
   */
  public static ArgoCdCluster connect(Path kubeconfig, String context, String namespace) {
    KubeconfigProblems problems =
        kubeconfig == null ? KubeconfigProblems.ofLookup() : KubeconfigProblems.ofFile(kubeconfig);
    String unusableFile = problems.unusableFile();
    if (unusableFile != null) {
      throw new ArgoCdClusterException(Reason.KUBECONFIG, unusableFile, null);
    }
    Config config;
    try {
      config =
          kubeconfig == null
              ? Config.autoConfigure(context)
              : fromKubeconfigFile(kubeconfig.toFile(), context);
    } catch (RuntimeException e) {
      // A broken file surfaces as whatever fabric8's YAML and JSON layers throw.
      throw new ArgoCdClusterException(Reason.KUBECONFIG, problems.unreadable(e), e);
    }
    if (context != null && !isCurrentContext(config, context)) {
      throw new ArgoCdClusterException(
          Reason.KUBECONFIG, problems.noSuchContext(config, context), null);
    }
    String noCluster = problems.of(config);
    if (kubeconfig != null && noCluster != null) {
      // The file was named for this run, so nothing else stands in for the cluster it lacks.
      throw new ArgoCdClusterException(Reason.KUBECONFIG, noCluster, null);
    }
    String badField = KubeconfigProblems.badField(config);
    if (badField != null) {
      throw new ArgoCdClusterException(Reason.KUBECONFIG, badField, null);
    }
    // So that fabric8 reads the certificate and key files just checked, where kubectl reads them.
    KubeconfigPaths.useKubectlPaths(config);
    try {
      KubeconfigPaths.useTokenFile(config);
    } catch (IOException e) {
      // The file was just checked, so it changed since.
      throw new ArgoCdClusterException(
          Reason.KUBECONFIG, "could not read the kubeconfig's token file: " + e, e);
    }
    // A home lab that is down should fail in seconds, not after the client's long default backoff.
    config.setRequestRetryBackoffLimit(1);
    config.setConnectionTimeout(5_000);
    KubernetesClient client;
    try {
      client = new KubernetesClientBuilder().withConfig(config).build();
    } catch (RuntimeException e) {
      // The certificates and keys it loads come from the kubeconfig, such as one that is no PEM.
      throw new ArgoCdClusterException(Reason.KUBECONFIG, problems.unusableClient(e), e);
    }
    return new ArgoCdCluster(
        client,
        namespace,
        DEFAULT_POLL_INTERVAL,
        true,
        noCluster,
        config.getCurrentContext() == null ? null : config.getCurrentContext().getName());
  }

  /**
   * The client settings of {@code file} alone, read without fabric8's global lookup; the proxy
   * settings still come from the environment, as kubectl takes them with {@code --kubeconfig} too.
   */
  private static Config fromKubeconfigFile(File file, String context) {
    Config config = Config.fromKubeconfig(context, file);
    Config environment = Config.empty();
    Config.configFromSysPropsOrEnvVars(environment);
    if (config.getHttpProxy() == null && config.getHttpsProxy() == null) {
      // A proxy-url in the file wins, as it does for kubectl.
      config.setHttpProxy(environment.getHttpProxy());
      config.setHttpsProxy(environment.getHttpsProxy());
      config.setNoProxy(environment.getNoProxy());
      config.setProxyUsername(environment.getProxyUsername());
      config.setProxyPassword(environment.getProxyPassword());
    }
    return config;
  }

  private static boolean isCurrentContext(Config config, String context) {
    return config.getCurrentContext() != null
        && context.equals(config.getCurrentContext().getName());
  }

  /** The namespace Argo CD's Applications live in. */
  public String namespace() {
    return namespace;
  }

  /**
   * {@link #applyRootApplication(GenericKubernetesResource, boolean)} for a parsed YAML or JSON
   * map.
   */
  public ApplyResult applyRootApplication(Map<String, Object> application, boolean dryRun) {
    return applyRootApplication(
        serialization().convertValue(application, GenericKubernetesResource.class), dryRun);
  }

  /**
   * Creates the root Application, or updates it when its metadata or spec differ.
   *
   * <p>The update keeps what Argo CD writes ({@code status}, {@code operation}) and labels and
   * annotations that others added; {@code spec} and {@code finalizers} become exactly the given
   * ones. A concurrent change is retried from a fresh read. An Application that is being deleted is
   * refused, since the deletion would undo any update. With {@code dryRun} it compares with the
   * live Application and sends no write, since not every API server honours dryRun=All.
   */
  public ApplyResult applyRootApplication(GenericKubernetesResource application, boolean dryRun) {
    GenericKubernetesResource desired = checked(application);
    String name = desired.getMetadata().getName();
    NonNamespaceOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        applications = applications();
    for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      GenericKubernetesResource live =
          call("reading Application " + name, () -> applications.withName(name).get());
      if (live != null && live.getMetadata().getDeletionTimestamp() != null) {
        // An update would succeed, yet Argo CD removes the Application once its finalizers ran.
        throw new ArgoCdClusterException(
            Reason.API_ERROR,
            application(name)
                + " is being deleted (since "
                + live.getMetadata().getDeletionTimestamp()
                + "); run apply again once it is gone",
            null);
      }
      try {
        if (live == null) {
          if (!dryRun) {
            applications.resource(desired).create();
          }
          return ApplyResult.CREATED;
        }
        GenericKubernetesResource merged = merge(live, desired);
        if (asTree(merged).equals(asTree(live))) {
          return ApplyResult.UNCHANGED;
        }
        if (!dryRun) {
          applications.resource(merged).update();
        }
        return ApplyResult.UPDATED;
      } catch (KubernetesClientException e) {
        if (e.getCode() <= 0 && isRequestTimeout(e)) {
          throw mayHaveBeenDone(name, live == null ? "created" : "updated", e);
        }
        if (e.getCode() != 409) {
          throw translate(e, (live == null ? "creating" : "updating") + " Application " + name);
        }
      }
    }
    throw new ArgoCdClusterException(
        Reason.API_ERROR,
        application(name) + " kept changing while being updated; run apply again",
        null);
  }

  /**
   * The fields that {@link #applyRootApplication(Map, boolean)} would change in the live root
   * Application, as a dry run shows them; none when there is none or it would be left unchanged.
   */
  public List<FieldChange> rootApplicationChanges(Map<String, Object> application) {
    GenericKubernetesResource desired =
        checked(serialization().convertValue(application, GenericKubernetesResource.class));
    String name = desired.getMetadata().getName();
    GenericKubernetesResource live =
        call("reading Application " + name, () -> applications().withName(name).get());
    if (live == null) {
      return List.of();
    }
    return FieldChange.between(asTree(live), asTree(merge(live, desired)));
  }

  /** Every Application in the namespace, sorted by name. */
  public List<ApplicationStatus> applicationStatuses() {
    GenericKubernetesResourceList list = call("listing Applications", () -> applications().list());
    List<ApplicationStatus> statuses = new ArrayList<>();
    for (GenericKubernetesResource item : list.getItems()) {
      statuses.add(statusOf(item));
    }
    statuses.sort(Comparator.comparing(ApplicationStatus::name));
    return statuses;
  }

  /**
   * Polls until every Application is settled or {@code wait} has passed, and returns the last
   * snapshot; a zero wait reads once. An API server that cannot be reached yet, such as one still
   * starting, is polled again until the wait has passed.
   */
  public StatusReport status(Duration wait) {
    return status(wait, note -> {});
  }

  /**
   * Like {@link #status(Duration)}, and tells {@code waitingNote} once when it waits for an API
   * server that cannot be reached yet.
   */
  public StatusReport status(Duration wait, Consumer<String> waitingNote) {
    long deadline = System.nanoTime() + wait.toNanos();
    boolean noted = false;
    while (true) {
      List<ApplicationStatus> snapshot;
      try {
        snapshot = applicationStatuses();
      } catch (ArgoCdClusterException e) {
        if (!mayAnswerLater(e) || deadline - System.nanoTime() <= 0) {
          throw e;
        }
        if (!noted) {
          waitingNote.accept(
              "waiting for the API server at " + client.getMasterUrl() + ": " + shortCause(e));
          noted = true;
        }
        if (!pauseBeforeNextPoll(deadline)) {
          throw e;
        }
        continue;
      }
      StatusReport report = new StatusReport(snapshot, wait, false, namespace);
      if (report.allSettled()) {
        return report;
      }
      if (deadline - System.nanoTime() <= 0) {
        return new StatusReport(snapshot, wait, !wait.isZero(), namespace);
      }
      if (!pauseBeforeNextPoll(deadline)) {
        return new StatusReport(snapshot, wait, true, namespace);
      }
    }
  }

  /** Sleeps one poll interval, or less when the deadline comes first; false when interrupted. */
  private boolean pauseBeforeNextPoll(long deadline) {
    long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
    try {
      Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), remainingMillis)));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // A server that is down or still starting may answer later; one whose certificate is not
  // trusted will not.
  private static boolean mayAnswerLater(ArgoCdClusterException e) {
    return e.reason() == Reason.UNREACHABLE && !isCertificateProblem(e);
  }

  /** Whether the TLS handshake failed over the server's certificate. */
  private static boolean isCertificateProblem(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof GeneralSecurityException) {
        return true;
      }
    }
    return false;
  }

  /** The kubeconfig context in words, such as "kubeconfig context lab". */
  private String contextInWords() {
    return context == null ? "the kubeconfig context" : "kubeconfig context " + context;
  }

  /**
   * A write that timed out once sent: the server may have done it and only the answer was lost, so
   * the message says so rather than that nothing happened.
   */
  private ArgoCdClusterException mayHaveBeenDone(
      String name, String done, KubernetesClientException e) {
    return new ArgoCdClusterException(
        Reason.UNREACHABLE,
        "the Kubernetes API server at "
            + client.getMasterUrl()
            + " took "
            + application(name)
            + " to be "
            + done
            + " but gave "
            + shortCause(e)
            + ", so it may have been "
            + done
            + " all the same; run status to see, or apply again",
        e);
  }

  /** Whether the request was sent and its answer timed out, unlike a connection that never was. */
  private static boolean isRequestTimeout(Throwable e) {
    String type = root(e).getClass().getSimpleName();
    return type.contains("Timeout") && !type.contains("Connect");
  }

  /** The root cause in a few words, such as "connection refused" or "no answer within 10 s". */
  private String shortCause(Throwable e) {
    Throwable root = root(e);
    String message = root.getMessage();
    if (root.getClass().getSimpleName().contains("Timeout")) {
      // The HTTP client words a request timeout with its own class name and milliseconds.
      int millis = client.getConfiguration().getRequestTimeout();
      return "no answer within " + (millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms");
    }
    if (root instanceof UnknownHostException) {
      return "unknown host " + message;
    }
    if (message == null || message.isBlank()) {
      return root.getClass().getSimpleName();
    }
    return Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      applications() {
    MixedOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        all =
            call(
                "looking up the Application resource type",
                () -> client.genericKubernetesResources(API_VERSION, KIND));
    return all.inNamespace(namespace);
  }

  private GenericKubernetesResource checked(GenericKubernetesResource application) {
    GenericKubernetesResource copy = serialization().clone(application);
    if (!API_VERSION.equals(copy.getApiVersion()) || !KIND.equals(copy.getKind())) {
      throw new IllegalArgumentException(
          "the root Application must be "
              + API_VERSION
              + " "
              + KIND
              + ", not "
              + copy.getApiVersion()
              + " "
              + copy.getKind());
    }
    ObjectMeta metadata = copy.getMetadata();
    if (metadata == null || metadata.getName() == null || metadata.getName().isBlank()) {
      throw new IllegalArgumentException("the root Application has no metadata.name");
    }
    if (metadata.getNamespace() == null) {
      metadata.setNamespace(namespace);
    } else if (!metadata.getNamespace().equals(namespace)) {
      throw new IllegalArgumentException(
          "the root Application is for namespace "
              + metadata.getNamespace()
              + ", not "
              + namespace);
    }
    return copy;
  }

  private GenericKubernetesResource merge(
      GenericKubernetesResource live, GenericKubernetesResource desired) {
    GenericKubernetesResource merged = serialization().clone(desired);
    ObjectMeta metadata = serialization().clone(live.getMetadata());
    metadata.setLabels(union(live.getMetadata().getLabels(), desired.getMetadata().getLabels()));
    metadata.setAnnotations(
        union(live.getMetadata().getAnnotations(), desired.getMetadata().getAnnotations()));
    List<String> finalizers = desired.getMetadata().getFinalizers();
    metadata.setFinalizers(finalizers == null || finalizers.isEmpty() ? null : finalizers);
    merged.setMetadata(metadata);
    for (String field : ARGO_MANAGED_FIELDS) {
      Object value = live.getAdditionalProperties().get(field);
      if (value != null && !merged.getAdditionalProperties().containsKey(field)) {
        merged.setAdditionalProperty(field, value);
      }
    }
    return merged;
  }

  private static Map<String, String> union(Map<String, String> live, Map<String, String> desired) {
    Map<String, String> union = new LinkedHashMap<>();
    if (live != null) {
      union.putAll(live);
    }
    if (desired != null) {
      union.putAll(desired);
    }
    return union.isEmpty() ? null : union;
  }

  // Comparing plain JSON trees ignores map order and the number types Jackson happened to pick.
  private String application(String name) {
    return "Application " + name + " in namespace " + namespace;
  }

  private Object asTree(GenericKubernetesResource resource) {
    return serialization().unmarshal(serialization().asJson(resource), Object.class);
  }

  static ApplicationStatus statusOf(GenericKubernetesResource application) {
    Map<String, Object> root = application.getAdditionalProperties();
    String phase = text(root, "status", "operationState", "phase");
    return new ApplicationStatus(
        application.getMetadata().getName(),
        text(root, "spec", "project"),
        text(root, "status", "sync", "status"),
        text(root, "status", "health", "status"),
        phase,
        message(root, phase),
        root.get("operation") != null);
  }

  private static String message(Map<String, Object> root, String phase) {
    Object conditions = at(root, "status", "conditions");
    if (conditions instanceof List<?>) {
      List<String> messages = new ArrayList<>();
      for (Object condition : (List<?>) conditions) {
        if (condition instanceof Map<?, ?>) {
          Object type = ((Map<?, ?>) condition).get("type");
          Object message = ((Map<?, ?>) condition).get("message");
          if (message != null) {
            messages.add((type == null ? "" : type + ": ") + message);
          }
        }
      }
      if (!messages.isEmpty()) {
        return String.join("; ", messages);
      }
    }
    String operationMessage = text(root, "status", "operationState", "message");
    if (operationMessage != null && !"Succeeded".equals(phase)) {
      return operationMessage;
    }
    return text(root, "status", "health", "message");
  }

  private static String text(Map<String, Object> root, String... path) {
    Object value = at(root, path);
    return value == null ? null : value.toString();
  }

  private static Object at(Map<String, Object> root, String... path) {
    Object current = root;
    for (String key : path) {
      if (!(current instanceof Map<?, ?>)) {
        return null;
      }
      current = ((Map<?, ?>) current).get(key);
    }
    return current;
  }

  private KubernetesSerialization serialization() {
    return client.getKubernetesSerialization();
  }

  private <T> T call(String action, Supplier<T> request) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      throw translate(e, action);
    }
  }

  /** Turns a client failure into a message that says what to do, without a stack trace. */
  ArgoCdClusterException translate(KubernetesClientException e, String action) {
    String server = String.valueOf(client.getMasterUrl());
    String detail = statusMessage(e);
    if (e.getMessage() != null && e.getMessage().startsWith("Could not find the metadata")) {
      // Fabric8 says this when the Application type's group version answered 404.
      return typeNotFound(server, e);
    }
    if (e.getCode() <= 0 && isUnreadableAnswer(e)) {
      return notKubernetes(
          server, "answered with a body that is not the Kubernetes API's JSON while " + action, e);
    }
    if (e.getCode() <= 0) {
      // No HTTP status at all: refused, unresolvable, timed out or a failed TLS handshake. Without
      // a usable kubeconfig the client tried its in-cluster fallback, so the kubeconfig is at
      // fault.
      if (kubeconfigProblem != null) {
        return fallbackFailed(
            server, "could not be reached while " + action + ": " + shortCause(e), e);
      }
      return new ArgoCdClusterException(
          Reason.UNREACHABLE,
          "cannot reach the Kubernetes API server at "
              + server
              + " while "
              + action
              + " ("
              + shortCause(e)
              + "); "
              + (isCertificateProblem(e)
                  ? "its certificate is not signed by the certificate authority of "
                      + contextInWords()
                      + ", or does not name this address; if K3s was reinstalled, copy its"
                      + " new /etc/rancher/k3s/k3s.yaml"
                  : "check " + contextInWords() + " and that the cluster is up"),
          e);
    }
    switch (e.getCode()) {
      case 401:
        return new ArgoCdClusterException(
            Reason.UNAUTHORIZED,
            "the Kubernetes API server at "
                + server
                + " rejected the credentials of "
                + contextInWords()
                + " (401 Unauthorized) while "
                + action
                + "; its token or client certificate is wrong or expired: copy a fresh kubeconfig"
                + " from /etc/rancher/k3s/k3s.yaml on the K3s server",
            e);
      case 403:
        return new ArgoCdClusterException(
            Reason.FORBIDDEN,
            "RBAC forbids "
                + action
                + " in namespace "
                + namespace
                + " on "
                + server
                + " for "
                + contextInWords()
                + " (403 Forbidden): "
                + detail
                + "; use a context whose user may, such as K3s's admin kubeconfig",
            e);
      case 404:
        if (detail != null && detail.contains("namespaces \"" + namespace + "\" not found")) {
          return new ArgoCdClusterException(
              Reason.NAMESPACE_MISSING,
              "namespace " + namespace + " does not exist on " + server + "; install Argo CD first",
              e);
        }
        return typeNotFound(server, e);
      default:
        return new ArgoCdClusterException(
            Reason.API_ERROR,
            "the Kubernetes API server at "
                + server
                + " answered "
                + e.getCode()
                + " while "
                + action
                + ": "
                + detail,
            e);
    }
  }

  /**
   * Why the Application type is not found, as API discovery ({@code GET /apis}) tells: Argo CD's
   * CRDs are missing when it answers; a server that answers it 404 or with no JSON is no Kubernetes
   * API server, such as a web server or proxy at the kubeconfig's address; a server that answers it
   * with another error cannot tell whether the CRDs are there.
   */
  private ArgoCdClusterException typeNotFound(String server, KubernetesClientException e) {
    try {
      if (client.getApiGroups() != null) {
        return crdMissing(server, e);
      }
      return notKubernetes(
          server,
          "answered 404 Not Found to API discovery (GET /apis), which every Kubernetes API server"
              + " serves",
          e);
    } catch (KubernetesClientException discovery) {
      if (discovery.getCode() <= 0 && isUnreadableAnswer(discovery)) {
        return notKubernetes(
            server,
            "answered API discovery (GET /apis) with a body that is not the Kubernetes API's JSON",
            e);
      }
      if (discovery.getCode() <= 0) {
        return translate(discovery, "discovering its API groups");
      }
      return new ArgoCdClusterException(
          Reason.API_ERROR,
          "the Kubernetes API server at "
              + server
              + " does not serve "
              + API_VERSION
              + " and answered "
              + discovery.getCode()
              + " to API discovery (GET /apis), so whether Argo CD's CRDs are installed cannot be"
              + " told: "
              + statusMessage(discovery),
          e);
    }
  }

  /** The server at {@code server} is not a Kubernetes API server, as {@code evidence} shows. */
  private ArgoCdClusterException notKubernetes(
      String server, String evidence, KubernetesClientException e) {
    if (kubeconfigProblem != null) {
      return fallbackFailed(server, "is not a Kubernetes API server: it " + evidence, e);
    }
    return new ArgoCdClusterException(
        Reason.NOT_KUBERNETES,
        "the server at "
            + server
            + " is not a Kubernetes API server: it "
            + evidence
            + "; check the server address of the kubeconfig's cluster (K3s serves the API on"
            + " port 6443)",
        e);
  }

  /**
   * The kubeconfig gave no cluster, so the client tried the in-cluster address, which failed as
   * {@code outcome} says; the kubeconfig's problem and its fix lead, since that address is only
   * fabric8's fallback.
   */
  private ArgoCdClusterException fallbackFailed(
      String server, String outcome, KubernetesClientException e) {
    return new ArgoCdClusterException(
        Reason.KUBECONFIG,
        kubeconfigProblem
            + " (so the client fell back to the in-cluster address "
            + server
            + ", which "
            + outcome
            + ")",
        e);
  }

  /** Whether the server answered with a body that fabric8 could not read as JSON. */
  private static boolean isUnreadableAnswer(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof JacksonException) {
        return true;
      }
    }
    return false;
  }

  private static String statusMessage(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : e.getMessage();
  }

  private static ArgoCdClusterException crdMissing(String server, KubernetesClientException e) {
    return new ArgoCdClusterException(
        Reason.CRD_MISSING,
        "the cluster at "
            + server
            + " does not serve "
            + CRD_NAME
            + " ("
            + API_VERSION
            + "): Argo CD's CRDs are not installed",
        e);
  }

  private static Throwable root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
