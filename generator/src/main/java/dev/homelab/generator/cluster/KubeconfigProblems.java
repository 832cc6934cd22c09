package dev.homelab.generator.cluster;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.yaml.Document;
import dev.homelab.core.yaml.Pointer;
import dev.homelab.core.yaml.YamlFile;
import dev.homelab.core.yaml.YamlLoader;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Says what is wrong with the kubeconfig files ({@code --kubeconfig}, else {@code KUBECONFIG} or
 * {@code ~/.kube/config}), since fabric8 quietly falls back to the in-cluster address when they
 * give it no cluster.
 */
final class KubeconfigProblems {
  private static final String CLUSTERS_KUBECONFIG =
      " the cluster's kubeconfig (on K3s /etc/rancher/k3s/k3s.yaml, or"
          + " from another machine a copy of it with the server's address in place of 127.0.0.1)";

  private static final List<String> CLUSTER_FIELDS =
      List.of("server", "certificate-authority", "certificate-authority-data");
  private static final String TOKEN_FILE = "tokenFile";
  private static final List<String> USER_FIELDS =
      List.of(
          "client-certificate",
          "client-key",
          "client-certificate-data",
          "client-key-data",
          TOKEN_FILE);

  private static final Pattern PEM_PRIVATE_KEY =
      Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");

  // The kubeconfig files looked at, in the order fabric8 merges them.
  private final List<String> names;
  // Whether --kubeconfig named the one file, which then is the one to fix.
  private final boolean named;

  private KubeconfigProblems(List<String> names, boolean named) {
    this.names = List.copyOf(names);
    this.named = named;
  }

  /** The files fabric8 looks up: those {@code KUBECONFIG} names, else {@code ~/.kube/config}. */
  static KubeconfigProblems ofLookup() {
    return new KubeconfigProblems(new ArrayList<>(Config.getKubeconfigFilenames()), false);
  }

  /** The one file that {@code --kubeconfig} names. */
  static KubeconfigProblems ofFile(Path file) {
    return new KubeconfigProblems(List.of(file.toString()), true);
  }

  /** How to point the run at the cluster's kubeconfig instead. */
  private String useTheClustersKubeconfig() {
    return (named ? "pass --kubeconfig" : "set KUBECONFIG to") + CLUSTERS_KUBECONFIG;
  }

  /**
   * Why {@code config} has no cluster from a kubeconfig, or null when it has one. Fabric8 8.0.0
   * sets no file when no kubeconfig is a regular file, or when none names a current context it
   * defines (an empty file, one without contexts); and no file with the cluster when the current
   * context names a cluster that is not defined.
   */
  String of(Config config) {
    List<String> files = existingFiles();
    if (files.isEmpty()) {
      return notFound();
    }
    String where = "the kubeconfig at " + String.join(", ", files);
    if (config.getFile() == null) {
      List<String> contexts = contextNames(config);
      if (contexts.isEmpty()) {
        return where + " defines no contexts; " + useTheClustersKubeconfig();
      }
      return where
          + " has no current context among its contexts ("
          + String.join(", ", contexts)
          + "); pass --context NAME or run kubectl config use-context NAME";
    }
    if (config.getFileWithCluster() == null) {
      NamedContext current = config.getCurrentContext();
      String cluster = current.getContext() == null ? null : current.getContext().getCluster();
      return "context \""
          + current.getName()
          + "\" in "
          + where
          + (cluster == null
              ? " names no cluster"
              : " names cluster \"" + cluster + "\", which it does not define");
    }
    return null;
  }

  /**
   * The first field of the current context's cluster or user that fabric8 would fail on with a bare
   * exception or quietly misread: a server that is not a URL, a certificate or key file that is not
   * there or holds no certificate or key, certificate or key data that is not base64 or holds no
   * certificate or key, or a token file that is not there or is empty where no token is given; null
   * when none is.
   */
  static String badField(Config config) {
    NamedContext current = config.getCurrentContext();
    if (current == null || current.getContext() == null) {
      return null;
    }
    String problem =
        badFieldIn(
            config.getFileWithCluster(),
            "clusters",
            "cluster",
            current.getContext().getCluster(),
            CLUSTER_FIELDS);
    if (problem != null) {
      return problem;
    }
    return badFieldIn(
        config.getFileWithAuthInfo(), "users", "user", current.getContext().getUser(), USER_FIELDS);
  }

