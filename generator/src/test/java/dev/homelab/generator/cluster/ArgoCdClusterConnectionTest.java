package dev.homelab.generator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reaching the cluster through a kubeconfig context, and failing clearly when it cannot be reached.
 * The API server is the fabric8 CRUD mock server, because no real one can run here.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ArgoCdClusterConnectionTest {
  private static final String K3S = "server: https://k3s:6443";

  /** A self-signed certificate, public and harmless: only its form matters here. */
  private static final String CERTIFICATE =
      """
      -----BEGIN CERTIFICATE-----
      MIIBhTCCASugAwIBAgIUB3boVGWxu0GGkc+OX5G5l75gsGgwCgYIKoZIzj0EAwIw
      GDEWMBQGA1UEAwwNazNzLXNlcnZlci1jYTAeFw0yNjExMjkwNjQ2NTZaFw0zNjEx
      MjYwNjQ2NTZaMBgxFjAUBgNVBAMMDWszcy1zZXJ2ZXItY2EwWTATBgcqhkjOPQIB
      BggqhkjOPQMBBwNCAATxHjDN+ppzXrwfghw//fh9NjACl5XDN2cYHp00kkwVDbxc
      0VVPEb5plwg8PbU2Ot9azQHn3Hl6HldbxpF+7cLeo1MwUTAdBgNVHQ4EFgQUv2R1
      FvmZdMVdFxiTiYsgdPdKRtswHwYDVR0jBBgwFoAUv2R1FvmZdMVdFxiTiYsgdPdK
      RtswDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiB5tdrNlPMPp8wz
      rUZw33B4/WT8jEmCHUQzEM9qefhwCAIhALAYVjs/1M6OfOuHXDCt91znGvoL39IB
      Q8cnUZ1lfkOZ
      -----END CERTIFICATE-----
      """;

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path scratch;
  private String previousKubeconfig;
  private String previousMaster;

  @AfterEach
  void restoreKubeconfigProperty() {
    restore(Config.KUBERNETES_KUBECONFIG_FILE, previousKubeconfig);
    restore(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, previousMaster);
  }

  private static void restore(String property, String previous) {
    if (previous == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, previous);
    }
  }

  @Test
  void withoutAKubeconfigTheErrorSaysWhereItLookedAndWhereK3sKeepsIt() throws IOException {
    Path missing = scratch.resolve("no-such-kubeconfig");

    assertThat(unreachableErrorThrough(missing))
        .startsWith("no kubeconfig was found at " + missing)
        .contains("set KUBECONFIG")
        .contains("/etc/rancher/k3s/k3s.yaml")
        .doesNotContain("check the kubeconfig context");
  }

  @Test
  void aKubeconfigFolderIsAKubeconfigErrorBeforeAnyRequest() throws IOException {
    Path folder = Files.createDirectory(scratch.resolve("kube"));

    assertThat(connectError(folder))
        .startsWith("the kubeconfig at " + folder + " is a folder, not a file; set KUBECONFIG");
  }

  @Test
  void anEmptyKubeconfigIsAKubeconfigErrorNamingTheFile() throws IOException {
    for (String empty : List.of("", "\n  \n", "# copied from the server later\n")) {
      Path file = Files.writeString(scratch.resolve("kubeconfig"), empty);

      assertThat(connectError(file))
          .as("<%s>", empty)
          .startsWith("the kubeconfig at " + file + " is empty; set KUBECONFIG")
          .doesNotContain("Cannot invoke");
    }
  }

  @Test
  void aBlankKubeconfigBesideAnotherIsSkippedAsKubectlSkipsIt() throws IOException {
    Path good =
        Files.writeString(
            scratch.resolve("good"), kubeconfig("server: https://192.168.1.10:6443", "token: x"));
    Path comments = Files.writeString(scratch.resolve("comments"), "# filled in later\n");
    assertThat(connectError(Path.of(comments + File.pathSeparator + good)))
        .startsWith("the kubeconfig at " + comments + " is empty");

    Path blank = Files.writeString(scratch.resolve("blank"), "");
    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, blank + File.pathSeparator + good);
    try (ArgoCdCluster lab = ArgoCdCluster.connect(null)) {
      assertThat(lab.namespace()).isEqualTo("argocd");
    }
  }

  @Test
  void aKubeconfigWithoutReadPermissionIsAKubeconfigErrorNamingTheFile() throws IOException {
    Path file = Files.writeString(scratch.resolve("kubeconfig"), "apiVersion: v1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
    // Root reads any file, so there this case cannot be set up.
    assumeFalse(Files.isReadable(file), "the file is readable despite its permissions");

    assertThat(connectError(file))
        .isEqualTo("could not read the kubeconfig at " + file + ": permission denied");
  }

  @Test
  void aKubeconfigWithoutContextsIsNotCalledMissing() throws IOException {
    Path file = Files.writeString(scratch.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");

    assertThat(unreachableErrorThrough(file))
        .startsWith("the kubeconfig at " + file + " defines no contexts")
        .doesNotContain("inside the cluster")
        .contains("set KUBECONFIG")
        .doesNotContain("no kubeconfig was found");
  }

  @Test
  void aKubeconfigWithoutACurrentContextNamesItsContexts() throws IOException {
    Path file =
        Files.writeString(
            scratch.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            current-context: gone
            clusters:
            - name: lab
              cluster: {server: http://127.0.0.1:1}
            contexts:
            - name: lab
              context: {cluster: lab}
            """);

    assertThat(unreachableErrorThrough(file))
        .contains("the kubeconfig at " + file + " has no current context among its contexts (lab)")
        .contains("--context NAME")
        .doesNotContain("no kubeconfig was found");
  }

  @Test
  void aContextWhoseClusterIsNotDefinedSaysSo() throws IOException {
    Path file =
        Files.writeString(
            scratch.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            current-context: lab
            contexts:
            - name: lab
              context: {cluster: homelab}
            """);

    assertThat(unreachableErrorThrough(file))
        .contains(
            "context \"lab\" in the kubeconfig at "
                + file
                + " names cluster \"homelab\", which it does not define")
        .doesNotContain("no kubeconfig was found");
  }

  @Test
  void aKubeconfigThatIsNotYamlIsAKubeconfigErrorNamingTheFileAndPlace() throws IOException {
    Path file = Files.writeString(scratch.resolve("kubeconfig"), "garbage: [\n");

    assertThat(connectError(file))
        .isEqualTo(
            "could not read the kubeconfig at "
                + file
                + ":2:1: expected the node content, but found '<stream end>'"
                + " (while parsing a flow node)");
  }

  @Test
  void aKubeconfigThatIsAListIsAKubeconfigErrorSayingSo() throws IOException {
    Path file = Files.writeString(scratch.resolve("kubeconfig"), "- a\n");

    assertThat(connectError(file))
        .isEqualTo(
            "could not read the kubeconfig at "
                + file
                + ": it is a list, not a mapping with clusters, contexts and users");
  }

  @Test
  void aKubeconfigOfSeveralDocumentsIsAKubeconfigErrorSayingSo() throws IOException {
    Path file =
        Files.writeString(scratch.resolve("kubeconfig"), "kind: Config\n---\nkind: Config\n");

    assertThat(connectError(file))
        .isEqualTo(
            "could not read the kubeconfig at "
                + file
                + ": it holds 2 YAML documents, not one mapping");
  }

  @Test
  void aKubeconfigFieldOfTheWrongTypeIsNamedWithItsPlaceAndWhatItMustBe() throws IOException {
    Map<String, String> problems = new LinkedHashMap<>();
    problems.put(
        "apiVersion: v1\nkind: Config\nclusters: \"oops\"\n",
        ":3:11: `clusters` must be a list of clusters, not a string");
    problems.put("clusters: 5\n", ":1:11: `clusters` must be a list of clusters, not a number");
    problems.put(
        "contexts: [ {name: 1, context: \"x\"} ]\n",
        ":1:32: `contexts[0].context` must be a mapping, not a string");
    problems.put("current-context: [a]\n", ":1:18: `current-context` must be a string, not a list");
    problems.put(
        "clusters:\n- name: lab\n  cluster:\n    server: {url: x}\n",
        ":4:13: `clusters[0].cluster.server` must be a string, not a mapping");
    problems.put(
        "users:\n- name: admin\n  user: {token: [a, b]}\n",
        ":3:17: `users[0].user.token` must be a string, not a list");
    problems.put(
        "clusters:\n- name: lab\n  cluster: {server: x, insecure-skip-tls-verify: maybe}\n",
        ":3:50: `clusters[0].cluster.insecure-skip-tls-verify` must be true or false, not a string");
    problems.put("clusters:\n- lab\n", ":2:3: `clusters[0]` must be a mapping, not a string");

    for (Map.Entry<String, String> problem : problems.entrySet()) {
      Path file = Files.writeString(scratch.resolve("kubeconfig"), problem.getKey());

      assertThat(connectError(file))
          .as(problem.getKey())
          .isEqualTo("could not read the kubeconfig at " + file + problem.getValue());
    }
  }

  @Test
  void ofSeveralKubeconfigsTheOneWithTheWrongTypeIsNamed() throws IOException {
    Path good =
        Files.writeString(
            scratch.resolve("good"),
            "clusters:\n- name: lab\n  cluster: {server: http://127.0.0.1:1}\n");
    Path bad =
        Files.writeString(
            scratch.resolve("bad"), "clusters:\n- name: lab\n  cluster: {server: [x]}\n");

    assertThat(connectError(Path.of(good + File.pathSeparator + bad)))
        .isEqualTo(
            "could not read the kubeconfig at "
                + bad
                + ":3:21: `clusters[0].cluster.server` must be a string, not a list");
  }

  @Test
  void aServerThatIsNotAUrlIsNamedWithItsPlace() throws IOException {
    for (String server : List.of("not a url", "https://k3s:port", "ftp://nas.home:6443", "")) {
      Path file =
          Files.writeString(
              scratch.resolve("kubeconfig"), kubeconfig("server: \"" + server + "\"", "token: x"));

      assertThat(connectError(file))
          .as(server)
          .isEqualTo(
              "the kubeconfig at "
                  + file
                  + ":10:13: `clusters[0].cluster.server` must be a URL such as"
                  + " https://192.168.1.10:6443, not `"
                  + server
                  + "`");
    }
  }

  @Test
  void aServerWithoutASchemeOrWithAnIpv6HostIsAccepted() throws IOException {
    for (String server : List.of("192.168.1.10:6443", "https://[::1]:6443", "http://k3s_1:80")) {
      useKubeconfig(kubeconfig("server: \"" + server + "\"", "token: x"));

      try (ArgoCdCluster lab = ArgoCdCluster.connect(null)) {
        assertThat(lab.namespace()).as(server).isEqualTo("argocd");
      }
    }
  }

  @Test
  void aCertificateOrKeyFileThatIsNotThereIsNamedWithItsPlace() throws IOException {
    Path certs = Files.createDirectory(scratch.resolve("certs"));
    Files.writeString(certs.resolve("admin.crt"), CERTIFICATE);
    Map<String, String> problems = new LinkedHashMap<>();
    problems.put(
        "client-certificate: certs/gone.crt",
        ":14:25: `users[0].user.client-certificate` names " + certs.resolve("gone.crt"));
    problems.put(
        "client-certificate: certs/admin.crt\n    client-key: " + certs.resolve("admin.key"),
        ":15:17: `users[0].user.client-key` names " + certs.resolve("admin.key"));
    for (Map.Entry<String, String> problem : problems.entrySet()) {
      Path file =
          Files.writeString(scratch.resolve("kubeconfig"), kubeconfig(K3S, problem.getKey()));

      assertThat(connectError(file))
          .as(problem.getKey())
          .isEqualTo("the kubeconfig at " + file + problem.getValue() + ", which does not exist");
    }
  }

  @Test
  void aCertificateAuthorityThatIsAFolderIsNamedWithItsPlace() throws IOException {
    Path certs = Files.createDirectory(scratch.resolve("certs"));
    Path file =
        Files.writeString(
            scratch.resolve("kubeconfig"),
            kubeconfig(K3S + "\n    certificate-authority: " + certs, "token: x"));

    assertThat(connectError(file))
        .isEqualTo(
            "the kubeconfig at "
                + file
                + ":11:28: `clusters[0].cluster.certificate-authority` names "
                + certs
                + ", which is a folder");
  }

  @Test
  void aCertificateFileThatHoldsNoCertificateIsNamedWithItsPlace() throws Exception {
    Path certs = Files.createDirectory(scratch.resolve("certs"));
    Files.writeString(certs.resolve("text.crt"), "not a certificate\n");
    // DER, which fabric8 garbles when it reads a file as text and kubectl takes only as data.
    Files.write(certs.resolve("der.crt"), certificate().getEncoded());
    Files.writeString(certs.resolve("empty.crt"), "");
    Files.writeString(certs.resolve("admin.key"), privateKey());
    String noCertificate = ", which does not hold a PEM certificate";
    Map<List<String>, String> problems = new LinkedHashMap<>();
    // Fabric8 takes an authority file without a certificate as no authority, without a word.
    problems.put(
        List.of(K3S + "\n    certificate-authority: certs/text.crt", "token: x"),
        ":11:28: `clusters[0].cluster.certificate-authority` names "
            + certs.resolve("text.crt")
            + noCertificate);
    problems.put(
        List.of(K3S + "\n    certificate-authority: " + certs.resolve("der.crt"), "token: x"),
        ":11:28: `clusters[0].cluster.certificate-authority` names "
            + certs.resolve("der.crt")
            + noCertificate);
    problems.put(
        List.of(K3S, "client-certificate: certs/text.crt\n    client-key: certs/admin.key"),
        ":14:25: `users[0].user.client-certificate` names "
            + certs.resolve("text.crt")
            + noCertificate);
    problems.put(
        List.of(K3S, "client-certificate: certs/empty.crt\n    client-key: certs/admin.key"),
        ":14:25: `users[0].user.client-certificate` names "
            + certs.resolve("empty.crt")
            + noCertificate);
    for (Map.Entry<List<String>, String> problem : problems.entrySet()) {
      Path file =
          Files.writeString(
              scratch.resolve("kubeconfig"),
              kubeconfig(problem.getKey().get(0), problem.getKey().get(1)));

      assertThat(connectError(file))
          .as(problem.getValue())
          .isEqualTo("the kubeconfig at " + file + problem.getValue());
    }
  }

  @Test
  void aKeyFileThatHoldsNoPemPrivateKeyIsNamedWithItsPlace() throws IOException {
    Path certs = Files.createDirectory(scratch.resolve("certs"));
    Files.writeString(certs.resolve("admin.crt"), CERTIFICATE);
    Files.writeString(certs.resolve("text.key"), "not a key\n");
    // The certificate where the key belongs, as a copy and paste slip makes it.
    Files.writeString(certs.resolve("cert.key"), CERTIFICATE);
    for (String key : List.of("text.key", "cert.key")) {
      Path file =
          Files.writeString(
              scratch.resolve("kubeconfig"),
              kubeconfig(K3S, "client-certificate: certs/admin.crt\n    client-key: certs/" + key));

      assertThat(connectError(file))
          .as(key)
          .isEqualTo(
              "the kubeconfig at "
                  + file
                  + ":15:17: `users[0].user.client-key` names "
                  + certs.resolve(key)
                  + ", which does not hold a PEM private key");
    }
  }

  @Test
  void pemCertificateAndKeyFilesAndABlankAuthorityFileAreAccepted() throws IOException {
    Path certs = Files.createDirectory(scratch.resolve("certs"));
    Files.writeString(certs.resolve("ca.crt"), CERTIFICATE);
    Files.writeString(certs.resolve("bundle.crt"), "\n" + CERTIFICATE + CERTIFICATE + "\n");
    Files.writeString(certs.resolve("blank.crt"), " \n");
    Files.writeString(certs.resolve("admin.key"), privateKey());
    List<List<String>> accepted =
        List.of(
            List.of(K3S + "\n    certificate-authority: certs/ca.crt", "token: x"),
            List.of(
                K3S + "\n    certificate-authority: " + certs.resolve("bundle.crt"), "token: x"),
            List.of(K3S + "\n    certificate-authority: certs/blank.crt", "token: x"),
            List.of(K3S, "client-certificate: certs/ca.crt\n    client-key: certs/admin.key"));
    for (List<String> fields : accepted) {
      useKubeconfig(kubeconfig(fields.get(0), fields.get(1)));

      try (ArgoCdCluster lab = ArgoCdCluster.connect(null)) {
        assertThat(lab.namespace()).as(fields.toString()).isEqualTo("argocd");
      }
    }
  }

  @Test
  void aRelativePathGoesUpFromTheKubeconfigsFolderAsWrittenAsKubectlTakesIt() throws IOException {
    // ~/.kube linked to a dotfiles checkout, with the certificates beside the link.
    Path home = Files.createDirectory(scratch.resolve("home"));
    Path dotfiles = Files.createDirectories(scratch.resolve("dotfiles/kube"));
    Files.createSymbolicLink(home.resolve(".kube"), dotfiles);
    Path certs = Files.createDirectory(home.resolve("certs"));
    Files.writeString(certs.resolve("ca.crt"), CERTIFICATE);
    Files.writeString(certs.resolve("admin.crt"), CERTIFICATE);
    Files.writeString(certs.resolve("admin.key"), privateKey());
    Files.writeString(
        dotfiles.resolve("config"),
        kubeconfig(
            K3S + "\n    certificate-authority: ../certs/ca.crt",
            "client-certificate: ../certs/admin.crt\n    client-key: ../certs/admin.key"));
    previousKubeconfig = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    System.setProperty(
        Config.KUBERNETES_KUBECONFIG_FILE, home.resolve(".kube").resolve("config").toString());

    // Connecting builds the client, which reads all three files.
    try (ArgoCdCluster lab = ArgoCdCluster.connect(null)) {
      assertThat(lab.namespace()).isEqualTo("argocd");
    }
  }

  @Test
  void aTokenFileIsReadFromTheKubeconfigsFolderAndItsTokenSentTrimmedAsKubectlSendsIt()
      throws IOException {
    // A CRUD mock server that answers 401 without the token, as no real API server runs here.
    KubernetesMockServer guarded =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of(MockArgoCd.APPLICATIONS)) {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                return "Bearer lab-token".equals(request.getHeader("Authorization"))
                    ? super.dispatch(request)
                    : new MockResponse().setResponseCode(401);
              }
            },
            false);
    guarded.init();
    try {
      Path secrets = Files.createDirectory(scratch.resolve("secrets"));
      Files.writeString(secrets.resolve("admin.token"), "  lab-token\n\n");
      useKubeconfig(kubeconfig("server: " + guarded.url("/"), "tokenFile: secrets/admin.token"));

      try (ArgoCdCluster lab = ArgoCdCluster.connect(null)) {
        assertThat(lab.applicationStatuses()).isEmpty();
      }
    } finally {
      guarded.destroy();
    }
  }

  @Test
  void aTokenFileThatIsNotThereOrIsAFolderIsNamedWithItsPlace() throws IOException {
    Path secrets = Files.createDirectory(scratch.resolve("secrets"));
    Map<String, String> problems = new LinkedHashMap<>();
    problems.put("secrets/gone.token", secrets.resolve("gone.token") + ", which does not exist");
    problems.put("secrets", secrets + ", which is a folder");
    for (Map.Entry<String, String> problem : problems.entrySet()) {
      Path file =
          Files.writeString(
              scratch.resolve("kubeconfig"), kubeconfig(K3S, "tokenFile: " + problem.getKey()));

      assertThat(connectError(file))
          .as(problem.getKey())
          .isEqualTo(
              "the kubeconfig at "
                  + file
                  + ":14:16: `users[0].user.tokenFile` names "
                  + problem.getValue());
    }
  }

  @Test
  void anEmptyTokenFileIsNamedWithItsPlace() throws IOException {
    Path secrets = Files.createDirectory(scratch.resolve("secrets"));
    for (String empty : List.of("", " \n\t\n")) {
      Files.writeString(secrets.resolve("admin.token"), empty);
      Path file =
          Files.writeString(
              scratch.resolve("kubeconfig"), kubeconfig(K3S, "tokenFile: secrets/admin.token"));

      assertThat(connectError(file))
          .as("<%s>", empty)
          .isEqualTo(
              "the kubeconfig at "
                  + file
                  + ":14:16: `users[0].user.tokenFile` names "
                  + secrets.resolve("admin.token")
                  + ", which is empty");
    }
  }

  @Test
  void aTokenFileBesideATokenIsLeftUnreadAsKubectlLeavesIt() throws IOException {
    useKubeconfig(kubeconfig(K3S, "token: x\n    tokenFile: secrets/gone.token"));

    try (ArgoCdCluster lab = ArgoCdCluster.connect(null)) {
      assertThat(lab.namespace()).isEqualTo("argocd");
    }
  }

  @Test
  void certificateOrKeyDataThatIsNotBase64IsNamedWithItsPlace() throws IOException {
    Map<List<String>, String> problems = new LinkedHashMap<>();
    problems.put(
        List.of(K3S + "\n    certificate-authority-data: \"!!not base64!!\"", "token: x"),
        ":11:33: `clusters[0].cluster.certificate-authority-data`");
    problems.put(
        List.of(K3S, "client-certificate-data: LS0tLS1CRUdJTi@\n    client-key-data: TUlJ"),
        ":14:30: `users[0].user.client-certificate-data`");
    problems.put(
        List.of(
            K3S,
            "client-certificate-data: " + base64(CERTIFICATE) + "\n    client-key-data: TUlJ="),
        ":15:22: `users[0].user.client-key-data`");
    for (Map.Entry<List<String>, String> problem : problems.entrySet()) {
      Path file =
          Files.writeString(
              scratch.resolve("kubeconfig"),
              kubeconfig(problem.getKey().get(0), problem.getKey().get(1)));

      assertThat(connectError(file))
          .as(problem.getValue())
          .isEqualTo("the kubeconfig at " + file + problem.getValue() + " is not valid base64");
    }
  }

  @Test
  void base64OrPemDataThatHoldsNoCertificateOrKeyIsNamedWithItsPlace() throws IOException {
    String noCertificate = " does not hold a PEM or DER certificate";
    String noKey = " does not hold a PEM private key";
    Map<List<String>, String> problems = new LinkedHashMap<>();
    problems.put(
        List.of(K3S + "\n    certificate-authority-data: " + base64("hello world"), "token: x"),
        ":11:33: `clusters[0].cluster.certificate-authority-data`" + noCertificate);
    problems.put(
        List.of(K3S + "\n    certificate-authority-data: TUlJQ2Zq", "token: x"),
        ":11:33: `clusters[0].cluster.certificate-authority-data`" + noCertificate);
    problems.put(
        List.of(K3S, "client-certificate-data: TUlJQ2Zq\n    client-key-data: TUlJQ2Zq"),
        ":14:30: `users[0].user.client-certificate-data`" + noCertificate);
    // PEM text, which fabric8 takes beside base64, that is cut short.
    problems.put(
        List.of(
            K3S,
            "client-certificate-data: \"-----BEGIN CERTIFICATE-----\\nTUlJ\\n\"\n"
                + "    client-key-data: TUlJQ2Zq"),
        ":14:30: `users[0].user.client-certificate-data`" + noCertificate);
    // The certificate where the key belongs, as a copy and paste slip makes it.
    problems.put(
        List.of(
            K3S,
            "client-certificate-data: "
                + base64(CERTIFICATE)
                + "\n    client-key-data: "
                + base64(CERTIFICATE)),
        ":15:22: `users[0].user.client-key-data`" + noKey);
    for (Map.Entry<List<String>, String> problem : problems.entrySet()) {
      Path file =
          Files.writeString(
              scratch.resolve("kubeconfig"),
              kubeconfig(problem.getKey().get(0), problem.getKey().get(1)));

      assertThat(connectError(file))
          .as(problem.getValue())
          .isEqualTo("the kubeconfig at " + file + problem.getValue());
    }
  }

  @Test
  void certificateAndKeyDataAsBase64PemBase64DerOrPemTextAreAccepted() throws Exception {
    String der = Base64.getEncoder().encodeToString(certificate().getEncoded());
    String key = privateKey();
    List<List<String>> accepted =
        List.of(
            List.of(K3S + "\n    certificate-authority-data: " + base64(CERTIFICATE), "token: x"),
            List.of(K3S + "\n    certificate-authority-data: " + der, "token: x"),
            List.of(
                K3S
                    + "\n    certificate-authority-data: \""
                    + CERTIFICATE.replace("\n", "\\n")
                    + "\"",
                "token: x"),
            List.of(K3S + "\n    certificate-authority-data: \"\"", "token: x"),
            List.of(
                K3S,
                "client-certificate-data: "
                    + base64(CERTIFICATE)
                    + "\n    client-key-data: "
                    + base64(key)));
    for (List<String> fields : accepted) {
      useKubeconfig(kubeconfig(fields.get(0), fields.get(1)));

      try (ArgoCdCluster lab = ArgoCdCluster.connect(null)) {
        assertThat(lab.namespace()).as(fields.toString()).isEqualTo("argocd");
      }
    }
  }

  private static X509Certificate certificate() throws CertificateException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(CERTIFICATE.getBytes(StandardCharsets.US_ASCII)));
  }

  /** A fresh RSA private key as PKCS #8 PEM. */
  private static String privateKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder()
              .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** A kubeconfig of one context, with its cluster's fields from line 10 and user's from 14. */
  private static String kubeconfig(String cluster, String user) {
    return """
        apiVersion: v1
        kind: Config
        current-context: lab
        contexts:
        - name: lab
          context: {cluster: lab, user: admin}
        clusters:
        - name: lab
          cluster:
            %s
        users:
        - name: admin
          user:
            %s
        """
        .formatted(cluster, user);
  }

  @Test
  void connectUsesTheNamedKubeconfigContext() throws IOException {
    server.expectCustomResource(MockArgoCd.APPLICATIONS);
    int closedPort = closedPort();
    useKubeconfig(
        """
        apiVersion: v1
        kind: Config
        current-context: offline
        clusters:
        - name: lab
          cluster:
            server: %s
        - name: offline
          cluster:
            server: http://127.0.0.1:%d
        contexts:
        - name: lab
          context: {cluster: lab, user: admin}
        - name: offline
          context: {cluster: offline, user: admin}
        users:
        - name: admin
          user: {token: not-a-real-token}
        """
            .formatted(server.url("/"), closedPort));

    try (ArgoCdCluster lab = ArgoCdCluster.connect("lab")) {
      assertThat(lab.applicationStatuses()).isEmpty();
    }
    try (ArgoCdCluster offline = ArgoCdCluster.connect(null)) {
      assertThatThrownBy(offline::applicationStatuses)
          .isInstanceOf(ArgoCdClusterException.class)
          .hasMessageContaining(
              "cannot reach the Kubernetes API server at http://127.0.0.1:" + closedPort)
          .satisfies(
              e ->
                  assertThat(((ArgoCdClusterException) e).reason())
                      .isEqualTo(ArgoCdClusterException.Reason.UNREACHABLE));
    }
    assertThatThrownBy(() -> ArgoCdCluster.connect("staging"))
        .isInstanceOf(ArgoCdClusterException.class)
        .hasMessageContaining("no context named \"staging\" (its contexts: lab, offline)")
        .satisfies(
            e ->
                assertThat(((ArgoCdClusterException) e).reason())
                    .isEqualTo(ArgoCdClusterException.Reason.KUBECONFIG));
  }

  @Test
  void unreachableApiServerIsAClearErrorWithoutWaitingLong() throws IOException {
    try (KubernetesClient offline = clientFor("http://127.0.0.1:" + closedPort())) {
      ArgoCdCluster argo = new ArgoCdCluster(offline, "argocd", Duration.ofMillis(50));
      List<String> notes = new ArrayList<>();

      long start = System.nanoTime();
      assertThatThrownBy(() -> argo.status(Duration.ZERO, notes::add))
          .isInstanceOf(ArgoCdClusterException.class)
          .hasMessageStartingWith("cannot reach the Kubernetes API server at http://127.0.0.1:")
          .hasMessageContaining("check the kubeconfig context");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(notes).as("without a wait there is nothing to wait for").isEmpty();
    }
  }

  @Test
  void aServerThatNeverAnswersIsNamedWithTheTimeInsteadOfAnExceptionClass() throws IOException {
    // A real socket whose connections the kernel accepts and nothing ever answers, as a hung
    // API server does.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Config config = Config.empty();
      config.setMasterUrl("http://127.0.0.1:" + silent.getLocalPort());
      config.setRequestRetryBackoffLimit(0);
      config.setRequestTimeout(300);
      try (KubernetesClient hung = new KubernetesClientBuilder().withConfig(config).build()) {
        ArgoCdCluster argo = new ArgoCdCluster(hung, "argocd", Duration.ofMillis(50));

        assertThatThrownBy(argo::applicationStatuses)
            .isInstanceOf(ArgoCdClusterException.class)
            .hasMessageStartingWith(
                "cannot reach the Kubernetes API server at http://127.0.0.1:"
                    + silent.getLocalPort()
                    + "/ while looking up the Application resource type (no answer within 300 ms)")
            .message()
            .doesNotContain("Exception");
      }
    }
  }

  /**
   * A create or update that times out once sent may have been done all the same, so apply says so
   * instead of calling the server unreachable. The server is a real socket that answers the reads
   * as an API server does and accepts the write but never answers it.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aWriteThatGetsNoAnswerSaysItMayHaveBeenDone(boolean exists) throws IOException {
    CountDownLatch released = new CountDownLatch(1);
    HttpServer writeHangs =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService handlers = Executors.newCachedThreadPool();
    writeHangs.setExecutor(handlers);
    writeHangs.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String method = exchange.getRequestMethod();
          exchange.getRequestBody().readAllBytes();
          if (!"GET".equals(method)) {
            try {
              released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
          }
          String body;
          int code = 200;
          if (path.equals("/apis/argoproj.io/v1alpha1")) {
            body =
                """
                {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"argoproj.io/v1alpha1",
                 "resources":[{"name":"applications","singularName":"application","namespaced":true,
                 "kind":"Application","verbs":["get","list","create","update"]}]}""";
          } else if (path.equals("/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/root")
              && exists) {
            body =
                """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application",
                 "metadata":{"name":"root","namespace":"argocd","resourceVersion":"7"},
                 "spec":{"project":"old"}}""";
          } else {
            code = 404;
            body =
                """
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound",
                 "code":404,"message":"not found"}""";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(code, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    writeHangs.start();
    Config config = Config.empty();
    config.setMasterUrl("http://127.0.0.1:" + writeHangs.getAddress().getPort());
    config.setRequestRetryBackoffLimit(0);
    // Long enough for the first read of a cold client on a busy machine, short for the write.
    config.setRequestTimeout(3_000);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      ArgoCdCluster argo = new ArgoCdCluster(client, "argocd", Duration.ofMillis(50));
      GenericKubernetesResource root = settledApplication("root");
      root.getAdditionalProperties().remove("status");
      String done = exists ? "updated" : "created";

      assertThatThrownBy(() -> argo.applyRootApplication(root, false))
          .isInstanceOf(ArgoCdClusterException.class)
          .hasMessage(
              "the Kubernetes API server at http://127.0.0.1:"
                  + writeHangs.getAddress().getPort()
                  + "/ took Application root in namespace argocd to be "
                  + done
                  + " but gave no answer within 3 s, so it may have been "
                  + done
                  + " all the same; run status to see, or apply again");
    } finally {
      released.countDown();
      writeHangs.stop(0);
      handlers.shutdownNow();
    }
  }

  @Test
  void aWaitPollsThroughRefusedConnectionsUntilTheApiServerStarts() throws Exception {
    int port = closedPort();
    // A second mock server that starts late on the refused port, as no real API server runs here.
    KubernetesMockServer late =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of(MockArgoCd.APPLICATIONS)),
            false);
    CompletableFuture<Void> starts =
        CompletableFuture.runAsync(
            () -> {
              pause(Duration.ofMillis(300));
              late.init(InetAddress.getLoopbackAddress(), port);
              try (KubernetesClient admin = late.createClient()) {
                admin
                    .genericKubernetesResources(MockArgoCd.APPLICATIONS)
                    .inNamespace("argocd")
                    .resource(settledApplication("root"))
                    .create();
              }
            });
    List<String> notes = new ArrayList<>();
    try (KubernetesClient starting = clientFor("http://127.0.0.1:" + port)) {
      ArgoCdCluster argo = new ArgoCdCluster(starting, "argocd", Duration.ofMillis(50));

      StatusReport report = argo.status(Duration.ofSeconds(30), notes::add);

      starts.get(10, TimeUnit.SECONDS);
      assertThat(report.exitCode()).as(report.summary()).isZero();
      assertThat(report.applications()).extracting(ApplicationStatus::name).containsExactly("root");
    } finally {
      late.destroy();
    }
    assertThat(notes)
        .containsExactly(
            "waiting for the API server at http://127.0.0.1:" + port + "/: connection refused");
  }

  @Test
  void aWaitGivesUpWithTheConnectionErrorOnceItIsOver() throws IOException {
    int port = closedPort();
    try (KubernetesClient offline = clientFor("http://127.0.0.1:" + port)) {
      ArgoCdCluster argo = new ArgoCdCluster(offline, "argocd", Duration.ofMillis(50));
      List<String> notes = new ArrayList<>();

      long start = System.nanoTime();
      assertThatThrownBy(() -> argo.status(Duration.ofMillis(600), notes::add))
          .isInstanceOf(ArgoCdClusterException.class)
          .hasMessageStartingWith("cannot reach the Kubernetes API server at http://127.0.0.1:")
          .satisfies(
              e ->
                  assertThat(((ArgoCdClusterException) e).reason())
                      .isEqualTo(ArgoCdClusterException.Reason.UNREACHABLE));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(Duration.ofMillis(600), Duration.ofSeconds(10));
      assertThat(notes)
          .as("one note, however often it polled")
          .containsExactly(
              "waiting for the API server at http://127.0.0.1:" + port + "/: connection refused");
    }
  }

  @Test
  void anUntrustedCertificateEndsAWaitAtOnce() {
    // A mock server with its own self-signed certificate, which the client is not told to trust.
    KubernetesMockServer untrusted = new KubernetesMockServer(true);
    untrusted.init();
    try (KubernetesClient client = clientFor(untrusted.url("/"))) {
      ArgoCdCluster argo = new ArgoCdCluster(client, "argocd", Duration.ofMillis(50));
      List<String> notes = new ArrayList<>();

      long start = System.nanoTime();
      assertThatThrownBy(() -> argo.status(Duration.ofSeconds(30), notes::add))
          .isInstanceOf(ArgoCdClusterException.class)
          .hasMessageContaining("unable to find valid certification path");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(notes).isEmpty();
    } finally {
      untrusted.destroy();
    }
  }

  @Test
  void withoutAKubeconfigAWaitEndsAtOnce() throws IOException {
    Path missing = scratch.resolve("no-such-kubeconfig");
    useFallbackOnAClosedPort(missing);
    List<String> notes = new ArrayList<>();

    try (ArgoCdCluster lab = ArgoCdCluster.connect(null)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> lab.status(Duration.ofSeconds(30), notes::add))
          .isInstanceOf(ArgoCdClusterException.class)
          .hasMessageContaining("no kubeconfig was found at " + missing)
          .satisfies(
              e ->
                  assertThat(((ArgoCdClusterException) e).reason())
                      .isEqualTo(ArgoCdClusterException.Reason.KUBECONFIG));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
    assertThat(notes).isEmpty();
  }

  private static KubernetesClient clientFor(String url) {
    Config config = Config.empty();
    config.setMasterUrl(url);
    config.setRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static GenericKubernetesResource settledApplication(String name) {
    GenericKubernetesResource app = new GenericKubernetesResource();
    app.setApiVersion(ArgoCdCluster.API_VERSION);
    app.setKind(ArgoCdCluster.KIND);
    app.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("argocd").build());
    app.setAdditionalProperty("spec", Map.of("project", "default"));
    app.setAdditionalProperty(
        "status", ArgoCdClusterMockTest.status("Synced", "Healthy", "Succeeded"));
    return app;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The error of a first request with {@code kubeconfig} as the kubeconfig and the client's
   * fallback address on a closed port.
   */
  private String unreachableErrorThrough(Path kubeconfig) throws IOException {
    useFallbackOnAClosedPort(kubeconfig);
    try (ArgoCdCluster lab = ArgoCdCluster.connect(null)) {
      lab.applicationStatuses();
    } catch (ArgoCdClusterException e) {
      assertThat(e.reason()).isEqualTo(ArgoCdClusterException.Reason.KUBECONFIG);
      return e.getMessage();
    }
    throw new AssertionError("the API server answered through " + kubeconfig);
  }

  /** Makes {@code kubeconfig} the kubeconfig, and a closed port the client's fallback address. */
  private void useFallbackOnAClosedPort(Path kubeconfig) throws IOException {
    previousKubeconfig = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    previousMaster = System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
    // A closed port instead of the in-cluster address, whose lookup depends on the machine's DNS.
    System.setProperty(
        Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, "http://127.0.0.1:" + closedPort());
  }

  /** The message of the kubeconfig error that connecting through {@code kubeconfig} fails with. */
  private String connectError(Path kubeconfig) {
    previousKubeconfig = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
    try (ArgoCdCluster lab = ArgoCdCluster.connect(null)) {
      throw new AssertionError("connected through " + kubeconfig);
    } catch (ArgoCdClusterException e) {
      assertThat(e.reason()).isEqualTo(ArgoCdClusterException.Reason.KUBECONFIG);
      return e.getMessage();
    }
  }

  private void useKubeconfig(String yaml) throws IOException {
    Path file = Files.writeString(scratch.resolve("kubeconfig"), yaml);
    previousKubeconfig = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
    System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, file.toString());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
