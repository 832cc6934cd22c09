package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.cli.Cli;
import dev.homelab.core.model.GroupVersionKind;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Trees;
import dev.homelab.validator.cli.ValidatorCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The operators' CRDs carried in the jar: complete, compilable, strict, and overridable. */
class EmbeddedCrdSchemasTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path cache;

  @Test
  void everyIndexedKindCompilesFromItsOwnCrd() {
    EmbeddedCrdSchemas embedded =
        EmbeddedCrdSchemas.load(CrdSchemaConverter.withEmbeddedObjectMeta());
    SchemaResolver resolver = new SchemaResolver(List.of(embedded));
    Set<String> groups = new HashSet<>();
    for (EmbeddedCrdSchemas.Entry entry : embedded.entries()) {
      SchemaResolver.Lookup lookup = resolver.lookup(entry.type());
      assertThat(lookup.failures()).as(entry.toString()).isEmpty();
      assertThat(lookup.resolved()).as(entry.toString()).isPresent();
      JsonNode document = lookup.resolved().get().document();
      assertThat(document.at("/properties/kind/const").asString()).isEqualTo(entry.type().kind());
      assertThat(raw(entry.file()))
          .as("upstream prose is dropped; a validation rule's message stays")
          .doesNotContainPattern("\"(description|example)\":\"");
      groups.add(entry.type().group());
    }
    assertThat(groups)
        .contains(
            "argoproj.io",
            "cert-manager.io",
            "metallb.io",
            "monitoring.coreos.com",
            "traefik.io",
            "helm.cattle.io",
            "gateway.networking.k8s.io");
    assertThat(embedded.find(new GroupVersionKind("argoproj.io", "v1", "Application"))).isEmpty();
  }

  @Test
  void theCrdsValidationRulesComeWithTheSchema() {
    SchemaResolver resolver =
        new SchemaResolver(
            List.of(EmbeddedCrdSchemas.load(CrdSchemaConverter.withEmbeddedObjectMeta())));
    CrdSchemaNode middleware =
        resolver
            .lookup(new GroupVersionKind("traefik.io", "v1alpha1", "Middleware"))
            .resolved()
            .orElseThrow()
            .crd();

    assertThat(
            CrdValidationRules.check(
                middleware,
                JSON.readTree("{\"spec\": {\"addPrefix\": {\"prefix\": \"api\"}}}"),
                new CelRuleEvaluator()))
        .extracting(CrdValidationRules.Failure::message)
        .containsExactly("must start with a '/'");
  }

  @Test
  void indexNamesTheUpstreamFileDigestAndLicenceOfEveryKind() {
    JsonNode index = JSON.readTree(raw("index.json"));
    Set<String> modules = new HashSet<>();
    for (JsonNode source : index.get("sources")) {
      assertThat(source.get("sha256").asString()).matches("[0-9a-f]{64}");
      assertThat(source.get("version").asString()).matches("v\\d+\\.\\d+\\.\\d+");
      modules.add(source.get("module").asString() + "@" + source.get("version").asString());
      assertThat(raw(source.get("licence").asString()))
          .as("the licence of " + source.get("module").asString())
          .containsIgnoringCase("license");
    }
    for (JsonNode kind : index.get("kinds")) {
      assertThat(modules).contains(kind.get("source").asString());
    }
  }

  @Test
  void gitopsCustomResourcesNeedNoSchemaFromOutside() {
    Run run =
        run(
            "--offline",
            "--no-catalog",
            "--cache-dir",
            cache.toString(),
            "--require-schemas",
            "--format",
            "json",
            RepoPaths.gitopsTree().toString());
    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.json().at("/summary/warnings").asInt()).as(run.out()).isZero();
    assertThat(run.json().at("/summary/resources").asInt()).isGreaterThan(50);
  }

  @Test
  void mistakesInCustomResourcesArePositionedErrors(@TempDir Path tree) throws Exception {
    Trees.write(
        tree,
        "app.yaml",
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: lab-app
          namespace: argocd
        spec:
          projekt: default
          project: default
          destination:
            server: https://kubernetes.default.svc
        """);
    Trees.write(
        tree,
        "pool.yaml",
        """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata:
          name: lab-pool
          namespace: metallb-system
        spec:
          addresses: [192.168.1.240-192.168.1.250]
          autoAssign: "no"
        """);
    Trees.write(
        tree,
        "monitor.yaml",
        """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata:
          name: lab-monitor
          namespace: monitoring
        spec:
          selector: {}
          endpoints:
            - port: 9100
        """);
    Run run = offline(tree);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(findings(run))
        .containsExactly(
            "app.yaml:7:3 unknown-field",
            "monitor.yaml:9:13 wrong-type",
            "pool.yaml:8:15 wrong-type");
  }

  @Test
  void aSchemaLocationTakesPrecedenceOverTheEmbeddedCrd(@TempDir Path tree) throws Exception {
    Trees.write(
        tree,
        "lab/clusterissuer.yaml",
        """
        apiVersion: cert-manager.io/v1
        kind: ClusterIssuer
        metadata:
          name: lab-issuer
        spec:
          selfSigned: {}
        """);
    Path schemas = Files.createDirectories(cache.resolve("schemas/cert-manager.io"));
    Files.writeString(
        schemas.resolve("clusterissuer_v1.json"),
        """
        {"type": "object", "required": ["spec"],
         "properties": {"spec": {"type": "object", "required": ["acme"]}}}
        """);
    Run embedded = offline(tree.resolve("lab"));
    assertThat(embedded.exit()).as(embedded.out()).isZero();
    Run overridden =
        run(
            "--offline",
            "--no-catalog",
            "--cache-dir",
            cache.toString(),
            "--schema-location",
            cache.resolve("schemas").toString(),
            "--format",
            "json",
            tree.resolve("lab").toString());
    assertThat(overridden.exit()).as(overridden.out()).isEqualTo(1);
    assertThat(overridden.json().at("/findings/0/message").asString()).contains("acme");
  }

  @Test
  void exportWritesKubernetesAndCrdSchemasInKubeconformLayouts(@TempDir Path out) throws Exception {
    StringWriter text = new StringWriter();
    int exit =
        Cli.execute(
            new ValidatorCli(),
            new PrintWriter(text),
            new PrintWriter(new StringWriter()),
            "schemas",
            "export",
            out.toString());
    assertThat(exit).isZero();
    int kubernetes = EmbeddedKubernetesSchemas.load().byFile().size();
    int crds =
        EmbeddedCrdSchemas.load(CrdSchemaConverter.withEmbeddedObjectMeta()).entries().size();
    assertThat(text.toString()).startsWith("wrote " + (kubernetes + crds) + " schemas to ");
    assertThat(out.resolve(SchemaExport.FOLDER).resolve("deployment-apps-v1.json")).isRegularFile();
    JsonNode application =
        JSON.readTree(Files.readString(out.resolve("argoproj.io/application_v1alpha1.json")));
    assertThat(application.at("/properties/kind/const").asString()).isEqualTo("Application");
    assertThat(application.at("/properties/spec/additionalProperties").asBoolean(true)).isFalse();
  }

  private static String raw(String file) {
    return new String(
        EmbeddedResources.bytes(EmbeddedCrdSchemas.FOLDER + file), StandardCharsets.UTF_8);
  }

  private Run offline(Path tree) {
    return run(
        "--offline",
        "--no-catalog",
        "--cache-dir",
        cache.toString(),
        "--format",
        "json",
        tree.toString());
  }

  private static List<String> findings(Run run) {
    List<String> found = new ArrayList<>();
    for (JsonNode finding : run.json().get("findings")) {
      found.add(
          Path.of(finding.get("file").asString()).getFileName()
              + ":"
              + finding.get("line").asInt()
              + ":"
              + finding.get("column").asInt()
              + " "
              + finding.get("rule").asString());
    }
    return found;
  }

  private record Run(int exit, String out) {
    JsonNode json() {
      return JSON.readTree(out);
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    int exit =
        Cli.execute(
            new ValidatorCli(), new PrintWriter(out), new PrintWriter(new StringWriter()), args);
    return new Run(exit, out.toString());
  }
}
