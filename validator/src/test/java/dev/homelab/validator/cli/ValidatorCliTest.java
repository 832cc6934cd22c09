package dev.homelab.validator.cli;

import static dev.homelab.core.testing.Trees.write;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.ToolInfo;
import dev.homelab.core.cli.Cli;
import dev.homelab.core.testing.Commands;
import dev.homelab.core.testing.GitRepos;
import dev.homelab.core.testing.LabFixtures;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.SarifValidation;
import dev.homelab.core.testing.StandardInputs;
import dev.homelab.core.testing.Trees;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The validator as users run it: in-process, through the same entry point as the jar. */
class ValidatorCliTest {

  @TempDir Path cache;

  record Run(int exit, String out, String err) {
    JsonNode json() {
      return JsonMapper.builder().build().readTree(out);
    }

    /** The JSON report's findings of one rule. */
    List<JsonNode> findings(String rule) {
      return json()
          .path("findings")
          .valueStream()
          .filter(f -> f.path("rule").asString().equals(rule))
          .toList();
    }
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Cli.execute(new ValidatorCli(), new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private List<String> offline(String... args) {
    List<String> all =
        new ArrayList<>(List.of("--offline", "--no-catalog", "--cache-dir", cache.toString()));
    all.addAll(List.of(args));
    return all;
  }

  @Test
  void theSchemasExportHelpListsItsExitCodes() {
    Run help = run("schemas", "export", "--help");

    assertThat(help.out().replaceAll("\\s+", " "))
        .contains(
            "Exit codes: 0 written, 2 usage error (such as a DIR that is a file or cannot be"
                + " written), 3 internal error.");
  }

  @Test
  void theSchemasCommandsPrintTheVersionTheirHelpOffers() {
    for (String[] args :
        List.of(new String[] {"schemas", "--version"}, new String[] {"schemas", "export", "-V"})) {
      Run version = run(args);

      assertThat(version.exit()).isZero();
      assertThat(version.out())
          .startsWith(
              "validator "
                  + String.join(" ", List.of(args).subList(0, args.length - 1))
                  + " "
                  + ToolInfo.version());
    }
  }

  @Test
  void gitopsTreeIsCleanAgainstTheSharedCrdSchemas() {
    Path crds = RepoPaths.shared("schemas/crds");
    Run run =
        run(
            offline(
                    "--format",
                    "json",
                    "--require-schemas",
                    "--schema-location",
                    crds.toString(),
                    RepoPaths.gitopsTree().toString())
                .toArray(String[]::new));
    assertThat(run.json().at("/summary/errors").asInt()).as(run.out()).isZero();
    assertThat(run.json().at("/summary/warnings").asInt()).as(run.out()).isZero();
    assertThat(run.json().at("/summary/resources").asInt()).isGreaterThan(50);
    assertThat(run.exit()).isZero();
  }

  /** Found by fuzzing: a backend port number that is not an int once stopped the run. */
  @ParameterizedTest
  @CsvSource({"80true00, wrong-type", "99999999999, invalid-value"})
  void aBadBackendPortIsASchemaErrorNotAnInternalError(String port, String rule, @TempDir Path repo)
      throws Exception {
    Trees.copy(RepoPaths.gitopsTree(), repo.resolve("gitops"));
    Path ingress = repo.resolve("gitops/applications/paperless/ingress.yaml");
    String text = Trees.read(ingress);
    assertThat(text).contains("number: 8000");
    Files.writeString(ingress, text.replace("number: 8000", "number: " + port));

    Run run =
        run(offline("--format", "json", repo.resolve("gitops").toString()).toArray(String[]::new));

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.json().at("/summary/errors").asInt()).isEqualTo(1);
    JsonNode finding = run.json().at("/findings/0");
    assertThat(finding.get("rule").asString()).isEqualTo(rule);
    assertThat(finding.get("line").asInt()).isEqualTo(lineOf(Trees.read(ingress), port));
  }

  /** Found by fuzzing: an Ingress's rules or tls written as a map once stopped the run. */
  @ParameterizedTest
  @CsvSource({"rules, host", "tls, hosts"})
  void aListWrittenAsAMapIsASchemaErrorNotAnInternalError(
      String list, String firstKey, @TempDir Path repo) throws Exception {
    Trees.copy(RepoPaths.gitopsTree(), repo.resolve("gitops"));
    Path ingress = repo.resolve("gitops/applications/nginx/ingress.yaml");
    String text = Trees.read(ingress);
    String asList = "  " + list + ":\n    - " + firstKey + ":";
    assertThat(text).contains(asList);
    Files.writeString(
        ingress, text.replace(asList, "  " + list + ":\n    first:\n      " + firstKey + ":"));

    Run run =
        run(offline("--format", "json", repo.resolve("gitops").toString()).toArray(String[]::new));

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    List<String> rules = new ArrayList<>();
    run.json().at("/findings").forEach(finding -> rules.add(finding.get("rule").asString()));
    assertThat(rules).as(run.out()).contains("wrong-type").doesNotContain("host-pattern");
  }

  @Test
  void sarifOfTheGitopsTreeWithABrokenManifestIsValidAndPositioned(@TempDir Path repo)
      throws Exception {
    Trees.copy(RepoPaths.gitopsTree(), repo.resolve("gitops"));
    Files.createDirectories(repo.resolve(".git"));
    Path deployment = repo.resolve("gitops/applications/nginx/deployment.yaml");
    String text = Trees.read(deployment);
    assertThat(text).contains("replicas: 1");
    Files.writeString(deployment, text.replace("replicas: 1", "replicas: \"1\""));
    int line = lineOf(Trees.read(deployment), "replicas: \"1\"");

    Run run =
        run(offline("--format", "sarif", repo.resolve("gitops").toString()).toArray(String[]::new));
    assertThat(SarifValidation.errors(run.out())).isEmpty();
    JsonNode results = run.json().at("/runs/0/results");
    JsonNode wrongType = null;
    for (JsonNode result : results) {
      if (result.get("ruleId").asString().equals("wrong-type")) {
        wrongType = result;
      }
    }
    assertThat(wrongType).as(run.out()).isNotNull();
    JsonNode location = wrongType.at("/locations/0/physicalLocation");
    assertThat(location.at("/artifactLocation/uri").asString())
        .isEqualTo("gitops/applications/nginx/deployment.yaml");
    assertThat(location.at("/region/startLine").asInt()).isEqualTo(line);
    assertThat(location.at("/region/startColumn").asInt()).isEqualTo(13);
    assertThat(location.at("/region/endColumn").asInt()).isEqualTo(16);
    assertThat(run.exit()).isEqualTo(1);
  }

