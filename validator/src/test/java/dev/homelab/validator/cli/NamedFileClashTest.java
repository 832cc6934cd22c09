package dev.homelab.validator.cli;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.JsonReportRun;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Trees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules that report a clash between two objects on one of them (the one whose file sorts later,
 * over the whole tree): a run over one file of the tree, as a pre-commit hook passes a new file,
 * reports the clash on that file even when it sorts first, naming the other file's line.
 */
class NamedFileClashTest {

  @TempDir Path cache;
  @TempDir Path scratch;

  /** The findings of {@code rule} in a run over {@code paths}, as {@code file: message}. */
  private List<String> findings(String rule, Path... paths) {
    List<String> args =
        new ArrayList<>(List.of("--offline", "--no-catalog", "--cache-dir", cache.toString()));
    for (Path path : paths) {
      args.add(path.toString());
    }
    return JsonReportRun.of(new ValidatorCli(), args).findings(rule);
  }

  /**
   * Adds {@code added} (sorting before {@code original}) to a copy of gitops/, and checks that
   * {@code rule} reports the clash on {@code original} over the whole tree, as before, and on
   * {@code added} when it is named alone, pointing at {@code original}.
   */
  private void clash(String rule, String original, String added, String content) {
    Path tree = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    write(tree, added, content);

    List<String> whole = findings(rule, tree);
    assertThat(whole).hasSize(1);
    assertThat(whole.get(0)).contains(original + ": ").contains(added + ":");

    List<String> named = findings(rule, tree.resolve(added));
    assertThat(named).as("named alone").hasSize(1);
    assertThat(named.get(0)).contains(added + ": ").contains(original + ":");
  }

  @Test
  void aCopiedObjectInANewFile() {
    clash(
        "duplicate-resource",
        "applications/nginx/configmap.yaml",
        "applications/nginx/a-copy.yaml",
        Trees.read(RepoPaths.gitopsTree().resolve("applications/nginx/configmap.yaml")));
  }

  @Test
  void aCopiedHostInAnotherComponent() {
    clash(
        "duplicate-host",
        "applications/nginx/ingress.yaml",
        "applications/dev-containers/a-ingress.yaml",
        Trees.read(RepoPaths.gitopsTree().resolve("applications/nginx/ingress.yaml"))
            .replace("name: nginx-ingress", "name: dev-containers-ingress"));
  }

  @Test
  void aCopiedLoadBalancerAddress() {
    clash(
        "address-conflict",
        "applications/nginx/service.yaml",
        "applications/dev-containers/a-service.yaml",
        """
        apiVersion: v1
        kind: Service
        metadata:
          name: other-ssh
          namespace: dev
          annotations:
            metallb.io/loadBalancerIPs: 192.168.2.241
        spec:
          type: LoadBalancer
          selector:
            app.kubernetes.io/name: nginx
          ports:
            - name: ssh-other
              port: 2202
        """);
  }

  @Test
  void aCopiedTlsSecretForAnotherHost() {
    clash(
        "shared-tls-secret",
        "applications/ollama/ingress.yaml",
        "applications/ollama/a-ingress.yaml",
        Trees.read(RepoPaths.gitopsTree().resolve("applications/ollama/ingress.yaml"))
            .replace("name: ollama-ingress\n", "name: ollama-api\n")
            .replace("ollama.home.jetzinger.com", "llm.home.jetzinger.com"));
  }
}
