package dev.homelab.generator.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials reach the transport that needs them and never the user: a local HTTP server that
 * rejects every request provokes real authentication failures.
 */
class GitCredentialsTest {
  private static final String FAKE_TOKEN = "hlt_fake_9f8e7d6c5b4a39281706";

  @TempDir Path scratch;
  private HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private String baseUrl;

  @BeforeEach
  void startRejectingGitServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          if (authorization != null) {
            authorizations.add(authorization);
          }
          exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"homelab\"");
          exchange.sendResponseHeaders(401, -1);
          exchange.close();
        });
    server.start();
    baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void failedCloneWithATokenNeverShowsTheToken() {
    GitCredentials credentials =
        GitCredentials.fromEnvironment(Map.of(GitCredentials.TOKEN_VARIABLE, FAKE_TOKEN), scratch);

    assertThatThrownBy(() -> GitOpsRepository.cloneFrom(baseUrl + "/lab.git", credentials))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining("could not clone " + baseUrl + "/lab.git")
        .hasMessageContaining("not authorized")
        .satisfies(e -> assertNoSecret(e, FAKE_TOKEN))
        .hasNoCause();
    assertThat(authorizations)
        .as("the token was really sent, so its absence from the message means something")
        .anySatisfy(
            header -> assertThat(decodeBasic(header)).isEqualTo("x-access-token:" + FAKE_TOKEN));
  }

  @Test
  void failedPushWithATokenNeverShowsTheToken() throws IOException {
    GitCli cli = GitCli.isolatedIn(scratch);
    Path repo = cli.newRepository(scratch.resolve("lab"));
    cli.run(repo, "remote", "add", "origin", baseUrl + "/lab.git");
    GitCredentials credentials =
        GitCredentials.fromEnvironment(
            Map.of(
                GitCredentials.TOKEN_VARIABLE, FAKE_TOKEN, GitCredentials.USERNAME_VARIABLE, "lab"),
            scratch);

    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      assertThatThrownBy(() -> git.push("origin", "main", credentials))
          .isInstanceOf(GitOpsException.class)
          .hasMessageContaining("could not push to origin")
          .satisfies(e -> assertNoSecret(e, FAKE_TOKEN));
    }
    assertThat(authorizations)
        .anySatisfy(h -> assertThat(decodeBasic(h)).isEqualTo("lab:" + FAKE_TOKEN));
  }

  @Test
  void aTokenEmbeddedInTheUrlIsRedactedToo() {
    String url = baseUrl.replace("http://", "http://lab:" + FAKE_TOKEN + "@") + "/lab.git";

    assertThatThrownBy(() -> GitOpsRepository.cloneFrom(url, GitCredentials.none(scratch)))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining("http://***@127.0.0.1")
        .satisfies(e -> assertNoSecret(e, FAKE_TOKEN));
  }

  @Test
  void redactRemovesTheTokenItsBasicHeaderAndUrlUserInfo() {
    GitCredentials credentials = GitCredentials.token("lab", FAKE_TOKEN, scratch);
    String basic =
        Base64.getEncoder().encodeToString(("lab:" + FAKE_TOKEN).getBytes(StandardCharsets.UTF_8));

    String redacted =
        credentials.redact(
            "token "
                + FAKE_TOKEN
                + ", header Basic "
                + basic
                + ", url https://someone:pw@git.lan/x.git, ssh://git:pw@git.lan/x, ssh://git@git.lan/x");

    assertThat(redacted)
        .isEqualTo(
            "token ***, header Basic ***, url https://***@git.lan/x.git, ssh://git:***@git.lan/x,"
                + " ssh://git@git.lan/x");
    assertThat(credentials.toString()).doesNotContain(FAKE_TOKEN).contains("token=***");
  }

  @Test
  void theTokenGoesToHttpTransportsOnlyAndSshUsesTheMinaSessionFactory() throws Exception {
    GitCredentials credentials = GitCredentials.token("lab", FAKE_TOKEN, scratch);
    Path repo = GitCli.isolatedIn(scratch).newRepository(scratch.resolve("lab"));

    try (Git git = Git.open(repo.toFile());
        Transport http = Transport.open(git.getRepository(), new URIish(baseUrl + "/lab.git"));
        Transport ssh =
            Transport.open(git.getRepository(), new URIish("ssh://git@127.0.0.1:2222/lab.git"))) {
      credentials.configure(http);
      credentials.configure(ssh);

      assertThat(http.getCredentialsProvider())
          .isInstanceOf(UsernamePasswordCredentialsProvider.class);
      assertThat(ssh.getCredentialsProvider()).as("no token offered to an SSH server").isNull();
      assertThat(((SshTransport) ssh).getSshSessionFactory())
          .isInstanceOf(SshdSessionFactory.class);
    } finally {
      credentials.close();
    }
  }

  @Test
  void sshFailureIsAClearErrorWithoutATokenInIt() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (GitCredentials credentials =
        GitCredentials.fromEnvironment(
            Map.of(GitCredentials.TOKEN_VARIABLE, FAKE_TOKEN), scratch)) {
      assertThatThrownBy(
              () ->
                  GitOpsRepository.cloneFrom(
                      "ssh://git@127.0.0.1:" + closedPort + "/lab.git", credentials))
          .isInstanceOf(GitOpsException.class)
          .hasMessageContaining("could not clone ssh://git@127.0.0.1:" + closedPort)
          .satisfies(e -> assertNoSecret(e, FAKE_TOKEN));
    }
  }

  @Test
  void environmentWithoutATokenMeansNoToken() {
    assertThat(GitCredentials.fromEnvironment(Map.of(), scratch).hasToken()).isFalse();
    assertThat(
            GitCredentials.fromEnvironment(Map.of(GitCredentials.TOKEN_VARIABLE, "  "), scratch)
                .hasToken())
        .isFalse();
    assertThat(
            GitCredentials.fromEnvironment(Map.of(GitCredentials.TOKEN_VARIABLE, "t"), scratch)
                .hasToken())
        .isTrue();
  }

  private static void assertNoSecret(Throwable error, String secret) {
    String basic =
        Base64.getEncoder()
            .encodeToString(("x-access-token:" + secret).getBytes(StandardCharsets.UTF_8));
    for (Throwable t = error; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(secret).doesNotContain(basic);
      assertThat(t.toString()).doesNotContain(secret);
      for (Throwable suppressed : t.getSuppressed()) {
        assertThat(suppressed.toString()).doesNotContain(secret);
      }
    }
  }

  private static String decodeBasic(String header) {
    return new String(
        Base64.getDecoder().decode(header.substring("Basic ".length())), StandardCharsets.UTF_8);
  }
}
