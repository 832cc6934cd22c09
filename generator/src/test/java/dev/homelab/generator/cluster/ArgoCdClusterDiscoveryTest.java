package dev.homelab.generator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.homelab.generator.cluster.ArgoCdClusterException.Reason;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a 404 for Argo CD's API group means, as API discovery tells. The servers are plain JDK HTTP
 * servers rather than the fabric8 mock server, which answers discovery for any path; they stand in
 * for a web server or proxy at the kubeconfig's address and for an API server whose discovery
 * fails.
 */
class ArgoCdClusterDiscoveryTest {
  private static final String GROUP_VERSION = "/apis/argoproj.io/v1alpha1";
  private static final String HTML = "<html><body>404 page not found</body></html>";

  private HttpServer server;
  // Path to status code and body; any other path gets the fallback.
  private final Map<String, Answer> answers = new HashMap<>();
  private Answer fallback;

  private record Answer(int code, String contentType, String body) {}

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Answer answer = answers.getOrDefault(exchange.getRequestURI().getPath(), fallback);
          byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", answer.contentType());
          exchange.sendResponseHeaders(answer.code(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void aWebServerThatAnswers404EverywhereIsNotKubernetesRatherThanWithoutCrds() {
    fallback = new Answer(404, "text/html", HTML);

    ArgoCdClusterException e = statusError(Duration.ZERO);

    assertThat(e.reason()).isEqualTo(Reason.NOT_KUBERNETES);
    assertThat(e.getMessage())
        .isEqualTo(
            "the server at "
                + url()
                + " is not a Kubernetes API server: it answered 404 Not Found to API discovery"
                + " (GET /apis), which every Kubernetes API server serves; check the server address"
                + " of the kubeconfig's cluster (K3s serves the API on port 6443)");
  }

  @Test
  void aServerThatAnswersHtmlIsNotKubernetesAndEndsAWaitAtOnce() {
    fallback = new Answer(200, "text/html", HTML);

    long start = System.nanoTime();
    ArgoCdClusterException e = statusError(Duration.ofSeconds(30));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(e.reason()).isEqualTo(Reason.NOT_KUBERNETES);
    assertThat(e.getMessage())
        .startsWith(
            "the server at "
                + url()
                + " is not a Kubernetes API server: it answered with a body that is not the"
                + " Kubernetes API's JSON while looking up the Application resource type; check"
                + " the server address")
        .doesNotContain("cannot reach", "jackson");
  }

  @Test
  void failingApiDiscoveryDoesNotClaimThatTheCrdsAreMissing() {
    answers.put(GROUP_VERSION, status(404, "the server could not find the requested resource"));
    fallback = status(503, "the server is currently unable to handle the request");

    ArgoCdClusterException e = statusError(Duration.ZERO);

    assertThat(e.reason()).isEqualTo(Reason.API_ERROR);
    assertThat(e.getMessage())
        .isEqualTo(
            "the Kubernetes API server at "
                + url()
                + " does not serve argoproj.io/v1alpha1 and answered 503 to API discovery (GET"
                + " /apis), so whether Argo CD's CRDs are installed cannot be told: the server is"
                + " currently unable to handle the request");
  }

  @Test
  void anApiServerWhoseDiscoveryLacksArgoCdIsMissingTheCrds() {
    answers.put(GROUP_VERSION, status(404, "the server could not find the requested resource"));
    answers.put(
        "/apis",
        new Answer(
            200,
            "application/json",
            """
            {"kind": "APIGroupList", "apiVersion": "v1", "groups": [{"name": "apps",
             "versions": [{"groupVersion": "apps/v1", "version": "v1"}],
             "preferredVersion": {"groupVersion": "apps/v1", "version": "v1"}}]}
            """));
    fallback = status(404, "the server could not find the requested resource");

    ArgoCdClusterException e = statusError(Duration.ZERO);

    assertThat(e.reason()).isEqualTo(Reason.CRD_MISSING);
    assertThat(e.getMessage()).endsWith("Argo CD's CRDs are not installed");
  }

  private ArgoCdClusterException statusError(Duration wait) {
    Config config = Config.empty();
    config.setMasterUrl(url());
    config.setRequestRetryBackoffLimit(0);
    List<String> notes = new ArrayList<>();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      ArgoCdCluster argo = new ArgoCdCluster(client, "argocd", Duration.ofMillis(50));
      Throwable thrown = null;
      try {
        argo.status(wait, notes::add);
      } catch (ArgoCdClusterException e) {
        thrown = e;
      }
      assertThat(thrown).isInstanceOf(ArgoCdClusterException.class);
      assertThat(notes).as("nothing to wait for").isEmpty();
      return (ArgoCdClusterException) thrown;
    }
  }

  private static Answer status(int code, String message) {
    return new Answer(
        code,
        "application/json",
        """
        {"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": "%s", "code": %d}
        """
            .formatted(message, code));
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }
}
