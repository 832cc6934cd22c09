package dev.homelab.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.model.PodTemplate;
import dev.homelab.core.model.Resource;
import dev.homelab.core.testing.Commands;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Shellcheck;
import dev.homelab.core.yaml.Nodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The embedded gitops/ tree is complete and follows the lab's conventions to the letter. */
class GitopsTreeTest {

  private static final List<String> LABELS =
      List.of(
          "app.kubernetes.io/name",
          "app.kubernetes.io/instance",
          "app.kubernetes.io/component",
          "app.kubernetes.io/part-of",
          "app.kubernetes.io/managed-by");

  private static Workspace workspace;
  private static HomeLabConfig config;

  @BeforeAll
  static void load() throws Exception {
    Path tree = RepoPaths.gitopsTree();
    workspace =
        WorkspaceLoader.load(
            new WorkspaceLoader.Request(List.of(tree), null, RepoPaths.repoRoot()));
    config = workspace.config().orElseThrow();
  }

  @Test
  void loadsWithoutAnyProblem() {
    assertThat(workspace.loadFindings()).isEmpty();
    assertThat(workspace.resources()).hasSizeGreaterThan(50);
    assertThat(config.lab().domain()).isEqualTo("home.jetzinger.com");
    assertThat(config.lab().kubernetes().version()).isEqualTo("1.34");
    assertThat(config.lab().namespaces())
        .extracting(HomeLab.Namespace::name)
        .containsExactlyInAnyOrder(
            "kube-system", "infra", "monitoring", "data", "apps", "ml", "docs", "dev", "argocd");
  }

  @Test
  void declaredComponentsAndComponentFoldersAreTheSame() throws IOException {
    Set<String> declared = new TreeSet<>();
    for (HomeLab.Component component : config.lab().components()) {
      declared.add(component.path());
      assertThat(config.root().resolve(component.path())).as(component.name()).isDirectory();
    }
    Set<String> onDisk = new TreeSet<>();
    for (String layer : config.lab().layers()) {
      try (Stream<Path> folders = Files.list(config.root().resolve(layer))) {
        folders.filter(Files::isDirectory).forEach(f -> onDisk.add(layer + "/" + f.getFileName()));
      }
    }
    assertThat(onDisk).isEqualTo(declared);
  }

  @Test
  void everyHelmComponentHasItsValuesFile() {
    List<HomeLab.Component> helm =
        config.lab().components().stream().filter(HomeLab.Component::isHelm).toList();
    assertThat(helm).hasSizeGreaterThan(8);
    for (HomeLab.Component component : helm) {
      assertThat(config.root().resolve(component.path()).resolve(HomeLabConfig.VALUES_FILE))
          .as(component.name())
          .isRegularFile();
      assertThat(component.chart().version())
          .as(component.name())
          .matches("v?\\d+\\.\\d+\\.\\d+.*");
    }
  }

  @Test
  void everyHostIsAServiceSubdomainOfTheLab() {
    Pattern host = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?\\.home\\.jetzinger\\.com");
    Pattern matcher = Pattern.compile("Host\\(`([^`]*)`\\)");
    List<String> hosts = new ArrayList<>();
    for (Resource resource : workspace.resources()) {
      if (resource.kind().equals("Ingress")) {
        resource
            .object()
            .at("/spec/rules")
            .forEach(rule -> hosts.add(Nodes.text(rule, "host", "")));
        resource
            .object()
            .at("/spec/tls")
            .forEach(tls -> tls.path("hosts").forEach(h -> hosts.add(h.asString())));
      } else if (resource.kind().equals("IngressRoute")) {
        for (JsonNode route : resource.object().at("/spec/routes")) {
          Matcher m = matcher.matcher(Nodes.text(route, "match", ""));
          while (m.find()) {
            hosts.add(m.group(1));
          }
        }
      }
    }
    assertThat(hosts).hasSizeGreaterThan(5).allMatch(h -> host.matcher(h).matches());
  }

