package dev.homelab.core.config;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.homelab.core.testing.LabFixtures;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConfigLoaderTest {

  @TempDir Path root;

  private HomeLabConfig load(String text) throws ConfigException {
    return ConfigLoader.load(write(root, "homelab.yaml", text), root);
  }

  private List<String> problems(String text) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(text));
    assertThat(e).as("expected the config to be refused").isNotNull();
    return e.problems().stream().map(ConfigException.Problem::toString).toList();
  }

  @Test
  void loadsTheLabAndAppliesDefaults() throws Exception {
    HomeLabConfig config = load(LabFixtures.MINIMAL_CONFIG);
    HomeLab lab = config.lab();
    assertThat(lab.domain()).isEqualTo("home.example.com");
    assertThat(lab.routing().entryPoint()).isEqualTo("websecure");
    assertThat(lab.routing().clusterIssuer()).isEqualTo("letsencrypt-production");
    assertThat(lab.storage().defaultClass()).isEqualTo("nfs-client");
    assertThat(lab.generatedPath()).isEqualTo("argocd");
    assertThat(lab.profiles().get("small").limitRange().defaults()).containsEntry("cpu", "500m");
    assertThat(config.namespace("data").orElseThrow().clusterResources()).isFalse();
    assertThat(config.componentAt("applications/postgres/values-homelab.yaml").orElseThrow().name())
        .isEqualTo("postgres");
    assertThat(config.componentAt("applications/other/x.yaml")).isEmpty();
    assertThat(config.resolvedJson().at("/routing/entryPoint").stringValue())
        .isEqualTo("websecure");
    assertThat(config.resolvedJson().at("/profiles/small/limitRange/default/cpu").stringValue())
        .isEqualTo("500m");
  }

  @Test
  void schemaErrorsPointAtTheOffendingNode() {
    String text =
        LabFixtures.MINIMAL_CONFIG
            .replace("domain: home.example.com", "domain: home.example.com\ndomian: typo")
            .replace("  version: \"1.34\"", "  version: 1.34");
    assertThat(problems(text))
        .containsExactly(
            "homelab.yaml:3:1: unknown field `domian`",
            "homelab.yaml:5:12: `kubernetes.version` must be a string, got number 1.34; put it in"
                + " quotes to keep it as written, since YAML reads an unquoted 1.10 or yes as a number"
                + " or a boolean");
  }

  @Test
  void problemsComeInTheOrderOfTheirLines() {
    // A component pasted under the wrong section: its keys are read top to bottom.
    String text =
        LabFixtures.MINIMAL_CONFIG.replace(
            "routing:\n", "routing:\n  path: applications/web\n  chart: web\n");
    assertThat(problems(text))
        .containsExactly(
            "homelab.yaml:15:3: unknown field `routing.path`",
            "homelab.yaml:16:3: unknown field `routing.chart`");
  }

  @Test
  void anUnknownFieldNextToAKnownOneGetsAHint() {
    String text =
        LabFixtures.MINIMAL_CONFIG.replace("routing:\n", "routing:\n  clusterIsuer: letsencrypt\n");
    assertThat(text).contains("clusterIsuer");
    assertThat(problems(text))
        .containsExactly(
            "homelab.yaml:15:3: unknown field `routing.clusterIsuer` (did you mean `clusterIssuer`?)");
  }

  @Test
  void aBadNetworkIsReportedAtItsValue() {
    String text = LabFixtures.MINIMAL_CONFIG.replace("lan: 192.168.2.0/24", "lan: 192.168.2.0/33");
    assertThat(problems(text))
        .containsExactly("homelab.yaml:10:8: `192.168.2.0/33` has a prefix length outside 0-32");
    assertThat(
            problems(
                LabFixtures.MINIMAL_CONFIG.replace(
                    "tailscale: 100.64.0.0/10", "tailscale: 100.64.0.0/40")))
        .containsExactly("homelab.yaml:11:14: `100.64.0.0/40` has a prefix length outside 0-32");
  }

  /** A value the schema checks with a regular expression is told what it must be, in words. */
  @Test
  void aValueOfTheWrongFormSaysWhatItMustBeRatherThanQuotingTheExpression() {
    String text =
        LabFixtures.MINIMAL_CONFIG
            .replace("domain: home.example.com", "domain: Home_Lab.example")
            .replace("    path: infrastructure/traefik\n", "    path: ../traefik\n");
    assertThat(text).contains("../traefik");
    assertThat(problems(text))
        .containsExactly(
            "homelab.yaml:2:9: `domain` must be a lowercase DNS name with at least one dot, such as"
                + " home.example.com, got string \"Home_Lab.example\"",
            "homelab.yaml:43:11: `components[0].path` must not have a `..` step, got"
                + " string \"../traefik\"");
  }

  /**
   * The generator owns generatedPath and deletes what it generated there, so the lab's own folder,
   * or one outside it, would hand it files it must not own.
   */
  @Test
  void aGeneratedPathThatIsTheLabsFolderOrLeavesItIsRefusedAtItsValue() {
    String line = "homelab.yaml:" + (LabFixtures.MINIMAL_CONFIG.lines().count() + 1) + ":16: ";
    for (String path : List.of(".", "./", "././", ".//")) {
      assertThat(problems(LabFixtures.MINIMAL_CONFIG + "generatedPath: \"" + path + "\"\n"))
          .as(path)
          .containsExactly(
              line
                  + "`generatedPath` must name a folder inside the lab's, not the lab's own"
                  + " folder (.), got string \""
                  + path
                  + "\"");
    }
    for (String path : List.of("..", "../argocd", "argocd/../..")) {
      assertThat(problems(LabFixtures.MINIMAL_CONFIG + "generatedPath: \"" + path + "\"\n"))
          .as(path)
          .singleElement(InstanceOfAssertFactories.STRING)
          .startsWith(line + "`generatedPath` must not have a `..` step");
    }
    assertThat(problems(LabFixtures.MINIMAL_CONFIG + "generatedPath: /srv/argocd\n"))
        .singleElement(InstanceOfAssertFactories.STRING)
        .startsWith(line + "`generatedPath` must be a relative path");
  }

  /**
   * A component whose folder is the lab's own would sync homelab.yaml, the generated Applications
   * and every other component a second time.
   */
  @Test
  void aComponentPathThatIsTheLabsFolderIsRefusedAtItsValue() {
    String config = LabFixtures.MINIMAL_CONFIG.replace("path: infrastructure/traefik", "path: ./");
    int line =
        (int)
                LabFixtures.MINIMAL_CONFIG
                    .lines()
                    .takeWhile(l -> !l.contains("path: infrastructure/traefik"))
                    .count()
            + 1;
    assertThat(problems(config))
        .containsExactly(
            "homelab.yaml:"
                + line
                + ":11: `components[0].path` must name a folder inside the lab's, not the lab's"
                + " own folder (.), got string \"./\"");
  }

  /**
   * The validator and the generator each look a component's folder up by its path as written, so an
   * empty or `.` step made one say the files belong to no component and the other say the component
   * has no files.
   */
  @Test
  void aComponentPathWithAnEmptyOrDotStepIsRefusedAtItsValue() throws Exception {
    int line =
        (int)
                LabFixtures.MINIMAL_CONFIG
                    .lines()
                    .takeWhile(l -> !l.contains("path: infrastructure/traefik"))
                    .count()
            + 1;
    for (String path :
        List.of(
            "infrastructure//traefik",
            "infrastructure/./traefik",
            "./infrastructure/./traefik",
            ".//infrastructure/traefik",
            "infrastructure/traefik//",
            "infrastructure/traefik/.")) {
      assertThat(
              problems(
                  LabFixtures.MINIMAL_CONFIG.replace(
                      "path: infrastructure/traefik", "path: " + path)))
          .as(path)
          .containsExactly(
              "homelab.yaml:"
                  + line
                  + ":11: `components[0].path` must not have an empty step (//) or a `.` step past a"
                  + " leading ./, got"
                  + " string \""
                  + path
                  + "\"");
    }
    assertThat(
            load(LabFixtures.MINIMAL_CONFIG.replace(
                    "path: infrastructure/traefik", "path: infrastructure/traefik/"))
                .componentAt("infrastructure/traefik/deployment.yaml"))
        .map(HomeLab.Component::name)
        .contains("traefik");
  }

  /**
   * Operators and Argo CD write relative paths with a leading ./, so every path field takes one (or
   * several) and means the same folder as without it.
   */
  @Test
  void aLeadingDotSlashInAPathFieldIsTheSameFolderAsWithoutIt() throws Exception {
    String plain =
        LabFixtures.MINIMAL_CONFIG
            + """
            generatedPath: argocd/lab
            docsPath: ../docs
            exemptions:
              - rule: image-tag-latest
                file: applications/*.yaml
                reason: the lab's own images
            """;
    String dotted =
        plain
            .replace("path: gitops", "path: ./gitops")
            .replace("path: infrastructure/traefik", "path: ././infrastructure/traefik")
            .replace("generatedPath: argocd/lab", "generatedPath: ./argocd/lab")
            .replace("docsPath: ../docs", "docsPath: ./../docs")
            .replace("file: applications/*.yaml", "file: ./applications/*.yaml");
    assertThat(dotted).isNotEqualTo(plain);
    HomeLab expected = load(plain).lab();
    HomeLabConfig config = load(dotted);
    assertThat(config.lab()).isEqualTo(expected);
    assertThat(config.componentAt("infrastructure/traefik/deployment.yaml"))
        .map(HomeLab.Component::name)
        .contains("traefik");
    assertThat(load(plain.replace("path: gitops", "path: ./")).lab().git().path()).isEqualTo("./");
  }

  /**
   * Loki reads logRetention with its own units, not Go's, which lack days and weeks: the schema's
   * words and examples say what the loader takes.
   */
  @Test
  void logRetentionTakesWholeHoursDaysOrWeeksAsTheSchemaSays() throws Exception {
    JsonNode property =
        JsonMapper.builder()
            .build()
            .readTree(ConfigLoader.schemaText())
            .at("/properties/observability/properties/logRetention");
    assertThat(property.get("description").asString())
        .doesNotContain("Go duration")
        .contains("168h, 7d or 1w");
    assertThat(property.get("examples")).isNotEmpty();
    for (JsonNode example : property.get("examples")) {
      String value = example.asString();
      assertThat(
              load(LabFixtures.MINIMAL_CONFIG + "observability: {logRetention: " + value + "}\n")
                  .lab()
                  .observability()
                  .logRetention())
          .isEqualTo(value);
    }
    for (String value : List.of("1h30m", "7 days", "P7D", "90m")) {
      assertThat(
              problems(
                  LabFixtures.MINIMAL_CONFIG + "observability: {logRetention: " + value + "}\n"))
          .as(value)
          .singleElement(InstanceOfAssertFactories.STRING)
          .contains("must be whole hours, days or weeks, such as 168h, 7d or 1w");
    }
  }

  /** Found by fuzzing: a number beyond int once reached the binder and stopped the run. */
  @Test
  void aRetryLimitBeyondIntIsASchemaProblem() {
    String text =
        LabFixtures.MINIMAL_CONFIG.replace(
            "    path: monitoring/prometheus\n",
            "    path: monitoring/prometheus\n    sync: {retryLimit: 99999999999}\n");
    assertThat(text).contains("retryLimit");
    assertThat(problems(text))
        .singleElement()
        .asString()
        .contains("retryLimit")
        .contains("2147483647");
  }

  @Test
  void missingRequiredFieldPointsAtItsParent() {
    String text = LabFixtures.MINIMAL_CONFIG.replace("  revision: main\n", "");
    assertThat(problems(text))
        .containsExactly("homelab.yaml:5:1: `git` is missing required field `revision`");
  }

  @Test
  void crossReferencesAreCheckedWithPositions() {
    String text =
        LabFixtures.MINIMAL_CONFIG
            .replace("dependsOn: [traefik]", "dependsOn: [trafik]")
            .replace(
                "  - name: monitoring\n    layer: monitoring",
                "  - name: monitoring\n    layer: observability");
    assertThat(problems(text))
        .containsExactly(
            "homelab.yaml:38:12: layer `observability` is not one of the layers [infrastructure, monitoring, applications]",
            "homelab.yaml:51:17: `postgres` depends on unknown component `trafik` (did you mean"
                + " `traefik`?)");
  }

  @Test
  void aMisspeltNamespaceOrProfileNamesTheOneItProbablyMeans() {
    String text =
        LabFixtures.MINIMAL_CONFIG
            .replace("namespace: monitoring\n", "namespace: monitorng\n")
            .replace(
                "layer: monitoring\n    profile: small", "layer: monitoring\n    profile: smal");
    assertThat(problems(text))
        .containsExactly(
            "homelab.yaml:39:14: profile `smal` is not defined (did you mean `small`?)",
            "homelab.yaml:53:16: namespace `monitorng` is not declared under namespaces (did you"
                + " mean `monitoring`?)");
  }

  /** A LAN that does not parse leaves the other network values to be checked all the same. */
  @Test
  void everyBadNetworkValueIsReportedAtOnce() {
    String text =
        LabFixtures.MINIMAL_CONFIG
            .replace("lan: 192.168.2.0/24", "lan: 192.168.2.0/33")
            .replace("tailscale: 100.64.0.0/10", "tailscale: 100.64.0.0/40")
            .replace("- 192.168.2.240-192.168.2.250", "- 192.168.2.250-192.168.2.240");
    assertThat(problems(text))
        .containsExactly(
            "homelab.yaml:10:8: `192.168.2.0/33` has a prefix length outside 0-32",
            "homelab.yaml:11:14: `100.64.0.0/40` has a prefix length outside 0-32",
            "homelab.yaml:13:7: address range 192.168.2.250-192.168.2.240 ends before it starts");
  }

  /** The later declaration is the one refused, and the message says where the first one is. */
  @Test
  void aNameDeclaredTwiceIsRefusedAtTheSecondAndNamesTheFirstsLine() {
    String text =
        LabFixtures.MINIMAL_CONFIG.replace(
                "  - name: monitoring\n",
                "  - name: data\n    layer: applications\n    profile: small\n"
                    + "  - name: monitoring\n")
            + "  - name: traefik\n"
            + "    namespace: data\n"
            + "    path: applications/other\n";
    assertThat(problems(text))
        .containsExactly(
            "homelab.yaml:37:11: namespace `data` is declared twice, first at line 33",
            "homelab.yaml:62:11: component `traefik` is declared twice, first at line 44");
  }

  /** A list whose items must differ is refused at the repeat, not at the list. */
  @Test
  void aRepeatedListItemIsRefusedAtTheRepeat() {
    String text =
        LabFixtures.MINIMAL_CONFIG
            .replace("dependsOn: [traefik]", "dependsOn: [traefik, traefik]")
            .replace(
                "layers: [infrastructure, monitoring, applications]",
                "layers:\n  - infrastructure\n  - monitoring\n  - infrastructure");
    assertThat(problems(text))
        .containsExactly(
            "homelab.yaml:21:5: `layers[2]` repeats `layers[0]`, string \"infrastructure\"; list"
                + " each item once",
            "homelab.yaml:54:26: `components[1].dependsOn[1]` repeats"
                + " `components[1].dependsOn[0]`, string \"traefik\"; list each item once");
  }

  /**
   * Like a cycle between namespaces, a cycle between components is refused at the dependsOn entry
   * that, read top to bottom, closes it, and the chain ends with that entry.
   */
  @Test
  void aDependencyCycleIsRefusedAtTheEntryThatClosesIt() {
    String text =
        LabFixtures.MINIMAL_CONFIG.replace(
                "    path: infrastructure/traefik\n",
                "    path: infrastructure/traefik\n    dependsOn: [prometheus]\n")
            + "    dependsOn:\n"
            + "      - postgres\n";
    assertThat(problems(text))
        .containsExactly(
            "homelab.yaml:61:9: dependency cycle: postgres → traefik → prometheus → postgres");
    String second =
        LabFixtures.MINIMAL_CONFIG
            .replace(
                "    path: infrastructure/traefik\n",
                "    path: infrastructure/traefik\n    dependsOn: [postgres]\n")
            .replace("dependsOn: [traefik]", "dependsOn: [prometheus, traefik]");
    assertThat(problems(second))
        .containsExactly("homelab.yaml:52:29: dependency cycle: traefik → postgres → traefik");
  }

  /**
   * No component depends on itself through others here, but kube-system waits for data and data for
   * kube-system, so their Applications have no sync order; the error is at the entry that, read top
   * to bottom, closes the cycle.
   */
  @Test
  void aCycleBetweenNamespacesIsRefusedAtTheEntryThatClosesIt() {
    String text =
        LabFixtures.MINIMAL_CONFIG
            + "  - name: exporter\n"
            + "    namespace: kube-system\n"
            + "    path: infrastructure/exporter\n"
            + "    dependsOn: [postgres]\n";
    assertThat(problems(text))
        .containsExactly(
            "homelab.yaml:62:17: namespaces depend on each other in a cycle, so they have no sync"
                + " order: data → kube-system → data (data/postgres depends on kube-system/traefik;"
                + " kube-system/exporter depends on data/postgres)");
  }

  /**
   * The generator names a namespace's Application namespace-NAME and the root one NAME-root, and
   * the root and namespace Applications use Argo CD's own project `default`: entries whose objects
   * would share a name are refused at the later one, which names the line of the earlier.
   */
  @Test
  void entriesWhoseGeneratedObjectsWouldShareANameAreRefused() {
    String clashes =
        LabFixtures.MINIMAL_CONFIG.replace(
                "  - name: monitoring\n",
                "  - name: default\n    layer: applications\n    profile: small\n"
                    + "  - name: monitoring\n")
            + "  - name: namespace-data\n"
            + "    namespace: data\n"
            + "    path: applications/other\n"
            + "  - name: home-lab-root\n"
            + "    namespace: monitoring\n"
            + "    path: monitoring/root\n"
            + "  - name: web\n"
            + "    namespace: default\n"
            + "    path: applications/web\n";
    assertThat(problems(clashes))
        .containsExactly(
            "homelab.yaml:37:11: namespace `default` would get an AppProject named `default`,"
                + " which would replace Argo CD's built-in project that the root and namespace"
                + " Applications use; deploy its components into a namespace of another name",
            "homelab.yaml:62:11: Application `namespace-data` would be generated twice in"
                + " namespace `argocd`: for namespace `data` (line 33) and for component"
                + " `namespace-data` (line 62); rename one of them",
            "homelab.yaml:65:11: Application `home-lab-root` would be generated twice in"
                + " namespace `argocd`: as the root Application of lab `home-lab` (line 1) and for"
                + " component `home-lab-root` (line 65); rename one of them");
    String rootClash =
        LabFixtures.MINIMAL_CONFIG
            .replace("name: home-lab\n", "name: namespace\n")
            .replace("  - name: data\n", "  - name: root\n")
            .replace("namespace: data\n", "namespace: root\n");
    assertThat(problems(rootClash))
        .containsExactly(
            "homelab.yaml:33:11: Application `namespace-root` would be generated twice in"
                + " namespace `argocd`: as the root Application of lab `namespace` (line 1) and for"
                + " namespace `root` (line 33); rename one of them");
  }

  /** Only a namespace with components that Argo CD deploys gets an AppProject and Application. */
  @Test
  void namesOfObjectsThatAreNotGeneratedDoNotClash() throws Exception {
    String text =
        LabFixtures.MINIMAL_CONFIG.replace(
                "  - name: monitoring\n",
                "  - name: default\n    layer: applications\n    profile: small\n"
                    + "  - name: idle\n    layer: applications\n    profile: small\n"
                    + "  - name: monitoring\n")
            + "  - name: namespace-idle\n"
            + "    namespace: data\n"
            + "    path: applications/other\n"
            + "  - name: namespace-default\n"
            + "    namespace: default\n"
            + "    path: applications/by-script\n"
            + "    deploy: script\n";
    assertThat(load(text).lab().components()).hasSize(5);
  }

  /**
   * A Service's externalIPs expose it on node addresses, so they need an allowance of their own.
   */
  @Test
  void anExposureAllowsExternalIpsByTypeAndNoOtherWord() throws Exception {
    String allowance =
        "exposure:\n  - {namespace: data, name: wol-relay, type: ExternalIPs, reason: wake-on-LAN}\n";
    HomeLabConfig config = load(LabFixtures.MINIMAL_CONFIG + allowance);
    assertThat(config.lab().exposure())
        .containsExactly(new HomeLab.Exposure("data", "wol-relay", "ExternalIPs", "wake-on-LAN"));
    assertThat(
            problems(LabFixtures.MINIMAL_CONFIG + allowance.replace("ExternalIPs", "ExternalIP")))
        .singleElement()
        .asString()
        .contains("`exposure[0].type` must be one of")
        .contains("ExternalIPs");
  }

  /**
   * A component pasted at the end of the file, after the exposure list, lands in that list: one
   * hint at the entry says where it belongs, rather than five complaints about exposure fields.
   */
  @Test
  void aComponentPastedUnderExposureIsPointedToComponents() {
    String text =
        LabFixtures.MINIMAL_CONFIG
            + "exposure:\n"
            + "  - {namespace: data, name: wol-relay, type: ExternalIPs, reason: wake-on-LAN}\n"
            + "  - name: grafana\n"
            + "    namespace: data\n"
            + "    path: applications/grafana\n";
    int line = (int) text.lines().takeWhile(l -> !l.equals("  - name: grafana")).count() + 1;

    assertThat(problems(text))
        .containsExactly(
            "homelab.yaml:"
                + line
                + ":5: `exposure[1]` has the fields of an item of `components`, not of"
                + " `exposure`; move it into the `components:` list");
  }

  /** An exposure entry with a typo is no entry of another list, so its own problems stand. */
  @Test
  void anExposureEntryWithATypoKeepsItsOwnProblems() {
    String text =
        LabFixtures.MINIMAL_CONFIG
            + "exposure:\n"
            + "  - {namespace: data, name: wol-relay, type: ExternalIPs, reasn: wake-on-LAN}\n";

    assertThat(problems(text)).hasSize(2).noneMatch(p -> p.contains("has the fields of"));
  }

  @Test
  void metallbPoolOutsideTheLanIsRefused() {
    String text = LabFixtures.MINIMAL_CONFIG.replace("192.168.2.240-192.168.2.250", "10.0.0.0/24");
    assertThat(problems(text))
        .containsExactly(
            "homelab.yaml:13:7: MetalLB pool 10.0.0.0/24 lies outside the LAN 192.168.2.0/24");
  }

  @Test
  void yamlErrorsAndDuplicateKeysAreConfigProblems() {
    assertThat(problems("name: a\nname: b\n")).singleElement().asString().contains("duplicate key");
    assertThat(problems("name: [\n")).singleElement().asString().startsWith("homelab.yaml:2:1:");
    assertThat(problems("- a\n")).singleElement().asString().contains("exactly one YAML mapping");
  }

  /** A config that is not one mapping is refused where the document at fault starts. */
  @Test
  void aConfigThatIsNotOneMappingIsRefusedAtTheDocumentAtFault() {
    assertThat(problems("# the lab\n- a\n"))
        .containsExactly(
            "homelab.yaml:2:1: the config must be exactly one YAML mapping, got an array");
    assertThat(problems(LabFixtures.MINIMAL_CONFIG + "---\nname: other\n"))
        .containsExactly(
            "homelab.yaml:60:1: the config must be exactly one YAML mapping; a second document"
                + " starts here");
    assertThat(problems("# nothing yet\n"))
        .containsExactly(
            "homelab.yaml:1:1: the config must be exactly one YAML mapping; the file is empty");
  }

  @Test
  void missingFileIsAProblemNotACrash() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(root.resolve("absent.yaml"), root));
    assertThat(e.problems()).singleElement().asString().contains("config file not found");
  }

  /** The folder that holds homelab.yaml is the natural thing to pass to --config. */
  @Test
  void aFolderIsNamedAsOneWithTheConfigFileItHolds() {
    write(root, "gitops/homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> ConfigLoader.load(root.resolve("gitops"), root));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .isEqualTo(
            "gitops:1:1: is a folder; name the config file itself, such as gitops/homelab.yaml");
  }

  @Test
  void ipv4RangesParseAndContain() {
    Ipv4Range lan = Ipv4Range.parse("192.168.2.0/24");
    assertThat(lan.contains(Ipv4Range.parse("192.168.2.240-192.168.2.250"))).isTrue();
    assertThat(lan.contains(Ipv4Range.parse("192.168.2.7"))).isTrue();
    assertThat(lan.contains(Ipv4Range.parse("192.168.3.0/30"))).isFalse();
  }
}