  /**
   * What is wrong with the first of {@code fields} that is wrong under {@code kind} in the entry
   * {@code name} of {@code list} in {@code file}; null when none is.
   */
  private static String badFieldIn(
      File file, String list, String kind, String name, List<String> fields) {
    if (file == null || name == null) {
      return null;
    }
    List<Document> documents =
        new YamlLoader().load(new SourceFile(file.toPath(), file.toString())).documents();
    if (documents.size() != 1) {
      return null;
    }
    Document document = documents.get(0);
    JsonNode entries = document.root().path(list);
    for (int i = 0; i < entries.size(); i++) {
      if (!name.equals(entries.get(i).path("name").stringValue(null))) {
        continue;
      }
      for (String field : fields) {
        if (field.equals(TOKEN_FILE)
            && !KubeconfigPaths.readsTokenFile(entries.get(i).path(kind))) {
          continue;
        }
        String pointer = Pointer.of(list, i, kind, field);
        JsonNode value = document.root().at(pointer);
        String problem = value.isString() ? problemWith(field, value.stringValue(), file) : null;
        if (problem != null) {
          return "the kubeconfig at "
              + document.locate(pointer)
              + ": `"
              + Pointer.toFieldPath(pointer)
              + "` "
              + problem;
        }
      }
      return null;
    }
    return null;
  }

  private static String problemWith(String field, String value, File kubeconfig) {
    if (field.equals("server")) {
      return isUrl(value)
          ? null
          : "must be a URL such as https://192.168.1.10:6443, not `" + value + "`";
    }
    if (field.endsWith("-data")) {
      if (value.isBlank()) {
        // Empty data counts as none, for fabric8 as for kubectl.
        return null;
      }
      byte[] data = decoded(value);
      if (data == null) {
        return "is not valid base64";
      }
      return holdsWhatItIsFor(field, data)
          ? null
          : "does not hold " + whatItIsFor(field, "a PEM or DER certificate");
    }
    Path path;
    try {
      path = KubeconfigPaths.resolve(kubeconfig, value);
    } catch (InvalidPathException e) {
      return "must be a file path, not `" + value + "`";
    }
    if (!Files.exists(path)) {
      return "names " + path + ", which does not exist";
    }
    if (Files.isDirectory(path)) {
      return "names " + path + ", which is a folder";
    }
    if (!Files.isReadable(path)) {
      return "names " + path + ", which cannot be read";
    }
    if (!Files.isRegularFile(path)) {
      // A pipe or device is left to fabric8, as reading it here could block.
      return null;
    }
    byte[] content;
    try {
      content = Files.readAllBytes(path);
    } catch (IOException e) {
      return "names " + path + ", which cannot be read";
    }
    if (field.equals(TOKEN_FILE)) {
      return KubeconfigPaths.token(content).isEmpty() ? "names " + path + ", which is empty" : null;
    }
    content = asFabric8Reads(content);
    if (content.length == 0 && field.equals("certificate-authority")) {
      // A blank file adds no authority, for fabric8 as for kubectl, which then trust the system's.
      return null;
    }
    return holdsWhatItIsFor(field, content)
        ? null
        : "names " + path + ", which does not hold " + whatItIsFor(field, "a PEM certificate");
  }

  /**
   * A certificate or key file's bytes as fabric8 reads them: as text in the default charset,
   * trimmed, which garbles DER; kubectl takes only PEM in a file too.
   */
  private static byte[] asFabric8Reads(byte[] content) {
    return new String(content, Charset.defaultCharset()).trim().getBytes(Charset.defaultCharset());
  }

  /** Whether {@code content} holds the private key or the certificate that {@code field} is for. */
  private static boolean holdsWhatItIsFor(String field, byte[] content) {
    return isKey(field) ? holdsPemPrivateKey(content) : holdsCertificate(content);
  }

  /** What {@code field} must hold, in words, given the {@code certificate} forms it takes. */
  private static String whatItIsFor(String field, String certificate) {
    return isKey(field) ? "a PEM private key" : certificate;
  }

  private static boolean isKey(String field) {
    return field.startsWith("client-key");
  }