  @Test
  void everyNameAndLabelFollowsTheConventions() {
    List<String> problems = new ArrayList<>();
    String generated = config.lab().generatedPath() + "/";
    for (Resource resource : workspace.resources()) {
      // The generator's Argo CD objects follow its own naming, as the validator's rules accept.
      if (workspace
          .treePath(resource.document().file())
          .map(p -> p.startsWith(generated))
          .orElse(false)) {
        continue;
      }
      Map<String, String> labels = resource.labels();
      for (String label : LABELS) {
        if (!labels.containsKey(label)) {
          problems.add(resource + " lacks " + label);
        }
      }
      if (!"home-lab".equals(labels.get("app.kubernetes.io/part-of"))) {
        problems.add(resource + " is not part-of home-lab");
      }
      String app = labels.getOrDefault("app.kubernetes.io/name", "?");
      // Names the platform fixes: the namespace plan, K3s' chart config, Traefik's default TLS.
      boolean platformName =
          Set.of("Namespace", "HelmChartConfig").contains(resource.kind())
              || resource.name().equals("default") && resource.kind().equals("TLSOption");
      if (!platformName
          && !resource.name().matches(Pattern.quote(app) + "-[a-z0-9]+(-[a-z0-9]+)*")) {
        problems.add(resource + " is not named " + app + "-{component}");
      }
      JsonNode template =
          PodTemplate.of(resource)
              .filter(t -> !t.pointer().isEmpty())
              .map(PodTemplate::labels)
              .orElse(null);
      if (template != null) {
        for (String label : LABELS) {
          if (!labels.getOrDefault(label, "").equals(Nodes.text(template, label, null))) {
            problems.add(resource + " pod template disagrees on " + label);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void namespaceBoundariesMatchTheirProfiles() {
    int checked = 0;
    for (Resource resource : workspace.resources()) {
      HomeLab.Profile profile = config.profileOf(resource.namespace()).orElse(null);
      if (resource.kind().equals("ResourceQuota")) {
        assertThat(Nodes.stringMap(resource.object().at("/spec/hard")))
            .as(resource.toString())
            .isEqualTo(profile.quota());
        checked++;
      } else if (resource.kind().equals("LimitRange")) {
        JsonNode limit = resource.object().at("/spec/limits/0");
        assertThat(Nodes.stringMap(limit.path("defaultRequest")))
            .isEqualTo(profile.limitRange().defaultRequest());
        assertThat(Nodes.stringMap(limit.path("default")))
            .isEqualTo(profile.limitRange().defaults());
        assertThat(Nodes.stringMap(limit.path("max"))).isEqualTo(profile.limitRange().max());
        checked++;
      }
    }
    assertThat(checked).isEqualTo(2 * config.lab().namespaces().size());
  }

  @Test
  void scriptsAreStrictAndNeverSetHelmValuesInline() throws Exception {
    List<Path> scripts;
    try (Stream<Path> files = Files.walk(config.root())) {
      scripts = files.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
    }
    assertThat(scripts)
        .extracting(p -> p.getFileName().toString())
        .contains("deploy-all.sh", "backup-cluster.sh", "health-check.sh", "install-master.sh");
    for (Path script : scripts) {
      String text = Files.readString(script, StandardCharsets.UTF_8);
      assertThat(text)
          .as(script.toString())
          .contains("set -euo pipefail")
          .doesNotContainPattern("helm[^\\n]*--set");
      Commands.Result syntax =
          Commands.run(script.getParent(), List.of("bash", "-n", script.toString()));
      assertThat(syntax.exit()).as("bash -n " + script + "\n" + syntax.output()).isZero();
    }
  }

  @Test
  void scriptsPassShellcheck() {
    Shellcheck.assumeInstalled();
    for (Path script : Shellcheck.scriptsUnder(config.root())) {
      Shellcheck.assertClean(script);
    }
  }
}