  /** Writes a Widget CRD into the tree whose spec has {@code properties} (YAML, unindented). */
  private static Path widgetCrd(Path tree, String properties) throws Exception {
    String definition =
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.dev
        spec:
          group: example.dev
          scope: Namespaced
          names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      properties:
        """;
    return write(tree, "infrastructure/widgets/crd.yaml", definition + properties.indent(16));
  }

  private static Path committedLab(Path repo) throws Exception {
    Trees.copy(RepoPaths.gitopsTree(), repo.resolve("gitops"));
    GitRepos.commitAll(repo, "lab");
    return repo.resolve("gitops");
  }

  /**
   * A .homelabignore at the repository's top that leaves out the lab's whole tree leaves out the
   * files a hook names too: the run says by which line and reports that line's warning, as the
   * whole-tree run does, rather than 0 files alone; a warning does not fail it.
   */
  @Test
  void namedFilesThatAnIgnoreFileLeavesOutAreSaidWithTheLine(@TempDir Path repo) throws Exception {
    Path tree = committedLab(repo);
    Files.writeString(repo.resolve(".homelabignore"), "# not the lab\ngitops/\n");
    String finding =
        ".homelabignore\n  2:1      warning  `gitops/` leaves out the lab's whole tree, `gitops/`";
    Path named = tree.resolve("applications/nginx/service.yaml");

    Run whole = run(offline("--fail-on", "never", tree.toString()).toArray(String[]::new));
    Run hook =
        run(
            offline(
                    "--base=HEAD",
                    "--lab-files-only",
                    named.toString(),
                    tree.resolve("applications/nginx/deployment.yaml").toString())
                .toArray(String[]::new));

    assertThat(whole.out()).contains(finding);
    assertThat(hook.exit()).as(hook.err()).isZero();
    assertThat(hook.err())
        .contains(
            "note: `gitops/` at .homelabignore:2 leaves out 2 named files, which are not checked:"
                + " gitops/applications/nginx/deployment.yaml,"
                + " gitops/applications/nginx/service.yaml\n");
    assertThat(hook.out()).contains(finding).contains("0 errors, 1 warning");

    // A line that leaves out one file, and no component's folder, is said all the same.
    Files.writeString(repo.resolve(".homelabignore"), "");
    Files.writeString(tree.resolve(".homelabignore"), "applications/nginx/service.yaml\n");
    Run one =
        run(offline("--base=HEAD", "--lab-files-only", named.toString()).toArray(String[]::new));
    assertThat(one.exit()).as(one.err()).isZero();
    assertThat(one.err())
        .contains(
            "note: `applications/nginx/service.yaml` at gitops/.homelabignore:1 leaves out 1 named"
                + " file, which is not checked: gitops/applications/nginx/service.yaml\n");
    assertThat(one.out()).contains("0 errors, 0 warnings");
  }

  @Test
  void baseRevisionReportsASelectorChangeAtItsLine(@TempDir Path repo) throws Exception {
    Path tree = committedLab(repo);
    Path deployment = tree.resolve("applications/nginx/deployment.yaml");
    Files.writeString(
        deployment,
        Files.readString(deployment).replace("instance: nginx-proxy", "instance: nginx-edge"));

    Run without = run(offline("--format", "json", tree.toString()).toArray(String[]::new));
    assertThat(without.out()).doesNotContain("immutable-field-changed");

    for (String base : List.of("HEAD", "main")) {
      Run run =
          run(offline("--format", "json", "--base", base, tree.toString()).toArray(String[]::new));
      assertThat(run.exit()).as(run.err()).isEqualTo(1);
      List<JsonNode> changed = run.findings("immutable-field-changed");
      assertThat(changed).as(run.out()).hasSize(1);
      assertThat(changed.get(0).path("file").asString())
          .isEqualTo("gitops/applications/nginx/deployment.yaml");
      assertThat(changed.get(0).path("line").asInt()).isEqualTo(15);
      assertThat(changed.get(0).path("message").asString())
          .contains("changes spec.selector")
          .contains(base + " has `{matchLabels: {app.kubernetes.io/name: nginx,");
    }
  }

  @Test
  void renamingAnObjectInTheNamedFileReportsWhatNoLongerFindsIt(@TempDir Path repo)
      throws Exception {
    Path tree = committedLab(repo);
    Path configMap = tree.resolve("applications/nginx/configmap.yaml");
    Files.writeString(
        configMap,
        Files.readString(configMap).replace("name: nginx-config", "name: nginx-settings"));

    Run named =
        run(
            offline("--format", "json", "--base", "HEAD", configMap.toString())
                .toArray(String[]::new));

    assertThat(named.exit()).as(named.err()).isEqualTo(1);
    List<JsonNode> broken = named.findings("reference-not-found");
    assertThat(broken).as(named.out()).hasSize(1);
    assertThat(broken.get(0).path("file").asString())
        .isEqualTo("gitops/applications/nginx/deployment.yaml");
    assertThat(broken.get(0).path("line").asInt()).isEqualTo(110);
    assertThat(named.err())
        .contains("the tree no longer has ConfigMap dev/nginx-config from HEAD")
        .contains("reporting on the whole tree");
    Run withoutBase = run(offline("--format", "json", configMap.toString()).toArray(String[]::new));
    assertThat(withoutBase.findings("reference-not-found"))
        .as("without a base nothing says the ConfigMap had another name")
        .isEmpty();
  }

  @Test
  void renamingAServicePortReportsTheMonitorThatScrapesItThoughItsFileIsNotNamed(@TempDir Path repo)
      throws Exception {
    Path tree = committedLab(repo);
    Path service = tree.resolve("applications/nginx/service.yaml");
    Files.writeString(
        service, Files.readString(service).replace("- name: metrics", "- name: exporter"));

    Run named =
        run(
            offline("--format", "json", "--base", "HEAD", service.toString())
                .toArray(String[]::new));

    assertThat(named.exit()).as(named.out()).isEqualTo(1);
    List<String> places =
        named
            .json()
            .path("findings")
            .valueStream()
            .map(
                f ->
                    f.path("file").asString()
                        + ":"
                        + f.path("line").asInt()
                        + " "
                        + f.path("rule").asString())
            .toList();
    assertThat(places)
        .as(named.out())
        .containsExactly("gitops/applications/nginx/servicemonitor.yaml:20 selector-mismatch");
    assertThat(named.err())
        .contains(
            "the change causes new findings in 1 file(s) it does not touch"
                + " (gitops/applications/nginx/servicemonitor.yaml); reporting on them too");
    Run withoutBase = run(offline("--format", "json", service.toString()).toArray(String[]::new));
    assertThat(withoutBase.exit()).as("without a base the change cannot be told apart").isZero();
  }

  @Test
  void aProblemTheBaseRevisionAlreadyHadStaysOutOfARunOverOtherFiles(@TempDir Path repo)
      throws Exception {
    Path tree = repo.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    Path deployment = tree.resolve("applications/nginx/deployment.yaml");
    Files.writeString(
        deployment,
        Files.readString(deployment).replace("name: nginx-config", "name: nginx-missing"));
    GitRepos.commitAll(repo, "lab with a broken mount");
    Path service = tree.resolve("applications/nginx/service.yaml");
    Files.writeString(
        service, Files.readString(service).replace("- name: metrics", "- name: exporter"));

    Run named =
        run(
            offline("--format", "json", "--base", "HEAD", service.toString())
                .toArray(String[]::new));

    assertThat(named.json().path("findings").valueStream().map(f -> f.path("file").asString()))
        .as(named.out())
        .containsExactly("gitops/applications/nginx/servicemonitor.yaml");
    Run whole =
        run(offline("--format", "json", "--base", "HEAD", tree.toString()).toArray(String[]::new));
    assertThat(whole.findings("reference-not-found")).as(whole.out()).hasSize(1);
  }

  @Test
  void aChangeThatRemovesNothingReportsOnlyTheNamedFiles(@TempDir Path repo) throws Exception {
    Path tree = committedLab(repo);
    Path configMap = tree.resolve("applications/nginx/configmap.yaml");
    Files.writeString(configMap, Files.readString(configMap) + "# reviewed\n");
    Path deployment = tree.resolve("applications/nginx/deployment.yaml");
    Files.writeString(
        deployment,
        Files.readString(deployment).replace("name: nginx-config", "name: nginx-missing"));

    Run named =
        run(
            offline("--format", "json", "--base", "HEAD", configMap.toString())
                .toArray(String[]::new));

    assertThat(named.exit()).as(named.out()).isZero();
    assertThat(named.err()).doesNotContain("whole tree");
    Run whole =
        run(offline("--format", "json", "--base", "HEAD", tree.toString()).toArray(String[]::new));
    assertThat(whole.findings("reference-not-found")).as(whole.out()).hasSize(1);
  }

  @Test
  void namingACrdReportsTheObjectsItValidatesElsewhere(@TempDir Path repo) throws Exception {
    Path tree = repo.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    Path crd = widgetCrd(tree, "replicas:\n  type: integer\n");
    write(
        tree,
        "applications/nginx/widget.yaml",
        """
        apiVersion: example.dev/v1
        kind: Widget
        metadata:
          name: nginx-widget
          namespace: dev
        spec:
          replicas: "two"
        """);

    Run named = run(offline("--format", "json", crd.toString()).toArray(String[]::new));

    assertThat(named.exit()).as(named.err()).isEqualTo(1);
    List<JsonNode> wrong = named.findings("wrong-type");
    assertThat(wrong).as(named.out()).hasSize(1);
    assertThat(wrong.get(0).path("file").asString())
        .endsWith("gitops/applications/nginx/widget.yaml");
    assertThat(wrong.get(0).path("line").asInt()).isEqualTo(7);
    assertThat(named.err())
        .contains("CustomResourceDefinition widgets.example.dev is among the files")
        .contains("reporting on the whole tree");
    Run other =
        run(
            offline("--format", "json", tree.resolve("applications/nginx/service.yaml").toString())
                .toArray(String[]::new));
    assertThat(other.findings("wrong-type")).as("a file that is no CRD keeps the focus").isEmpty();
  }

  /**
   * A run by hand may name fewer files than changed since the base; the config still reaches all.
   */
  @Test
  void aConfigChangedSinceTheBaseReportsTheWholeTreeThoughNotNamed(@TempDir Path repo)
      throws Exception {
    Path tree = repo.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    GitRepos.commitAll(repo, "lab");
    Path config = tree.resolve("homelab.yaml");
    Files.writeString(
        config,
        Files.readString(config).replace("domain: home.jetzinger.com", "domain: home.example.org"));
    Path service = tree.resolve("applications/nginx/service.yaml");

    Run named =
        run(
            offline("--format", "json", "--base", "HEAD", service.toString())
                .toArray(String[]::new));

    assertThat(named.exit()).as(named.err()).isEqualTo(1);
    assertThat(named.findings("host-pattern"))
        .as(named.out())
        .extracting(finding -> finding.path("file").asString())
        .contains("gitops/infrastructure/argocd/ingress.yaml");
    assertThat(named.err())
        .contains(
            "validator: homelab.yaml changed since HEAD, and every file depends on it;"
                + " reporting on the whole tree");
  }

  @Test
  void aCrdChangedSinceTheBaseReportsTheObjectsItValidatesThoughNotNamed(@TempDir Path repo)
      throws Exception {
    Path tree = repo.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    widgetCrd(tree, "replicas:\n  type: integer\n");
    write(
        tree,
        "applications/nginx/widget.yaml",
        """
        apiVersion: example.dev/v1
        kind: Widget
        metadata:
          name: nginx-widget
          namespace: dev
        spec:
          replicas: 2
        """);
    GitRepos.commitAll(repo, "lab with the Widget CRD");
    widgetCrd(tree, "replicas:\n  type: string\n");
    Path service = tree.resolve("applications/nginx/service.yaml");

    Run named =
        run(
            offline("--format", "json", "--base", "HEAD", service.toString())
                .toArray(String[]::new));

    assertThat(named.findings("wrong-type"))
        .as(named.out())
        .extracting(finding -> finding.path("file").asString() + ":" + finding.path("line"))
        .containsExactly("gitops/applications/nginx/widget.yaml:7");
    assertThat(named.err())
        .contains(
            "CustomResourceDefinition widgets.example.dev changed since HEAD, and objects of its"
                + " kinds elsewhere are validated against it; reporting on the whole tree");
  }

  @Test
  void namingHomelabYamlReportsEveryFileItDecides(@TempDir Path tree) throws Exception {
    Trees.copy(RepoPaths.gitopsTree(), tree);
    Path deployment = tree.resolve("applications/nginx/deployment.yaml");
    Files.writeString(
        deployment,
        Files.readString(deployment).replace("name: nginx-config", "name: nginx-missing"));

    Run named =
        run(
            offline("--format", "json", tree.resolve("homelab.yaml").toString())
                .toArray(String[]::new));

    assertThat(named.exit()).as(named.err()).isEqualTo(1);
    assertThat(named.findings("reference-not-found")).as(named.out()).hasSize(1);
    assertThat(named.err())
        .contains(
            "homelab.yaml is among the files, and every file depends on it; reporting on the whole tree");
  }

  @Test
  void baseRevisionRunsTheCrdsTransitionRules(@TempDir Path repo) throws Exception {
    Path peer = repo.resolve("gitops/infrastructure/metallb/bgp-peer.yaml");
    Trees.copy(RepoPaths.gitopsTree(), repo.resolve("gitops"));
    String before =
        """
        apiVersion: metallb.io/v1beta2
        kind: BGPPeer
        metadata:
          name: metallb-router
          namespace: metallb-system
        spec:
          myASN: 64500
          peerASN: 64501
          peerAddress: 192.168.1.1
          enableGracefulRestart: false
        """;
    Files.writeString(peer, before);
    GitRepos.commitAll(repo, "lab with a BGP peer");
    Files.writeString(
        peer, before.replace("enableGracefulRestart: false", "enableGracefulRestart: true"));
    String tree = repo.resolve("gitops").toString();

    Run withBase = run(offline("--format", "json", "--base", "HEAD", tree).toArray(String[]::new));
    Run withoutBase = run(offline("--format", "json", tree).toArray(String[]::new));
    Run schemaOnly =
        run(
            offline("--format", "json", "--checks", "schema", "--base", "HEAD", tree)
                .toArray(String[]::new));

    assertThat(schemaOnly.json().path("findings").valueStream().map(f -> f.path("rule").asString()))
        .as("the rules belong to the schema family: " + schemaOnly.out())
        .containsExactly("validation-rule-failed");
    List<JsonNode> failed = withBase.findings("validation-rule-failed");
    assertThat(failed).as(withBase.out()).hasSize(1);
    assertThat(failed.get(0).path("file").asString())
        .isEqualTo("gitops/infrastructure/metallb/bgp-peer.yaml");
    assertThat(failed.get(0).path("line").asInt()).isEqualTo(10);
    assertThat(failed.get(0).path("column").asInt()).isEqualTo(26);
    assertThat(failed.get(0).path("message").asString())
        .isEqualTo(
            "`spec.enableGracefulRestart`: EnableGracefulRestart cannot be changed after creation"
                + " (the CRD's rule `self == oldSelf`, compared with HEAD)");
    assertThat(withoutBase.out()).doesNotContain("validation-rule-failed");
  }

  @Test
  void baseRevisionRunsOptionalOldSelfRulesOnObjectsNewSinceIt(@TempDir Path repo)
      throws Exception {
    Trees.copy(RepoPaths.gitopsTree(), repo.resolve("gitops"));
    widgetCrd(
        repo.resolve("gitops"),
        """
        version:
          type: string
          x-kubernetes-validations:
            - rule: oldSelf.hasValue() || self.startsWith('v')
              optionalOldSelf: true
              message: a new widget's version starts with v
        """);
    GitRepos.commitAll(repo, "lab with the Widget CRD");
    String widget =
        """
        apiVersion: example.dev/v1
        kind: Widget
        metadata:
          name: nginx-widget
          namespace: nginx
        spec:
          version: "1.0"
        """;
    Files.writeString(repo.resolve("gitops/applications/nginx/widget.yaml"), widget);
    String tree = repo.resolve("gitops").toString();

    Run withBase = run(offline("--format", "json", "--base", "HEAD", tree).toArray(String[]::new));
    Run withoutBase = run(offline("--format", "json", tree).toArray(String[]::new));

    List<JsonNode> failed = withBase.findings("validation-rule-failed");
    assertThat(failed).as(withBase.out()).hasSize(1);
    assertThat(failed.get(0).path("file").asString())
        .isEqualTo("gitops/applications/nginx/widget.yaml");
    assertThat(failed.get(0).path("line").asInt()).isEqualTo(7);
    assertThat(failed.get(0).path("message").asString())
        .isEqualTo(
            "`spec.version`: a new widget's version starts with v (the CRD's rule"
                + " `oldSelf.hasValue() || self.startsWith('v')`, on an object new since HEAD)");
    assertThat(withoutBase.out())
        .as("without a base nothing says whether the Widget is new")
        .doesNotContain("validation-rule-failed");
  }

  @Test
  void baseRevisionThatDoesNotResolveIsAUsageError(@TempDir Path repo) throws Exception {
    Path tree = committedLab(repo);
    Run run = run(offline("--base", "origin/nope", tree.toString()).toArray(String[]::new));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--base origin/nope: no such revision").doesNotContain("\tat ");
  }

  @Test
  void anEmptyBaseSaysItIsEmpty(@TempDir Path repo) throws Exception {
    Path tree = committedLab(repo);
    Run run = run(offline("--base", "", tree.toString()).toArray(String[]::new));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("--base was given an empty value")
        .doesNotContain("no such revision");
  }

  @Test
  void baseRevisionWhoseConfigDoesNotLoadIsAUsageErrorThatSaysSo(@TempDir Path repo)
      throws Exception {
    Path tree = repo.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    Path config = tree.resolve("homelab.yaml");
    String good = Files.readString(config);
    Files.writeString(config, good.replace("domain:", "domain: [broken]\nformer-domain:"));
    GitRepos.commitAll(repo, "broken config");
    Files.writeString(config, good);

    Run run = run(offline("--base", "HEAD", tree.toString()).toArray(String[]::new));

    assertThat(run.exit()).as(run.out()).isEqualTo(2);
    assertThat(run.err())
        .contains("--base HEAD: the homelab.yaml of that revision does not load")
        .doesNotContain("Exception");
  }

  /**
   * CI passes full SHAs whose objects a shallow or partial clone lacks (the base of a pull request,
   * or git's all-zero "before" of a new branch): a usage error that says to fetch them.
   */
  @Test
  void aBaseWhoseObjectsTheCloneLacksIsAUsageError(@TempDir Path repo) throws Exception {
    Path tree = committedLab(repo);
    String blob;
    try (Git git = Git.open(repo.toFile())) {
      blob = git.getRepository().resolve("HEAD:gitops/homelab.yaml").name();
    }
    Files.delete(repo.resolve(".git/objects/" + blob.substring(0, 2) + "/" + blob.substring(2)));

    Run zeros = run(offline("--base", "0".repeat(40), tree.toString()).toArray(String[]::new));
    Run partial = run(offline("--base", "HEAD", tree.toString()).toArray(String[]::new));

    assertThat(zeros.exit()).as(zeros.err()).isEqualTo(2);
    assertThat(zeros.err()).contains("--base " + "0".repeat(40) + ": ");
    assertThat(partial.exit()).as(partial.err()).isEqualTo(2);
    assertThat(partial.err())
        .contains("does not hold the object " + blob + " of that revision, as in a shallow or")
        .contains("fetch-depth: 0")
        .doesNotContain("internal error");
  }

  @Test
  void baseHeadBeforeTheFirstCommitComparesNothing(@TempDir Path repo) throws Exception {
    Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call().close();
    Trees.copy(RepoPaths.gitopsTree(), repo.resolve("gitops"));

    Run head =
        run(
            offline("--format", "json", "--base", "HEAD", repo.resolve("gitops").toString())
                .toArray(String[]::new));
    Run other =
        run(offline("--base", "main", repo.resolve("gitops").toString()).toArray(String[]::new));

    assertThat(head.exit()).as(head.err()).isZero();
    assertThat(head.out()).doesNotContain("immutable-field-changed");
    assertThat(other.exit()).isEqualTo(2);
    assertThat(other.err()).contains("--base main: no such revision");
  }

  @Test
  void baseRevisionOutsideAGitRepositoryIsAUsageError(@TempDir Path tree) {
    Trees.copy(RepoPaths.gitopsTree(), tree);
    Run run = run(offline("--base", "HEAD", tree.toString()).toArray(String[]::new));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("is not inside a git repository");
  }

  @Test
  void baseRevisionWithoutTheLabComparesNothing(@TempDir Path repo) throws Exception {
    write(repo, "README.md", "a lab to come\n");
    GitRepos.commitAll(repo, "start");
    Trees.copy(RepoPaths.gitopsTree(), repo.resolve("gitops"));
    Run run =
        run(
            offline("--format", "json", "--base", "HEAD", repo.resolve("gitops").toString())
                .toArray(String[]::new));
    assertThat(run.out()).doesNotContain("immutable-field-changed");
    assertThat(run.exit()).as(run.out()).isZero();
  }

  @Test
  void conventionsWithoutAConfigIsAUsageError(@TempDir Path tree) {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Run run = run(offline("--checks", "conventions", tree.toString()).toArray(String[]::new));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--checks conventions needs a homelab.yaml");
  }

  @Test
  void schemaOnlyRunWorksOnAnyFolderLikeKubeconform(@TempDir Path tree) {
    write(
        tree,
        "cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: anything\ndata:\n  k: v\n");
    Run run = run(offline(tree.toString()).toArray(String[]::new));
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("0 errors, 0 warnings");
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(run("--checks", "bogus").exit()).isEqualTo(2);
    assertThat(run("--format", "xml").err()).contains("unknown format `xml`");
    Run failOn = run("--fail-on", "sometimes");
    assertThat(failOn.exit()).isEqualTo(2);
    assertThat(failOn.out()).as("refused before any check runs").isEmpty();
    assertThat(run("--output", "sarif").err()).contains("FORMAT=FILE");
  }

  @Test
  void invalidConfigExitsWithTwoAndPointsAtTheLine(@TempDir Path tree) {
    write(tree, "homelab.yaml", "name: lab\ndomain: 42\n");
    Run run = run(offline(tree.toString()).toArray(String[]::new));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("homelab.yaml:2:9: error: `domain` must be a string, got integer 42");
    assertThat(run.err()).doesNotContain("Exception");
  }

  @Test
  void outputFilesAreWrittenBesideStdout(@TempDir Path tree) throws Exception {
    write(
        tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n  name: c-d\n");
    Path sarif = tree.resolve("reports/out.sarif");
    Path junit = tree.resolve("reports/out.xml");
    Run run =
        run(
            offline("--output", "sarif=" + sarif, "--output", "junit=" + junit, tree.toString())
                .toArray(String[]::new));
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).contains("duplicate key `name`");
    assertThat(Files.readString(sarif)).contains("\"ruleId\" : \"duplicate-key\"");
    assertThat(Files.readString(junit)).contains("<failure type=\"error\"");
    try (Stream<Path> leftovers = Files.list(sarif.getParent())) {
      assertThat(leftovers.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("out.sarif", "out.xml");
    }
  }

  @Test
  void outputFilesTakeTheUmasksPermissionsAsARedirectionWould(@TempDir Path tree) throws Exception {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Path report = tree.resolve("report.json");
    Path redirected = Files.createFile(tree.resolve("redirected.json"));
    assertThat(
            run(offline("--output", "json=" + report, tree.toString()).toArray(String[]::new))
                .exit())
        .isZero();
    // The permissions a new file gets here, umask applied, are those of one the test just created.
    assertThat(Files.getPosixFilePermissions(report))
        .isEqualTo(Files.getPosixFilePermissions(redirected));
  }

  @Test
  void anOutputFileThatCannotBeWrittenIsAUsageErrorNamingIt(@TempDir Path tree) throws Exception {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Path folder = Files.createDirectory(tree.resolve("reports"));
    Run intoFolder =
        run(offline("--output", "json=" + folder, tree.toString()).toArray(String[]::new));
    assertThat(intoFolder.exit()).isEqualTo(2);
    assertThat(intoFolder.err())
        .contains(
            "error: --output json=" + folder + ": cannot write the report there (it is a folder)")
        .doesNotContain("internal error");
    assertThat(intoFolder.out()).as("refused before checking anything").isEmpty();
    Path underAFile = tree.resolve("cm.yaml/report.json");
    Run underFile =
        run(offline("--output", "json=" + underAFile, tree.toString()).toArray(String[]::new));
    assertThat(underFile.exit()).isEqualTo(2);
    assertThat(underFile.err())
        .contains(
            "--output json="
                + underAFile
                + ": cannot write the report there ("
                + tree.resolve("cm.yaml")
                + " is a file, not a folder)");
    assertThat(underFile.out()).isEmpty();
    try (Stream<Path> leftovers = Files.list(folder)) {
      assertThat(leftovers).as("no temporary file left behind").isEmpty();
    }
  }

  @Test
  void anOutputOnStandardOutputIsAUsageErrorAndMakesNoFileNamedDash(@TempDir Path tree) {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    List<String> stdouts = new ArrayList<>(List.of("-"));
    if (Files.exists(Path.of("/dev/stdout"))) {
      stdouts.add("/dev/stdout");
    }
    for (String stdout : stdouts) {
      Run run = run(offline("--output", "json=" + stdout, tree.toString()).toArray(String[]::new));
      assertThat(run.exit()).as(stdout).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "error: --output json="
                  + stdout
                  + ": standard output already carries the --format report (text), and a second"
                  + " one there would run into it; name a file instead\n");
      assertThat(run.out()).isEmpty();
    }
    assertThat(Path.of("-")).doesNotExist();
  }

  @Test
  void anOutputThroughALinkOrIntoAPipeIsWrittenWhereItLeads(
      @TempDir Path tree, @TempDir Path elsewhere) throws Exception {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Path reports = Files.createDirectory(elsewhere.resolve("reports"));
    Path real = Files.writeString(reports.resolve("real.json"), "old\n");
    Path link =
        Files.createSymbolicLink(elsewhere.resolve("link.json"), Path.of("reports/real.json"));
    Path pipe = elsewhere.resolve("pipe");
    Commands.Result mkfifo = Commands.run(elsewhere, List.of("mkfifo", pipe.toString()));
    Assumptions.assumeTrue(mkfifo.exit() == 0, "no mkfifo here: " + mkfifo.output());
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<String> piped = reader.submit(() -> Files.readString(pipe));

      Run run =
          run(
              offline("--output", "json=" + link, "--output", "sarif=" + pipe, tree.toString())
                  .toArray(String[]::new));

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(link).isSymbolicLink();
      assertThat(Files.readString(real)).startsWith("{\n  \"tool\" : \"validator\"");
      assertThat(Files.isRegularFile(pipe)).as("still a pipe, not replaced by a file").isFalse();
      assertThat(piped.get(60, TimeUnit.SECONDS)).contains("\"version\" : \"2.1.0\"");
      Run twice =
          run(
              offline("--output", "json=" + link, "--output", "sarif=" + real, tree.toString())
                  .toArray(String[]::new));
      assertThat(twice.exit()).isEqualTo(2);
      assertThat(twice.err()).contains("twice (json and sarif)");
    } finally {
      reader.shutdownNow();
    }
    try (Stream<Path> leftovers = Files.list(reports)) {
      assertThat(leftovers).containsExactly(real);
    }
  }

  @Test
  void aReplacedReportKeepsTheModeItsOwnerGaveIt(@TempDir Path tree, @TempDir Path elsewhere)
      throws Exception {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Path report = Files.writeString(elsewhere.resolve("report.json"), "old\n");
    Assumptions.assumeTrue(
        Files.getFileStore(report).supportsFileAttributeView("posix"), "no POSIX modes here");
    Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw-r--");
    Files.setPosixFilePermissions(report, shared);

    Run run = run(offline("--output", "json=" + report, tree.toString()).toArray(String[]::new));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.readString(report)).startsWith("{");
    assertThat(Files.getPosixFilePermissions(report)).isEqualTo(shared);
  }

  @Test
  void anOutputThatCannotBeWrittenLeavesNoReportAnywhere(@TempDir Path tree) throws Exception {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc here");
    // The folders made for the first report go too when the second cannot be written.
    Path written = tree.resolve("reports/pr/report.json");
    // /proc takes no new files, whoever runs the test, and says so before any check.
    for (String unwritable : List.of("/proc/report.sarif", "/proc/self/report.sarif")) {
      Run run =
          run(
              offline(
                      "--output",
                      "json=" + written,
                      "--output",
                      "sarif=" + unwritable,
                      tree.toString())
                  .toArray(String[]::new));
      assertThat(run.exit()).as(run.err()).isEqualTo(2);
      assertThat(run.err())
          .contains("error: --output sarif=" + unwritable + ": cannot write the report there (");
      assertThat(run.out()).as("nothing on stdout either").isEmpty();
      assertThat(written).doesNotExist();
      try (Stream<Path> leftovers = Files.list(tree)) {
        assertThat(leftovers).containsExactly(tree.resolve("cm.yaml"));
      }
    }
    Run refused =
        run(
            offline("--output", "sarif=/proc/self/report.sarif", tree.toString())
                .toArray(String[]::new));
    assertThat(refused.err())
        .contains(
            "(the folder /proc/self belongs to the kernel's proc file system, which takes no new"
                + " file)");
  }

  /**
   * A kernel file such as /proc/version exists but takes no report, and /proc takes no new file;
   * the message says so rather than that there is no such file. /proc refuses root as well, so this
   * holds whoever runs the test.
   */
  @Test
  void aKernelFileOrFolderAsOutputSaysItTakesNoReport(@TempDir Path tree) throws Exception {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Assumptions.assumeTrue(Files.isRegularFile(Path.of("/proc/version")), "no /proc here");
    Map<String, String> reasons =
        Map.of(
            "/proc/version",
            "/proc/version belongs to the kernel's proc file system, which takes no report",
            "/proc/report.json",
            "the folder /proc belongs to the kernel's proc file system, which takes no new file");
    for (Map.Entry<String, String> output : reasons.entrySet()) {
      Run run =
          run(
              offline("--output", "json=" + output.getKey(), tree.toString())
                  .toArray(String[]::new));
      assertThat(run.exit()).as(run.err()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "error: --output json="
                  + output.getKey()
                  + ": cannot write the report there ("
                  + output.getValue()
                  + ")\n");
      assertThat(run.out()).as("refused before checking anything").isEmpty();
    }
    try (Stream<Path> leftovers = Files.list(tree)) {
      assertThat(leftovers).containsExactly(tree.resolve("cm.yaml"));
    }
  }

  /**
   * A relative --output under a file, or under a device, names what stands in the way as the user
   * wrote it, without the absolute path of the working folder.
   */
  @Test
  void anOutputUnderAFileOrDeviceNamesWhatIsInTheWayAsGiven(@TempDir Path tree) throws Exception {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Path here = Path.of("").toAbsolutePath();
    Path underAFile = here.relativize(tree.resolve("cm.yaml/report.json"));
    Run underFile =
        run(offline("--output", "json=" + underAFile, tree.toString()).toArray(String[]::new));
    assertThat(underFile.exit()).isEqualTo(2);
    assertThat(underFile.err())
        .isEqualTo(
            "error: --output json="
                + underAFile
                + ": cannot write the report there ("
                + here.relativize(tree.resolve("cm.yaml"))
                + " is a file, not a folder)\n");
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/null")), "no /dev/null here");
    Run underDevice =
        run(
            offline("--output", "json=/dev/null/report.json", tree.toString())
                .toArray(String[]::new));
    assertThat(underDevice.exit()).isEqualTo(2);
    assertThat(underDevice.err())
        .isEqualTo(
            "error: --output json=/dev/null/report.json: cannot write the report there (/dev/null"
                + " is not a folder)\n");
  }

  @Test
  void aDeviceThatRefusesTheReportLeavesNoReportAnywhere(@TempDir Path tree) throws Exception {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Path full = Path.of("/dev/full");
    Assumptions.assumeTrue(Files.exists(full), "no /dev/full here");
    Path written = tree.resolve("report.json");

    Run run =
        run(
            offline("--output", "json=" + written, "--output", "sarif=" + full, tree.toString())
                .toArray(String[]::new));

    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("error: --output sarif=/dev/full: cannot write the report there (");
    assertThat(run.out()).as("nothing on stdout either").isEmpty();
    assertThat(written).doesNotExist();
  }

  @Test
  void aTypeTheEmbeddedSchemasLackIsRefusedOnlyUpToTheirKubernetesVersion(@TempDir Path tree) {
    write(tree, "apps/web.yaml", "apiVersion: apps/v2\nkind: Deployment\nmetadata:\n  name: a-b\n");
    write(tree, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    Run current =
        run(
            offline("--checks", "schema", "--format", "json", tree.toString())
                .toArray(String[]::new));
    assertThat(current.exit()).isEqualTo(1);
    assertThat(current.json().at("/findings/0/rule").asString()).isEqualTo("unknown-api-type");
    // A newer cluster may serve what the 1.34 schemas lack, so there it is only a missing schema.
    write(tree, "homelab.yaml", LabFixtures.MINIMAL_CONFIG.replace("\"1.34\"", "\"1.35\""));
    Run newer =
        run(
            offline("--checks", "schema", "--format", "json", tree.toString())
                .toArray(String[]::new));
    assertThat(newer.exit()).isZero();
    assertThat(newer.json().at("/findings/0/rule").asString()).isEqualTo("schema-missing");
  }

  @Test
  void aLocalSchemaLocationWhoseFolderIsMissingIsAUsageError(@TempDir Path tree) {
    write(
        tree,
        "w.yaml",
        "apiVersion: widgets.example.com/v1\nkind: Widget\nmetadata:\n  name: a-b\n");
    Path missing = tree.resolve("no-such-schemas");
    Run folder =
        run(
            offline("--schema-location", missing.toString(), tree.toString())
                .toArray(String[]::new));
    assertThat(folder.exit()).isEqualTo(2);
    assertThat(folder.err()).contains("--schema-location " + missing + ": no folder " + missing);
    Run template =
        run(
            offline(
                    "--schema-location",
                    missing + "/{group}/{kind}_{version}.json",
                    tree.toString())
                .toArray(String[]::new));
    assertThat(template.exit()).isEqualTo(2);
    assertThat(template.err()).contains(": no folder " + missing + "/");
    Run existing =
        run(
            offline("--schema-location", tree + "/{group}/{kind}_{version}.json", tree.toString())
                .toArray(String[]::new));
    assertThat(existing.exit()).as("a folder that exists is searched as before").isZero();
  }

  /**
   * kubeconform's {@code -schema-location default} names its built-in schemas, the embedded ones
   * here: it adds nothing, so a lab on another Kubernetes version still hears that it is checked
   * against 1.34, and a location beside it is searched as before.
   */
  @Test
  void theDefaultSchemaLocationIsTheEmbeddedSchemasAsInKubeconform(
      @TempDir Path tree, @TempDir Path schemas) {
    write(tree, "homelab.yaml", LabFixtures.MINIMAL_CONFIG.replace("\"1.34\"", "\"1.33\""));
    write(
        tree,
        "applications/postgres/configmap.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: postgres-config\n  namespace: data\n"
            + "dat: {}\n");
    write(
        tree,
        "applications/postgres/widget.yaml",
        "apiVersion: widgets.example.com/v1\nkind: Widget\nmetadata:\n  name: postgres-widget\n"
            + "  namespace: data\n");
    write(schemas, "widgets.example.com/widget_v1.json", "{\"required\": [\"spec\"]}");

    Run alone =
        run(
            offline(
                    "--checks",
                    "schema",
                    "--format",
                    "json",
                    "--schema-location",
                    "default",
                    tree.toString())
                .toArray(String[]::new));
    Run withAnother =
        run(
            offline(
                    "--checks",
                    "schema",
                    "--format",
                    "json",
                    "--schema-location",
                    "default",
                    "--schema-location",
                    schemas.toString(),
                    tree.toString())
                .toArray(String[]::new));

    assertThat(alone.exit()).as(alone.err()).isEqualTo(1);
    assertThat(alone.err())
        .isEqualTo(
            "note: "
                + tree.resolve("homelab.yaml")
                + ":4:12: the lab runs Kubernetes 1.33, but its built-in kinds are checked against"
                + " the embedded 1.34 schemas; pass --schema-location with schemas of 1.33 to"
                + " check against those\n");
    assertThat(alone.findings("unknown-field")).hasSize(1);
    assertThat(alone.findings("schema-missing")).hasSize(1);
    assertThat(withAnother.exit()).as(withAnother.err()).isEqualTo(1);
    assertThat(withAnother.err()).isEmpty();
    assertThat(withAnother.findings("unknown-field")).hasSize(1);
    assertThat(withAnother.findings("missing-required-field")).hasSize(1);
    assertThat(withAnother.findings("schema-missing")).isEmpty();
  }

  /** {@code schemas} is also a subcommand's name, and the natural one for a schema folder. */
  @Test
  void aSchemaLocationNamedLikeTheSchemasSubcommandIsTakenAsTheFolder(@TempDir Path tree) {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Run run =
        run(
            offline("--checks", "schema", "--schema-location", "schemas", tree.toString())
                .toArray(String[]::new));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("error: --schema-location schemas: no folder schemas\n");
  }

  @Test
  void aSchemaLocationWithAnUnknownVariableOrNoSchemeItFetchesIsAUsageError(@TempDir Path tree) {
    write(
        tree,
        "w.yaml",
        "apiVersion: widgets.example.com/v1\nkind: Widget\nmetadata:\n  name: a-b\n");
    Run unknown =
        run(
            offline(
                    "--schema-location",
                    "https://example.com/{{ .ResourceKnd }}.json",
                    tree.toString())
                .toArray(String[]::new));
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err())
        .startsWith(
            "error: --schema-location https://example.com/{{ .ResourceKnd }}.json: unknown"
                + " variable `{{ .ResourceKnd }}`; the known ones are {{ .ResourceKind }},")
        .endsWith(", {group}, {kind}, {version}\n");
    Run scheme =
        run(offline("--schema-location", "htp:/x{{", tree.toString()).toArray(String[]::new));
    assertThat(scheme.exit()).isEqualTo(2);
    assertThat(scheme.err())
        .isEqualTo(
            "error: --schema-location htp:/x{{: neither an http:// or https:// URL nor a local"
                + " path\n");
  }

  @Test
  void aLocalSchemaFileThatIsNoJsonObjectIsAUsageErrorNamingItsLine(
      @TempDir Path tree, @TempDir Path schemas) throws Exception {
    write(
        tree,
        "w.yaml",
        "apiVersion: widgets.example.com/v1\nkind: Widget\nmetadata:\n  name: a-b\n");
    Path schema = schemas.resolve("widgets.example.com/widget_v1.json");
    Files.createDirectories(schema.getParent());
    Path report = tree.resolve("report.json");
    String prefix = "error: --schema-location " + schemas + ": " + schema;
    for (List<String> contentAndError :
        List.of(
            List.of(" \n", ": the file is empty, not a JSON schema"),
            List.of("[1, 2]\n", ": a JSON array, not a schema object"),
            List.of(
                "{\n  \"type\": \"object\",\n  \"x\": }\n",
                ":3:8: not valid JSON: Unexpected character ('}' (code 125))"))) {
      Files.writeString(schema, contentAndError.get(0));
      Run run =
          run(
              offline(
                      "--checks",
                      "schema",
                      "--schema-location",
                      schemas.toString(),
                      "--output",
                      "json=" + report,
                      tree.toString())
                  .toArray(String[]::new));
      assertThat(run.exit()).as(run.out()).isEqualTo(2);
      assertThat(run.err()).startsWith(prefix + contentAndError.get(1));
      assertThat(run.err().lines()).hasSize(1);
      assertThat(report).as("no report for a run that stopped").doesNotExist();
    }
  }

  @Test
  void aLocalSchemaFileThatIsNoUsableSchemaOrNotUtf8IsAUsageErrorNamingItsPlace(
      @TempDir Path tree, @TempDir Path schemas) throws Exception {
    write(
        tree,
        "w.yaml",
        "apiVersion: widgets.example.com/v1\nkind: Widget\nmetadata:\n  name: a-b\n");
    Path schema = schemas.resolve("widgets.example.com/widget_v1.json");
    Files.createDirectories(schema.getParent());
    String prefix = "error: --schema-location " + schemas + ": " + schema;
    byte[] notUtf8 = "{\"type\": \"object\",\n \"x\": \"\u00e9\"}\n".getBytes(UTF_8);
    notUtf8[notUtf8.length - 4] = (byte) 0x28;
    for (List<Object> contentAndError :
        List.<List<Object>>of(
            List.<Object>of(
                "{\"type\": 5}".getBytes(UTF_8),
                ":1:10: not a usable JSON schema: `type` must be an array, got integer 5; `type`"
                    + " must be one of \"array\", \"boolean\", \"integer\", \"null\", \"number\","
                    + " \"object\", \"string\", got integer 5\n"),
            List.<Object>of(
                "{\n  \"type\": \"object\",\n  \"required\": \"spec\"\n}".getBytes(UTF_8),
                ":3:15: not a usable JSON schema: `required` must be an array, got string"
                    + " \"spec\"\n"),
            List.<Object>of(
                "{\"$ref\": \"#/$defs/nope\"}".getBytes(UTF_8),
                ":1:10: not a usable JSON schema: `$ref` `#/$defs/nope` does not resolve: the"
                    + " schema has nothing at /$defs/nope\n"),
            List.<Object>of(
                notUtf8, ":2:8: not valid UTF-8: invalid UTF-8 byte 0xC3 at offset 26\n"))) {
      Files.write(schema, (byte[]) contentAndError.get(0));
      Run run =
          run(
              offline(
                      "--checks",
                      "schema",
                      "--schema-location",
                      schemas.toString(),
                      tree.toString())
                  .toArray(String[]::new));
      assertThat(run.exit()).as(run.out()).isEqualTo(2);
      assertThat(run.err()).isEqualTo(prefix + contentAndError.get(1));
    }
    Files.writeString(
        schema,
        "{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"type\": \"object\","
            + " \"required\": [\"spec\"]}");
    Run usable =
        run(
            offline("--checks", "schema", "--schema-location", schemas.toString(), tree.toString())
                .toArray(String[]::new));
    assertThat(usable.out()).as("a schema of another draft is used").contains("`spec`");
    assertThat(usable.exit()).isEqualTo(1);
  }

  /**
   * A schema folder inside the checked tree holds the validator's input, not manifests; one inside
   * a component's folder stays checked, since its Application syncs every JSON file there.
   */
  @Test
  void schemasOfALocationInsideTheTreeAreLeftOutUnlessAComponentSyncsThem(@TempDir Path tree) {
    write(tree, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    write(
        tree,
        "applications/postgres/widget.yaml",
        "apiVersion: widgets.example.com/v1\nkind: Widget\nmetadata:\n  name: postgres-widget\n"
            + "  namespace: data\n");
    Path outside = tree.resolve("schemas");
    Path schema =
        write(outside, "widgets.example.com/widget_v1.json", "{\"required\": [\"spec\"]}");
    Path synced = tree.resolve("infrastructure/traefik/schemas");
    write(synced, "configmap-v1.json", "{\"type\": \"object\"}");

    Run run =
        run(
            offline(
                    "--checks",
                    "schema",
                    "--format",
                    "json",
                    "--schema-location",
                    outside.toString(),
                    "--schema-location",
                    synced.toString(),
                    tree.toString())
                .toArray(String[]::new));

    assertThat(run.err().lines())
        .containsExactly(
            "note: 1 file(s) are schemas of --schema-location "
                + outside
                + ", not manifests, and are not checked as such: "
                + schema);
    assertThat(run.findings("missing-required-field"))
        .singleElement()
        .satisfies(f -> assertThat(f.path("file").asString()).endsWith("widget.yaml"));
    assertThat(run.findings("manifest-missing-type"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.path("file").asString())
                    .endsWith("infrastructure/traefik/schemas/configmap-v1.json"));
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void aCacheDirThatIsAFileIsAUsageError(@TempDir Path tree) {
    Path manifest =
        write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Path report = tree.resolve("report.json");
    for (Path cacheDir : List.of(manifest, manifest.resolve("schemas"))) {
      Run run =
          run(
              "--offline",
              "--cache-dir",
              cacheDir.toString(),
              "--output",
              "json=" + report,
              tree.toString());
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "error: --cache-dir " + cacheDir + ": " + manifest + " is a file, not a folder\n");
      assertThat(report).as("refused before any report is written").doesNotExist();
    }
  }

  /** In a separate JVM, since the default cache folder comes from the environment. */
  /** An offline schema check of {@code tree} in a new JVM, whose environment a test can set. */
  private static List<String> schemaCheckInItsOwnJvm(List<String> jvmOptions, Path tree) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.addAll(
        List.of(ValidatorCli.class.getName(), "--offline", "--checks", "schema", tree.toString()));
    return command;
  }

  @Test
  void aFileInTheWayOfTheDefaultCacheIsOneNoteAndTheRunGoesOn(
      @TempDir Path tree, @TempDir Path home) throws Exception {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Path blocker = Files.writeString(home.resolve("cache"), "not a folder\n");
    List<String> command = schemaCheckInItsOwnJvm(List.of(), tree);

    Commands.Result blocked =
        Commands.run(home, command, Map.of("XDG_CACHE_HOME", blocker.toString()));
    Commands.Result usable =
        Commands.run(home, command, Map.of("XDG_CACHE_HOME", home.resolve("xdg").toString()));

    assertThat(blocked.exit()).as(blocked.output()).isZero();
    assertThat(blocked.output().lines().filter(line -> line.startsWith("note:")))
        .containsExactly(
            "note: the schema cache "
                + blocker.resolve("homelab/schemas")
                + " cannot be made, as "
                + blocker
                + " is a file, not a folder, so nothing is cached between runs; move that file"
                + " away, or pass --cache-dir with another folder");
    assertThat(usable.exit()).as(usable.output()).isZero();
    assertThat(usable.output()).doesNotContain("note:");
  }

  /**
   * The XDG spec makes a relative XDG_CACHE_HOME invalid, so it is ignored for ~/.cache rather than
   * read against whatever folder the run starts in.
   */
  @Test
  void aRelativeXdgCacheHomeIsIgnoredForTheHomeCache(@TempDir Path tree, @TempDir Path home)
      throws Exception {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    // Files in the way of both caches make the run's note say which one it took.
    Files.writeString(home.resolve("relative"), "not a folder\n");
    Path userCache = Files.createDirectory(home.resolve("user")).resolve(".cache");
    Files.writeString(userCache, "not a folder\n");
    List<String> command =
        schemaCheckInItsOwnJvm(List.of("-Duser.home=" + home.resolve("user")), tree);

    Commands.Result run = Commands.run(home, command, Map.of("XDG_CACHE_HOME", "relative"));

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output().lines().filter(line -> line.startsWith("note:")))
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .startsWith("note: the schema cache " + userCache.resolve("homelab/schemas") + " cannot");
  }

  @Test
  void threadsBeyondWhatAPoolTakesAndTwoReportsInOneFileAreUsageErrors(@TempDir Path tree) {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Path report = tree.resolve("report");

    Run threads = run(offline("--threads", "32768", tree.toString()).toArray(String[]::new));
    Run sameFile =
        run(
            offline(
                    "--output",
                    "json=" + report,
                    "--output",
                    "sarif=" + tree.resolve("./report"),
                    tree.toString())
                .toArray(String[]::new));

    assertThat(threads.exit()).isEqualTo(2);
    assertThat(threads.err()).contains("--threads must be between 1 and 32767, not 32768");
    assertThat(sameFile.exit()).isEqualTo(2);
    assertThat(sameFile.err())
        .contains("twice (json and sarif); one report would overwrite the other");
    assertThat(report).doesNotExist();
  }

  @Test
  void explainingAPolicyRuleHereNamesTheCommandThatExplainsIt() {
    Run run = run("--explain", "image-tag-latest");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "`image-tag-latest` is a rule of another of the toolkit's commands, not this one;"
                + " check --explain image-tag-latest explains the rules of both validator and"
                + " policy");
  }

  /** No lab changes the rules a command checks, so a path beside them would be silently unused. */
  @Test
  void listingOrExplainingRulesRefusesPaths() {
    Run listed = run("--list-rules", "gitops");
    Run explained = run("--explain", "name-pattern", "gitops", "-");

    assertThat(listed.exit()).as(listed.err()).isEqualTo(2);
    assertThat(listed.err())
        .isEqualTo(
            "error: --list-rules takes no paths, as the rules a command checks are the same for"
                + " every lab; leave out gitops\n");
    assertThat(listed.out()).isEmpty();
    assertThat(explained.exit()).as(explained.err()).isEqualTo(2);
    assertThat(explained.err())
        .isEqualTo(
            "error: --explain takes no paths, as the rules a command checks are the same for"
                + " every lab; leave out gitops and -\n");
  }

  /**
   * Options that shape a run (which lab, which revision, what fails, how many threads) change
   * nothing in the rules printed, so one given is refused rather than silently unused; those that
   * shape the list (--checks, --format, --no-color) are taken.
   */
  @Test
  void listingOrExplainingRulesRefusesTheOptionsOfARun() {
    Run listed = run("--list-rules", "--fail-on", "warning");
    Run explained =
        run("--explain", "name-pattern", "--base", "main", "--threads", "2", "--config", "x.yaml");
    Run shaped = run("--list-rules", "--checks", "schema", "--no-color", "--format", "json");

    assertThat(listed.exit()).as(listed.err()).isEqualTo(2);
    assertThat(listed.err())
        .isEqualTo(
            "error: --list-rules checks no lab, so --fail-on would change nothing; leave it out\n");
    assertThat(listed.out()).isEmpty();
    assertThat(explained.exit()).as(explained.err()).isEqualTo(2);
    assertThat(explained.err())
        .isEqualTo(
            "error: --explain checks no lab, so --base, --threads and --config would change"
                + " nothing; leave them out\n");
    for (List<String> option :
        List.of(
            List.of("--stdin-name", "a.yaml"),
            List.of("-q"),
            List.of("--timings"),
            List.of("--lab-files-only"),
            List.of("--offline"),
            List.of("--no-catalog"),
            List.of("--require-schemas"),
            List.of("--no-strict"),
            List.of("--schema-location", "."))) {
      List<String> args = new ArrayList<>(List.of("--list-rules"));
      args.addAll(option);
      Run run = run(args.toArray(String[]::new));
      assertThat(run.exit()).as(option + ": " + run.err()).isEqualTo(2);
      assertThat(run.err())
          .as(option.toString())
          .contains(
              "so "
                  + (option.get(0).equals("-q") ? "--quiet" : option.get(0))
                  + " would change nothing");
    }
    assertThat(shaped.exit()).as(shaped.err()).isZero();
    List<String> families = new ArrayList<>();
    shaped.json().forEach(rule -> families.add(rule.path("family").asString()));
    assertThat(families).doesNotContain("conventions").contains("schema");
  }

  /** Rule ids are all lower-case, so an id typed in capitals, as --format takes, names the same. */
  @Test
  void explainTakesARuleIdInAnyCase() {
    Run explained = run("--explain", "Name-PATTERN");
    Run elsewhere = run("--explain", "IMAGE-TAG-LATEST");

    assertThat(explained.exit()).as(explained.err()).isZero();
    assertThat(explained.out()).startsWith("name-pattern (").contains("docs/rules/name-pattern.md");
    assertThat(elsewhere.exit()).isEqualTo(2);
    assertThat(elsewhere.err())
        .contains("`image-tag-latest` is a rule of another of the toolkit's commands");
  }

  @Test
  void rulesAreListedAndExplainedAsJsonWhenAsked() throws Exception {
    Run listed = run("--list-rules", "--format", "json");
    Run explained = run("--explain", "name-pattern", "--format", "JSON");
    Run sarif = run("--list-rules", "--format", "sarif");

    assertThat(listed.exit()).as(listed.err()).isZero();
    JsonNode rules = listed.json();
    assertThat(rules.isArray()).isTrue();
    List<String> ids = new ArrayList<>();
    rules.forEach(rule -> ids.add(rule.path("id").asString()));
    assertThat(ids).contains("name-pattern", "yaml-syntax-error").isSorted();
    assertThat(explained.exit()).as(explained.err()).isZero();
    assertThat(explained.json().path("family").asString()).isEqualTo("conventions");
    assertThat(explained.json().path("help").asString()).endsWith("docs/rules/name-pattern.md");
    assertThat(explained.json().path("remediation").asString()).contains("<app>-<component>");
    assertThat(sarif.exit()).isEqualTo(2);
    assertThat(sarif.err()).contains("--list-rules prints text or json, not sarif");
  }

  @Test
  void listingOrExplainingRulesRefusesAnOutputFileItWouldNotWrite(@TempDir Path tree) {
    Path report = tree.resolve("rules.json");

    Run listed = run("--list-rules", "--output", "json=" + report);
    Run explained = run("--explain", "name-pattern", "--output", "json=" + report);

    assertThat(listed.exit()).as(listed.err()).isEqualTo(2);
    assertThat(listed.err())
        .isEqualTo(
            "error: --list-rules prints on standard output only, so --output json="
                + report
                + " would stay unwritten; redirect standard output instead (--format json >"
                + " FILE)\n");
    assertThat(listed.out()).isEmpty();
    assertThat(explained.exit()).as(explained.err()).isEqualTo(2);
    assertThat(explained.err()).startsWith("error: --explain prints on standard output only");
    assertThat(report).doesNotExist();
  }

  @Test
  void formatNamesAreTakenInAnyCase(@TempDir Path tree) throws Exception {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Path report = tree.resolve("report.sarif");

    Run run =
        run(
            offline("--format", "JSON", "--output", "SARIF=" + report, tree.toString())
                .toArray(String[]::new));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.json().path("summary").isObject()).isTrue();
    assertThat(Files.readString(report)).contains("\"version\" : \"2.1.0\"");
  }

  /**
   * A hook's file list may name a file outside every lab beside a lab file: with --lab-files-only
   * it is left out, and the lab file keeps its whole tree, so references still resolve.
   */
  @Test
  void aFileOutsideTheLabNamedBesideALabFileIsLeftOutWithLabFilesOnly(@TempDir Path scratch)
      throws Exception {
    Path tree = scratch.resolve("repo/gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    Path outside =
        write(
            scratch,
            "outside/cm.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: scratch\n  namespace: default\n");

    Run run =
        run(
            offline(
                    "--lab-files-only",
                    tree.resolve("applications/nginx/deployment.yaml").toString(),
                    outside.toString())
                .toArray(String[]::new));

    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).doesNotContain("reference-not-found").contains("0 errors");
    assertThat(run.err()).contains("1 named path(s) lie outside the lab's tree", "cm.yaml");
  }

  /**
   * A namespace whose Namespace object is gone is reported at its entry in homelab.yaml when the
   * whole tree is checked; a run over a file or folder of the tree (as a pre-commit hook runs)
   * reports only on what it names, so it stays clean.
   */
  @Test
  void aNamespaceWithoutItsNamespaceObjectIsReportedAtItsEntryInHomelabYaml(@TempDir Path scratch)
      throws Exception {
    Path tree = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    Files.delete(tree.resolve("infrastructure/namespaces/namespace-ml.yaml"));

    Run whole = run(offline("--format", "json", tree.toString()).toArray(String[]::new));

    assertThat(whole.exit()).as(whole.out()).isEqualTo(1);
    List<JsonNode> missing = whole.findings("namespace-object-missing");
    assertThat(missing).as(whole.out()).hasSize(1);
    assertThat(missing.get(0).path("file").asString()).endsWith("gitops/homelab.yaml");
    assertThat(missing.get(0).path("line").asInt())
        .isEqualTo(lineOf(Trees.read(tree.resolve("homelab.yaml")), "- name: ml"));
    assertThat(missing.get(0).path("message").asString())
        .isEqualTo(
            "namespace `ml` has no Namespace object in the tree, and its Applications sync with"
                + " CreateNamespace=false, so Argo CD cannot create it");
    for (Path named :
        List.of(tree.resolve("applications/ollama/pvc.yaml"), tree.resolve("applications"))) {
      Run part = run(offline("--format", "json", named.toString()).toArray(String[]::new));
      assertThat(part.exit()).as(part.out()).isZero();
    }
  }

  /**
   * A namespace whose ResourceQuota is gone is reported at its entry in homelab.yaml. A run over
   * named files (a pre-commit hook names only the staged ones) loads the tree around them, so a
   * quota in a file it does not name still counts, and the finding shows only when homelab.yaml is
   * named.
   */
  @Test
  void aNamespaceWithoutItsResourceQuotaIsReportedAtItsEntryOnlyWhenItIsMissing(
      @TempDir Path scratch) throws Exception {
    Path tree = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    Path config = tree.resolve("homelab.yaml");

    Run present = run(offline("--format", "json", config.toString()).toArray(String[]::new));
    assertThat(present.findings("namespace-limits-missing")).as(present.out()).isEmpty();

    Files.delete(tree.resolve("applications/ml-boundary/resourcequota.yaml"));
    Run whole = run(offline("--format", "json", tree.toString()).toArray(String[]::new));
    Run named = run(offline("--format", "json", config.toString()).toArray(String[]::new));
    Run other =
        run(
            offline("--format", "json", tree.resolve("applications/ollama").toString())
                .toArray(String[]::new));

    for (Run run : List.of(whole, named)) {
      assertThat(run.exit()).as(run.out()).isZero();
      List<JsonNode> missing = run.findings("namespace-limits-missing");
      assertThat(missing).as(run.out()).hasSize(1);
      assertThat(missing.get(0).path("file").asString()).endsWith("gitops/homelab.yaml");
      assertThat(missing.get(0).path("line").asInt())
          .isEqualTo(lineOf(Trees.read(config), "- name: ml"));
      assertThat(missing.get(0).path("message").asString())
          .isEqualTo(
              "namespace `ml` has no ResourceQuota in the tree, though its profile `inference`"
                  + " states a quota, so the cluster does not hold it to the profile");
    }
    assertThat(other.findings("namespace-limits-missing")).as(other.out()).isEmpty();
  }

  /**
   * A file checked with the lab's config but without its tree (named outside it with --config, or
   * piped in unnamed) cannot tell which Namespace objects the tree holds, so it concludes nothing
   * about them.
   */
  @Test
  void aFileCheckedWithoutItsTreeConcludesNoNamespaceObjectIsMissing(@TempDir Path scratch)
      throws Exception {
    Path tree = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    String configMap = Trees.read(tree.resolve("applications/nginx/configmap.yaml"));
    Path outside = write(scratch, "outside/configmap.yaml", configMap);
    String config = tree.resolve("homelab.yaml").toString();

    Run named =
        run(
            offline("--format", "json", "--config", config, outside.toString())
                .toArray(String[]::new));
    Run piped =
        StandardInputs.piped(
            configMap.getBytes(UTF_8),
            () -> run(offline("--format", "json", "--config", config, "-").toArray(String[]::new)));

    assertThat(named.findings("namespace-object-missing")).as(named.out()).isEmpty();
    assertThat(piped.findings("namespace-object-missing")).as(piped.out()).isEmpty();
  }

  /**
   * A manifest dropped directly into a layer folder is deployed by no Application: a warning at its
   * first line naming its object, and nothing in a run over another file of the tree.
   */
  @Test
  void aManifestOutsideEveryComponentIsAWarningAtItsFirstLine(@TempDir Path scratch)
      throws Exception {
    Path tree = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    Path stray =
        Files.move(
            tree.resolve("applications/nginx/configmap.yaml"),
            tree.resolve("applications/nginx-configmap.yaml"));

    Run whole = run(offline("--format", "json", tree.toString()).toArray(String[]::new));
    Run other =
        run(
            offline("--format", "json", tree.resolve("applications/nginx/service.yaml").toString())
                .toArray(String[]::new));

    List<JsonNode> outside = whole.findings("manifest-outside-component");
    assertThat(outside).as(whole.out()).hasSize(1);
    assertThat(outside.get(0).path("severity").asString()).isEqualTo("warning");
    assertThat(outside.get(0).path("file").asString())
        .endsWith("gitops/applications/nginx-configmap.yaml");
    assertThat(outside.get(0).path("line").asInt()).isEqualTo(1);
    assertThat(outside.get(0).path("message").asString())
        .isEqualTo(
            "the file lies outside every component's folder in homelab.yaml, so no Application"
                + " deploys ConfigMap `nginx-config`");
    assertThat(Trees.read(stray)).contains("kind: ConfigMap");
    assertThat(other.findings("manifest-outside-component")).as(other.out()).isEmpty();
  }

  /** Helm values under another name are read as a manifest; the error says what they may be. */
  @Test
  void helmValuesUnderAnotherNameAreToldHowToNameThem(@TempDir Path scratch) throws Exception {
    Path tree = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    Path component = tree.resolve("applications/paperless");
    Files.move(component.resolve("values-homelab.yaml"), component.resolve("values.yaml"));

    Run run = run(offline("--format", "json", tree.toString()).toArray(String[]::new));

    assertThat(run.findings("manifest-missing-type"))
        .singleElement()
        .extracting(f -> f.path("message").asString())
        .isEqualTo(
            "document 1 has no `apiVersion` and `kind`; if these are Helm values, name the file"
                + " values-homelab.yaml or list it under its component's `values` in homelab.yaml");
  }

  /** A folder with nothing to check passes, as kubeconform's does, but says why it passed. */
  @Test
  void aFolderWithoutYamlSaysNothingWasChecked(@TempDir Path tree) {
    write(tree, "README.md", "# notes\n");

    Run run = run(offline(tree.toString()).toArray(String[]::new));

    assertThat(run.exit()).isZero();
    assertThat(run.err())
        .isEqualTo("note: no .yaml or .yml file under the checked paths, so nothing was checked\n");
    assertThat(run.out()).contains("in 0 files and 0 resources");
  }

  @Test
  void aTreeWithoutHomelabYamlSaysTheConventionsWereNotChecked(@TempDir Path tree) {
    write(tree, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Run defaults = run(offline(tree.toString()).toArray(String[]::new));
    assertThat(defaults.exit()).isZero();
    assertThat(defaults.err())
        .contains(
            "note: no homelab.yaml above the checked paths, so the lab's conventions were not checked");
    Run schemaOnly = run(offline("--checks", "schema", tree.toString()).toArray(String[]::new));
    assertThat(schemaOnly.err()).as("nothing left out that was asked for").isEmpty();
    write(tree, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    assertThat(run(offline(tree.toString()).toArray(String[]::new)).err()).doesNotContain("note:");
  }

  /**
   * The embedded schemas are Kubernetes 1.34: a lab on another version hears so, and the schemas it
   * passes with --schema-location come before the embedded ones (after them on 1.34).
   */
  @Test
  void aLabOnAnotherKubernetesVersionIsToldAndItsOwnSchemasComeFirst(@TempDir Path tree) {
    write(tree, "homelab.yaml", LabFixtures.MINIMAL_CONFIG.replace("\"1.34\"", "\"1.33\""));
    write(
        tree,
        "applications/postgres/configmap.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: postgres-config\n  namespace: data\n");
    Path schemas =
        write(
                tree.resolveSibling(tree.getFileName() + "-schemas"),
                "configmap-v1.json",
                "{\"type\": \"object\", \"required\": [\"immutable\"]}")
            .getParent();

    Run embedded = run(offline("--checks", "schema", tree.toString()).toArray(String[]::new));
    Run own =
        run(
            offline("--checks", "schema", "--schema-location", schemas.toString(), tree.toString())
                .toArray(String[]::new));
    write(tree, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    Run current =
        run(
            offline("--checks", "schema", "--schema-location", schemas.toString(), tree.toString())
                .toArray(String[]::new));

    assertThat(embedded.exit()).as(embedded.out()).isZero();
    assertThat(embedded.err())
        .contains(
            "note: "
                + tree.resolve("homelab.yaml")
                + ":4:12: the lab runs Kubernetes 1.33, but its built-in kinds are checked against"
                + " the embedded 1.34 schemas; pass --schema-location with schemas of 1.33 to"
                + " check against those");
    assertThat(own.err()).doesNotContain("note:");
    assertThat(own.out()).contains("is missing required field `immutable`");
    assertThat(own.exit()).isEqualTo(1);
    assertThat(current.err()).doesNotContain("note:");
    assertThat(current.exit()).as(current.out()).isZero();
  }

  @Test
  void rulesThatConcludeFromAbsenceWaitUntilEveryFileLoads(@TempDir Path tree) {
    write(tree, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    write(
        tree,
        "infrastructure/traefik/service.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: traefik-echo\n  namespace: kube-system\n"
            + "spec:\n  selector:\n    app: echo\n  ports:\n    - port: 80\n");
    String[] args = offline("--format", "json", tree.toString()).toArray(String[]::new);
    assertThat(run(args).findings("selector-mismatch")).as("no pod has the labels").hasSize(1);
    // The pods may be in a file that does not parse; calling them missing would be a guess.
    write(
        tree,
        "infrastructure/traefik/deployment.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: traefik-echo\n"
            + "  labels: [app\n");
    Run broken = run(args);
    assertThat(broken.findings("yaml-syntax-error")).hasSize(1);
    assertThat(broken.findings("selector-mismatch")).isEmpty();
  }

  @Test
  void failOnWarningTurnsWarningsIntoAFailure(@TempDir Path tree) {
    write(
        tree,
        "w.yaml",
        "apiVersion: widgets.example.com/v1\nkind: Widget\nmetadata:\n  name: a-b\n");
    assertThat(run(offline(tree.toString()).toArray(String[]::new)).exit()).isZero();
    assertThat(run(offline("--fail-on", "warning", tree.toString()).toArray(String[]::new)).exit())
        .isEqualTo(1);
    Run quiet =
        run(offline("--quiet", "--fail-on", "warning", tree.toString()).toArray(String[]::new));
    assertThat(quiet.out()).doesNotContain("no schema for");
    assertThat(quiet.exit()).isEqualTo(1);
    // The warning that fails the run is still counted, so the summary explains the exit code.
    assertThat(quiet.out()).contains("0 errors, 1 warning (not shown: --quiet), 0 info");
  }

  @Test
  void schemasExportWritesKubeconformLayout(@TempDir Path dir) throws Exception {
    Run run = run("schemas", "export", dir.toString());
    assertThat(run.exit()).isZero();
    Path folder = dir.resolve("v1.34.0-standalone-strict");
    assertThat(folder.resolve("deployment-apps-v1.json")).isRegularFile();
    assertThat(folder.resolve("service-v1.json")).isRegularFile();
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.count()).isGreaterThan(75);
    }
  }

  @Test
  void schemasExportWhereNoFolderCanBeMadeIsAUsageErrorNotAnInternalOne() {
    // Even root cannot make a folder inside /proc, so this fails on any Linux machine.
    Path proc = Path.of("/proc/self");
    Assumptions.assumeTrue(Files.isDirectory(proc), "needs Linux's /proc");
    Run run = run("schemas", "export", proc.resolve("schemas").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("error: schemas export " + proc.resolve("schemas") + ": cannot write ")
        .containsPattern("; 0 of \\d+ files were written\n$")
        .doesNotContain("internal error", "Exception");
  }

  @Test
  void schemasExportOntoAFileInTheWayIsAUsageErrorThatWritesNothing(@TempDir Path dir)
      throws Exception {
    Path blocker = Files.writeString(dir.resolve("schemas"), "not a folder");
    Run onFile = run("schemas", "export", blocker.toString());
    assertThat(onFile.exit()).isEqualTo(2);
    assertThat(onFile.err())
        .isEqualTo(
            "error: schemas export "
                + blocker
                + ": "
                + blocker
                + " is a file, not a folder; nothing was written\n");
    // A file where a CRD group's folder goes is found before the Kubernetes schemas are written.
    Path export = Files.createDirectory(dir.resolve("export"));
    Files.writeString(export.resolve("argoproj.io"), "in the way");
    Run group = run("schemas", "export", export.toString());
    assertThat(group.exit()).isEqualTo(2);
    assertThat(group.err())
        .contains(export.resolve("argoproj.io") + " is a file, not a folder")
        .doesNotContain("internal error");
    try (Stream<Path> written = Files.list(export)) {
      assertThat(written.map(p -> p.getFileName().toString())).containsExactly("argoproj.io");
    }
  }

  /**
   * A manifest piped in as a file of the lab (an editor's buffer, or rendered output) is checked
   * with the lab around it: a port name that only the lab's Deployment could declare is found
   * missing, and the file on disk is left as it is.
   */
  @Test
  void standardInputNamedAsAFileOfTheLabIsCheckedInTheLabsContext(@TempDir Path repo)
      throws Exception {
    Path service = committedLab(repo).resolve("applications/nginx/service.yaml");
    String text = Trees.read(service);
    String broken = text.replace("targetPort: http\n", "targetPort: htp\n");
    assertThat(broken).isNotEqualTo(text);
    Run run =
        StandardInputs.piped(
            broken.getBytes(UTF_8),
            () ->
                run(
                    offline("--format", "json", "--stdin-name", service.toString(), "-")
                        .toArray(String[]::new)));

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.json().at("/findings").size()).as(run.out()).isEqualTo(1);
    JsonNode finding = run.json().at("/findings/0");
    assertThat(finding.get("rule").asString()).isEqualTo("named-port-not-found");
    assertThat(finding.get("file").asString()).isEqualTo("gitops/applications/nginx/service.yaml");
    assertThat(finding.get("line").asInt()).isEqualTo(lineOf(broken, "targetPort: htp"));
    assertThat(Trees.read(service)).isEqualTo(text);
  }

  /**
   * --base compares the revision with the files on disk, so a rename piped in as a file of the lab
   * would go unseen there: the two together are refused instead of checked in half.
   */
  @Test
  void standardInputNamedAsAFileOfTheLabRefusesABaseRevision(@TempDir Path repo) throws Exception {
    Path service = committedLab(repo).resolve("applications/nginx/service.yaml");
    String renamed = Trees.read(service).replace("name: nginx-proxy\n", "name: nginx-prox\n");
    Run run =
        StandardInputs.piped(
            renamed.getBytes(UTF_8),
            () ->
                run(
                    offline("--base", "HEAD", "--stdin-name", service.toString(), "-")
                        .toArray(String[]::new)));

    assertThat(run.exit()).as(run.out()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "--base compares the files on disk with the revision, so it cannot take standard"
                + " input (-) checked as a file of the lab; save the file and name it instead");
  }

  /**
   * A kustomization piped in without a name is read as kustomization.yaml is: kustomize consumes it
   * and never applies it, so it is no object to label, place in a namespace or match to a schema.
   */
  @ParameterizedTest
  @CsvSource({"v1beta1, Kustomization", "v1alpha1, Component"})
  void aKustomizationPipedInWithoutANameIsCheckedAsKustomizationYamlIs(
      String version, String kind, @TempDir Path scratch) throws Exception {
    String kustomization =
        "apiVersion: kustomize.config.k8s.io/"
            + version
            + "\nkind: "
            + kind
            + "\nresources:\n  - deployment.yaml\n";
    Path named = scratch.resolve("app/kustomization.yaml");

    Run unnamed =
        StandardInputs.piped(
            kustomization.getBytes(UTF_8),
            () -> run(offline("--format", "json", "-").toArray(String[]::new)));
    Run asFile =
        StandardInputs.piped(
            kustomization.getBytes(UTF_8),
            () ->
                run(
                    offline("--format", "json", "--stdin-name", named.toString(), "-")
                        .toArray(String[]::new)));

    assertThat(asFile.exit()).as(asFile.err() + asFile.out()).isZero();
    assertThat(unnamed.exit()).as(unnamed.err() + unnamed.out()).isZero();
    assertThat(unnamed.json().path("findings").size()).as(unnamed.out()).isZero();
  }

  /** A Kubernetes object piped in beside a kustomization is still checked as one. */
  @Test
  void anObjectPipedInBesideAKustomizationIsStillChecked() throws Exception {
    String stream =
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n---\n"
            + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: piped\n";

    Run run =
        StandardInputs.piped(
            stream.getBytes(UTF_8),
            () -> run(offline("--format", "json", "-").toArray(String[]::new)));

    assertThat(run.exit()).as(run.err() + run.out()).isEqualTo(1);
    assertThat(run.json().path("findings").valueStream().map(f -> f.path("line").asInt()))
        .as(run.out())
        .isNotEmpty()
        .allMatch(line -> line >= 4);
  }

  @Test
  void helpListsTheExitCodes() {
    Run run = run("--help");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Exit codes:").contains("2  usage or configuration error");
  }

  private static int lineOf(String text, String needle) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError(needle + " not found");
  }
}