  /** Whether fabric8 can use {@code server}: http or https, or no scheme, with a host. */
  private static boolean isUrl(String server) {
    try {
      URI uri = new URI(server.contains("://") ? server : "https://" + server);
      // URL, unlike URI, refuses a port that is not a number.
      uri.toURL();
      return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
          && uri.getAuthority() != null;
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The bytes of {@code data}: decoded base64, which kubectl requires, or PEM text as it is, which
   * fabric8 also takes; null when it is neither, which fabric8 would take as PEM text too and find
   * nothing in.
   */
  private static byte[] decoded(String data) {
    if (data.strip().startsWith("-----BEGIN ")) {
      return data.getBytes(StandardCharsets.US_ASCII);
    }
    try {
      return Base64.getDecoder().decode(data.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Whether {@code data} holds an X.509 certificate, PEM or DER, as fabric8 reads one; fabric8
   * takes certificate authority data that holds none without a word.
   */
  private static boolean holdsCertificate(byte[] data) {
    try {
      return !CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(data))
          .isEmpty();
    } catch (CertificateException e) {
      return false;
    }
  }

  /** Whether {@code data} holds a PEM private key block, the only form fabric8 reads a key in. */
  private static boolean holdsPemPrivateKey(byte[] data) {
    return PEM_PRIVATE_KEY.matcher(new String(data, StandardCharsets.US_ASCII)).find();
  }

  /** Why fabric8 could not build a client from a kubeconfig that passed every check before. */
  String unusableClient(RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    List<String> files = existingFiles();
    return "could not set up a client from the kubeconfig"
        + (files.isEmpty() ? "" : " at " + String.join(", ", files))
        + ": "
        + (root.getMessage() == null
            ? root.getClass().getSimpleName()
            : root.getMessage().lines().findFirst().orElse(""));
  }

  /** Why {@code context}, which fabric8 did not make the current one, cannot be used. */
  String noSuchContext(Config config, String context) {
    List<String> files = existingFiles();
    if (files.isEmpty()) {
      return notFound();
    }
    List<String> contexts = contextNames(config);
    return "the kubeconfig at "
        + String.join(", ", files)
        + " has no context named \""
        + context
        + "\" ("
        + (contexts.isEmpty() ? "it defines none" : "its contexts: " + String.join(", ", contexts))
        + "); see kubectl config get-contexts";
  }

  /**
   * Why a kubeconfig file is of no use before fabric8 reads it: a folder, one without read
   * permission, or an empty one (which fabric8 fails on when it holds comments, and otherwise
   * skips); null when none is.
   */
  String unusableFile() {
    String firstBlank = null;
    boolean anyWithContent = false;
    for (String name : names) {
      Path path = Path.of(name);
      if (Files.isDirectory(path)) {
        return "the kubeconfig at "
            + name
            + " is a folder, not a file; "
            + useTheClustersKubeconfig();
      }
      if (!Files.exists(path)) {
        if (named) {
          return "the kubeconfig at " + name + " (--kubeconfig) does not exist";
        }
        continue;
      }
      if (!Files.isReadable(path)) {
        return "could not read the kubeconfig at " + name + ": permission denied";
      }
      YamlFile yaml = new YamlLoader().load(new SourceFile(path, name));
      if (!yaml.findings().isEmpty() || !yaml.documents().isEmpty()) {
        anyWithContent = true;
      } else if (yaml.text().isBlank()) {
        // Like kubectl, a blank file beside others (a touched ~/.kube/config) is skipped.
        firstBlank = firstBlank == null ? name : firstBlank;
      } else {
        // Comments alone make fabric8 fail without a message, wherever the file is in the list.
        return "the kubeconfig at " + name + " is empty; " + useTheClustersKubeconfig();
      }
    }
    return firstBlank != null && !anyWithContent
        ? "the kubeconfig at " + firstBlank + " is empty; " + useTheClustersKubeconfig()
        : null;
  }

  /**
   * Which kubeconfig file fabric8 could not read and why, as far as a YAML parse or the field of
   * the wrong type tells; otherwise the first line of fabric8's own message.
   */
  String unreadable(RuntimeException e) {
    List<String> files = existingFiles();
    for (String file : files) {
      String problem = problemIn(file);
      if (problem != null) {
        return "could not read the kubeconfig at " + problem;
      }
    }
    MismatchedInputException mismatch = mismatchIn(e);
    if (mismatch != null) {
      String problem = wrongType(mismatch, files);
      if (problem != null) {
        return "could not read the kubeconfig at " + problem;
      }
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "could not read the kubeconfig"
        + (files.isEmpty() ? "" : " at " + String.join(", ", files))
        + ": "
        + message.lines().findFirst().orElse("");
  }

  /**
   * Where and what fabric8 stumbles on in {@code file}, as the loader reports the same YAML errors
   * and duplicate keys; null when the file is one mapping.
   */
  private static String problemIn(String file) {
    YamlFile yaml = new YamlLoader().load(new SourceFile(Path.of(file), file));
    if (!yaml.findings().isEmpty()) {
      Finding first = yaml.findings().get(0);
      return first.location() + ": " + first.message();
    }
    List<Document> documents = yaml.documents();
    if (documents.size() > 1) {
      return file + ": it holds " + documents.size() + " YAML documents, not one mapping";
    }
    if (documents.size() == 1 && !documents.get(0).root().isObject()) {
      return file
          + ": it is "
          + (documents.get(0).root().isArray() ? "a list" : "a single value")
          + ", not a mapping with clusters, contexts and users";
    }
    return null;
  }

  private static MismatchedInputException mismatchIn(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MismatchedInputException mismatch) {
        return mismatch;
      }
    }
    return null;
  }

  /**
   * Where the field that Jackson could not bind is, and what it should be, such as {@code
   * config:3:11: `clusters` must be a list of clusters, not a string}; null when no file holds a
   * value there that does not fit.
   */
  private static String wrongType(MismatchedInputException mismatch, List<String> files) {
    List<Object> tokens = new ArrayList<>();
    for (JacksonException.Reference reference : mismatch.getPath()) {
      tokens.add(
          reference.getPropertyName() != null ? reference.getPropertyName() : reference.getIndex());
    }
    String pointer = Pointer.of(tokens);
    Class<?> expected = mismatch.getTargetType();
    if (expected == null) {
      return null;
    }
    for (String file : files) {
      List<Document> documents =
          new YamlLoader().load(new SourceFile(Path.of(file), file)).documents();
      if (documents.size() != 1) {
        continue;
      }
      JsonNode value = documents.get(0).root().at(pointer);
      if (!value.isMissingNode() && !fits(value, expected)) {
        Object field = tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1);
        return documents.get(0).locate(pointer)
            + ": `"
            + Pointer.toFieldPath(pointer)
            + "` must be "
            + describe(expected, field)
            + ", not "
            + describe(value);
      }
    }
    return null;
  }

  private static boolean fits(JsonNode value, Class<?> expected) {
    if (Collection.class.isAssignableFrom(expected)) {
      return value.isArray();
    }
    if (expected == String.class) {
      return value.isValueNode();
    }
    if (expected == Boolean.class || expected == boolean.class) {
      return value.isBoolean();
    }
    if (Number.class.isAssignableFrom(expected) || expected.isPrimitive()) {
      return value.isNumber();
    }
    return value.isObject();
  }

  /** What a field of Java type {@code expected} holds in YAML, in words. */
  private static String describe(Class<?> expected, Object field) {
    if (Collection.class.isAssignableFrom(expected)) {
      return field instanceof String name ? "a list of " + name : "a list";
    }
    if (expected == String.class) {
      return "a string";
    }
    if (expected == Boolean.class || expected == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(expected) || expected.isPrimitive()) {
      return "a number";
    }
    return "a mapping";
  }

  private static String describe(JsonNode value) {
    if (value.isArray()) {
      return "a list";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isString()) {
      return "a string";
    }
    if (value.isNumber()) {
      return "a number";
    }
    if (value.isBoolean()) {
      return value.asString();
    }
    return "empty";
  }

  /**
   * Where the kubeconfig was looked for, when no kubeconfig file exists there; inside the cluster
   * the service account stands in for one.
   */
  private String notFound() {
    return "no kubeconfig was found at "
        + String.join(" or ", names)
        + "; "
        + useTheClustersKubeconfig()
        + (named ? "" : ", or run it inside the cluster");
  }

  /** The kubeconfig files that exist, in the order fabric8 merges them. */
  private List<String> existingFiles() {
    List<String> files = new ArrayList<>();
    for (String name : names) {
      if (Files.isRegularFile(Path.of(name))) {
        files.add(name);
      }
    }
    return files;
  }

  private static List<String> contextNames(Config config) {
    List<String> names = new ArrayList<>();
    if (config.getContexts() != null) {
      for (NamedContext context : config.getContexts()) {
        names.add(context.getName());
      }
    }
    // Fabric8 keeps the contexts in no particular order.
    Collections.sort(names);
    return names;
  }
}
