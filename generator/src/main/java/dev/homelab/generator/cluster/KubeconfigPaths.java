package dev.homelab.generator.cluster;

import dev.homelab.core.source.SourceFile;
import dev.homelab.core.yaml.Document;
import dev.homelab.core.yaml.YamlLoader;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The certificate, key and token files that a kubeconfig names, found where kubectl finds them:
 * kubectl joins a relative path to the absolute folder of the kubeconfig that holds it and cleans
 * the result as text, so a {@code ..} undoes the folder before it even when that folder is a
 * symbolic link. Fabric8 joins the same way but leaves the {@code ..} to the system, which follows
 * the link first.
 */
final class KubeconfigPaths {
  private KubeconfigPaths() {}

  /**
   * The file that {@code value}, a path in {@code kubeconfig}, names for kubectl.
   *
   * @throws InvalidPathException when {@code value} is no path
   */
  static Path resolve(File kubeconfig, String value) {
    Path path = Path.of(value);
    return path.isAbsolute()
        ? path
        : kubeconfig.toPath().toAbsolutePath().getParent().resolve(path).normalize();
  }

  /**
   * Points fabric8 at the certificate and key files that kubectl reads for the current context,
   * where fabric8 took them from a relative path in the kubeconfig.
   */
  static void useKubectlPaths(Config config) {
    NamedContext current = config.getCurrentContext();
    if (current == null || current.getContext() == null) {
      return;
    }
    File clusterFile = config.getFileWithCluster();
    JsonNode cluster = entry(clusterFile, "clusters", "cluster", current.getContext().getCluster());
    config.setCaCertFile(
        kubectlPath(clusterFile, cluster.path("certificate-authority"), config.getCaCertFile()));
    File userFile = config.getFileWithAuthInfo();
    JsonNode user = entry(userFile, "users", "user", current.getContext().getUser());
    config.setClientCertFile(
        kubectlPath(userFile, user.path("client-certificate"), config.getClientCertFile()));
    String keyFile = kubectlPath(userFile, user.path("client-key"), config.getClientKeyFile());
    if (keyFile != null && !keyFile.equals(config.getClientKeyFile())) {
      config.setClientKeyFile(keyFile);
      // Fabric8 told the key's algorithm from the file it would have read.
      config.setClientKeyAlgo(Config.getKeyAlgorithm(keyFile, config.getClientKeyData()));
    }
  }

  /**
   * Sends the token that the current context's user's {@code tokenFile} holds when the user gives
   * no {@code token}, as kubectl does; fabric8 8.0.0 ignores that field.
   *
   * @throws IOException when the file cannot be read
   */
  static void useTokenFile(Config config) throws IOException {
    NamedContext current = config.getCurrentContext();
    if (current == null || current.getContext() == null) {
      return;
    }
    File userFile = config.getFileWithAuthInfo();
    JsonNode user = entry(userFile, "users", "user", current.getContext().getUser());
    if (!readsTokenFile(user)) {
      return;
    }
    Path file = resolve(userFile, user.path("tokenFile").stringValue());
    // Fabric8 never refreshes a token set this way, which a refresh from the kubeconfig would lose.
    config.setOauthToken(token(Files.readAllBytes(file)));
  }

  /** Whether kubectl reads the token file that {@code user} names: only when it gives no token. */
  static boolean readsTokenFile(JsonNode user) {
    return !user.path("tokenFile").stringValue("").isEmpty()
        && user.path("token").stringValue("").isEmpty();
  }

  /** The token that a token file's {@code content} holds: its text, trimmed as kubectl trims it. */
  static String token(byte[] content) {
    return new String(content, StandardCharsets.UTF_8).strip();
  }

  /**
   * The path that kubectl reads for the relative path {@code value} in {@code kubeconfig}, when
   * fabric8 made {@code fabric8Path} of it; otherwise {@code fabric8Path}, which may come from one
   * of fabric8's system properties instead.
   */
  private static String kubectlPath(File kubeconfig, JsonNode value, String fabric8Path) {
    String path = value.stringValue(null);
    if (kubeconfig == null || path == null || path.isEmpty() || fabric8Path == null) {
      return fabric8Path;
    }
    try {
      if (Path.of(path).isAbsolute()
          || !fabric8Path.equals(new File(kubeconfig.getParentFile(), path).getAbsolutePath())) {
        return fabric8Path;
      }
      return resolve(kubeconfig, path).toString();
    } catch (InvalidPathException e) {
      return fabric8Path;
    }
  }

  /**
   * The {@code kind} mapping of the first entry named {@code name} in {@code list} of {@code file};
   * a missing node when there is none.
   */
  private static JsonNode entry(File file, String list, String kind, String name) {
    if (file == null || name == null) {
      return MissingNode.getInstance();
    }
    List<Document> documents =
        new YamlLoader().load(new SourceFile(file.toPath(), file.toString())).documents();
    if (documents.size() == 1) {
      JsonNode entries = documents.get(0).root().path(list);
      for (int i = 0; i < entries.size(); i++) {
        if (name.equals(entries.get(i).path("name").stringValue(null))) {
          return entries.get(i).path(kind);
        }
      }
    }
    return MissingNode.getInstance();
  }
}
