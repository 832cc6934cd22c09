package dev.homelab.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.cli.Cli;
import dev.homelab.core.testing.JsonReportRun;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.SarifValidation;
import dev.homelab.core.testing.Trees;
import dev.homelab.policy.cli.PolicyCli;
import dev.homelab.validator.cli.ValidatorCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A policy rule that states the same fact as a validator rule at the same place is reported once by
 * check, under the validator's id, however either id is exempted; validate and policy alone keep
 * their own rule. Runs on a copy of the real gitops/ tree with the real policy Wasm.
 */
class CheckRestatedFindingsTest {

  private static final String INGRESS = "applications/n8n/ingress.yaml";

  /** The line of the n8n Ingress's rule host in gitops/. */
  private static final int HOST_LINE = 26;

  @TempDir Path scratch;

  private Path gitops;
  private Path ingress;

  @BeforeEach
  void copyTheLabWithAHostOnTheWrongDomain() throws Exception {
    gitops = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), gitops);
    ingress = gitops.resolve(INGRESS);
    // The TLS entry names the host too, so that the missing-TLS policy has nothing to add there.
    String text = Files.readString(ingress);
    assertThat(text.lines().toList().get(HOST_LINE - 1))
        .isEqualTo("    - host: n8n.home.jetzinger.com");
    Files.writeString(ingress, text.replace("n8n.home.jetzinger.com", "n8n.example.org"));
  }

  private JsonReportRun check(String... args) {
    List<String> all =
        new ArrayList<>(List.of("check", "--offline", "--no-catalog", "--format", "json"));
    all.addAll(List.of(args));
    all.add(gitops.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Cli.execute(
            new GeneratorCli(),
            new PrintWriter(out),
            new PrintWriter(err),
            all.toArray(String[]::new));
    return new JsonReportRun(exit, out.toString(), err.toString());
  }

  private static List<JsonNode> findings(JsonReportRun run, String file, int line) {
    assertThat(run.exit()).as(run.err() + run.out()).isIn(0, 1);
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode finding : JsonMapper.builder().build().readTree(run.out()).path("findings")) {
      if (finding.path("file").asString().endsWith(file) && finding.path("line").asInt() == line) {
        found.add(finding);
      }
    }
    return found;
  }

  /** The line of the rule host now, which an added annotation moves down. */
  private int hostLine() throws Exception {
    return Files.readAllLines(ingress).indexOf("    - host: n8n.example.org") + 1;
  }

  private static List<String> rules(List<JsonNode> findings) {
    return findings.stream().map(f -> f.path("rule").asString()).toList();
  }

  private static List<String> rulesOf(JsonReportRun run) {
    List<String> rules = new ArrayList<>();
    JsonMapper.builder()
        .build()
        .readTree(run.out())
        .path("findings")
        .forEach(f -> rules.add(f.path("rule").asString()));
    return rules;
  }

  private void annotate(String rule, String reason) throws Exception {
    Files.writeString(
        ingress,
        Files.readString(ingress)
            .replace(
                "  annotations:\n",
                "  annotations:\n    ignore.homelab.dev/" + rule + ": \"" + reason + "\"\n"));
  }

  @Test
  void aHostOnTheWrongDomainIsOneFindingAtItsLine() {
    JsonReportRun run = check();

    List<JsonNode> atHost = findings(run, INGRESS, HOST_LINE);
    assertThat(rules(atHost)).containsExactly("host-pattern");
    assertThat(atHost.get(0).path("message").asString())
        .isEqualTo(
            "Ingress `n8n-ingress` serves host `n8n.example.org`, which is not"
                + " {service}.home.jetzinger.com");
    assertThat(rulesOf(run)).doesNotContain("route-host-outside-domain");
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void validateAndPolicyAloneKeepTheirOwnRule() {
    JsonReportRun validate =
        JsonReportRun.of(
            new ValidatorCli(), List.of("--offline", "--no-catalog", gitops.toString()));
    JsonReportRun policy = JsonReportRun.of(new PolicyCli(), List.of(gitops.toString()));

    assertThat(rules(findings(validate, INGRESS, HOST_LINE))).containsExactly("host-pattern");
    assertThat(rules(findings(policy, INGRESS, HOST_LINE)))
        .containsExactly("route-host-outside-domain");
  }

  @Test
  void exemptingThePolicysIdSilencesTheFactInCheck() throws Exception {
    annotate("route-host-outside-domain", "a test host");

    JsonReportRun run = check();

    List<JsonNode> atHost = findings(run, INGRESS, hostLine());
    assertThat(rules(atHost)).containsExactly("host-pattern");
    assertThat(atHost.get(0).path("exemption").path("reason").asString()).isEqualTo("a test host");
    assertThat(atHost.get(0).path("exemption").path("source").asString())
        .isEqualTo("annotation ignore.homelab.dev/route-host-outside-domain");
    assertThat(rulesOf(run)).doesNotContain("exemption-unused", "route-host-outside-domain");
  }

  @Test
  void exemptingTheKeptIdDoesNotBringThePolicysFindingBack() throws Exception {
    annotate("host-pattern", "a test host");

    JsonReportRun run = check();

    List<JsonNode> atHost = findings(run, INGRESS, hostLine());
    assertThat(rules(atHost)).containsExactly("host-pattern");
    assertThat(atHost.get(0).path("exemption").path("reason").asString()).isEqualTo("a test host");
    assertThat(rulesOf(run)).doesNotContain("exemption-unused", "route-host-outside-domain");
    assertThat(run.exit()).isZero();
  }

  @Test
  void aLabEntryExemptingThePolicysIdSilencesTheFactToo() throws Exception {
    Path config = gitops.resolve("homelab.yaml");
    String text = Files.readString(config);
    assertThat(text).doesNotContain("\nexemptions:");
    Files.writeString(
        config,
        text
            + "\nexemptions:\n  - rule: route-host-outside-domain\n    kind: Ingress\n"
            + "    name: n8n-ingress\n    reason: a test host\n");

    JsonReportRun run = check();

    List<JsonNode> atHost = findings(run, INGRESS, hostLine());
    assertThat(rules(atHost)).containsExactly("host-pattern");
    assertThat(atHost.get(0).path("exemption").path("reason").asString()).isEqualTo("a test host");
    assertThat(rulesOf(run)).doesNotContain("exemption-unused", "route-host-outside-domain");
  }

  /** Both exempted: the fact is still one finding, and neither exemption is called unused. */
  @Test
  void exemptingBothIdsCountsTheFactOnce() throws Exception {
    annotate("route-host-outside-domain", "the policy's reason");
    annotate("host-pattern", "the convention's reason");

    JsonReportRun run = check();

    List<JsonNode> atHost = findings(run, INGRESS, hostLine());
    assertThat(rules(atHost)).containsExactly("host-pattern");
    assertThat(atHost.get(0).path("exemption").path("reason").asString())
        .isEqualTo("the convention's reason");
    assertThat(rulesOf(run)).doesNotContain("exemption-unused", "route-host-outside-domain");
  }

  /**
   * An expired entry for the policy's id, while an annotation exempts host-pattern: check reports
   * the fact once, under host-pattern and hidden, so the lapse brings nothing back.
   */
  @Test
  void anExpiredExemptionOfThePolicysIdSaysWhatCheckDoes() throws Exception {
    annotate("host-pattern", "a test host");
    Path config = gitops.resolve("homelab.yaml");
    Files.writeString(
        config,
        Files.readString(config)
            + "\nexemptions:\n  - rule: route-host-outside-domain\n    kind: Ingress\n"
            + "    name: n8n-ingress\n    reason: a test host\n    until: \"2020-01-01\"\n");

    JsonReportRun run = check();

    assertThat(run.exit()).as(run.err() + run.out()).isZero();
    List<String> expired = new ArrayList<>();
    JsonMapper.builder()
        .build()
        .readTree(run.out())
        .path("findings")
        .forEach(
            f -> {
              if (f.path("rule").asString().equals("exemption-expired")) {
                expired.add(f.path("message").asString());
              }
            });
    assertThat(expired)
        .containsExactly(
            "exemption of `route-host-outside-domain` expired on 2020-01-01; this run reports the"
                + " 1 finding it matches as `host-pattern`, which another exemption hides, but a"
                + " run without `host-pattern` reports it again");
    assertThat(rules(findings(run, INGRESS, hostLine()))).containsExactly("host-pattern");
  }

  /** A missing allow-list Middleware is one finding on each route that names it. */
  @Test
  void aMissingAllowListMiddlewareIsOneFindingPerReference() throws Exception {
    Files.writeString(
        ingress, Files.readString(ingress).replace("n8n.example.org", "n8n.home.jetzinger.com"));
    Files.delete(gitops.resolve("infrastructure/traefik/middleware-allowlist.yaml"));
    Files.writeString(
        gitops.resolve("applications/nginx/ingressroute.yaml"),
        """
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata:
          name: nginx-route
          namespace: dev
          labels:
            app.kubernetes.io/name: nginx
            app.kubernetes.io/instance: nginx-proxy
            app.kubernetes.io/component: ingress
            app.kubernetes.io/part-of: home-lab
            app.kubernetes.io/managed-by: argocd
        spec:
          entryPoints:
            - websecure
          routes:
            - match: Host(`dev.home.jetzinger.com`)
              kind: Rule
              middlewares:
                - name: traefik-allowlist
                  namespace: kube-system
              services:
                - name: nginx-proxy
                  port: 80
          tls:
            secretName: nginx-ingress-tls
        """);

    JsonReportRun run = check();

    assertThat(rules(findings(run, INGRESS, 18))).containsExactly("middleware-not-found");
    assertThat(rules(findings(run, "applications/nginx/ingressroute.yaml", 19)))
        .containsExactly("middleware-not-found");
    assertThat(rulesOf(run)).doesNotContain("allowlist-middleware-missing");
    JsonReportRun policy = JsonReportRun.of(new PolicyCli(), List.of(gitops.toString()));
    assertThat(rules(findings(policy, INGRESS, 18)))
        .containsExactly("allowlist-middleware-missing");
  }

  /**
   * A match with a host the policy accepts (two labels under the domain) and one it does not: the
   * policy's exemption covers only its own fact, so host-pattern's finding on the other host stays.
   */
  @Test
  void anExemptionOfThePolicysIdDoesNotHideAnotherHostsFinding() throws Exception {
    Files.writeString(
        ingress, Files.readString(ingress).replace("n8n.example.org", "n8n.home.jetzinger.com"));
    Path route = gitops.resolve("applications/nginx/ingressroute.yaml");
    Files.writeString(
        route,
        """
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata:
          name: nginx-route
          namespace: dev
          labels:
            app.kubernetes.io/name: nginx
            app.kubernetes.io/instance: nginx-proxy
            app.kubernetes.io/component: ingress
            app.kubernetes.io/part-of: home-lab
            app.kubernetes.io/managed-by: argocd
          annotations:
            ignore.homelab.dev/route-host-outside-domain: "x.example.org is a test host"
        spec:
          entryPoints:
            - websecure
          routes:
            - match: Host(`a.b.home.jetzinger.com`) || Host(`x.example.org`)
              kind: Rule
              middlewares:
                - name: traefik-allowlist
                  namespace: kube-system
              services:
                - name: nginx-proxy
                  port: 80
          tls:
            secretName: nginx-ingress-tls
        """);

    JsonReportRun run = check();

    List<JsonNode> atMatch = findings(run, "applications/nginx/ingressroute.yaml", 18);
    List<String> hostPattern =
        atMatch.stream()
            .filter(f -> f.path("rule").asString().equals("host-pattern"))
            .map(f -> f.path("message").asString() + " exempted=" + f.has("exemption"))
            .toList();
    assertThat(hostPattern)
        .containsExactly(
            "IngressRoute `nginx-route` serves host `a.b.home.jetzinger.com`, which is not"
                + " {service}.home.jetzinger.com exempted=false",
            "IngressRoute `nginx-route` serves host `x.example.org`, which is not"
                + " {service}.home.jetzinger.com exempted=false");
    List<JsonNode> policy =
        atMatch.stream()
            .filter(f -> f.path("rule").asString().equals("route-host-outside-domain"))
            .toList();
    assertThat(policy).hasSize(1);
    assertThat(policy.get(0).path("exemption").path("reason").asString())
        .isEqualTo("x.example.org is a test host");
    assertThat(rulesOf(run)).doesNotContain("exemption-unused");
  }

  /**
   * An annotation that names the missing allow-list and another missing Middleware: exempting the
   * allow-list's absence does not hide the other one.
   */
  @Test
  void anExemptionOfTheAllowListDoesNotHideAnotherMissingMiddleware() throws Exception {
    Files.writeString(
        ingress,
        Files.readString(ingress)
            .replace("n8n.example.org", "n8n.home.jetzinger.com")
            .replace(
                "router.middlewares: kube-system-traefik-allowlist@kubernetescrd\n",
                "router.middlewares: kube-system-traefik-allowlist@kubernetescrd,"
                    + "kube-system-other@kubernetescrd\n"));
    annotate("allowlist-middleware-missing", "the allow-list is applied by hand");
    Files.delete(gitops.resolve("infrastructure/traefik/middleware-allowlist.yaml"));

    JsonReportRun run = check();

    List<JsonNode> atAnnotation = findings(run, INGRESS, 19);
    assertThat(
            atAnnotation.stream()
                .filter(f -> f.path("rule").asString().equals("middleware-not-found"))
                .map(f -> f.path("message").asString() + " exempted=" + f.has("exemption"))
                .toList())
        .containsExactly(
            "Ingress `n8n-ingress` names middleware `kube-system-other@kubernetescrd`, which no"
                + " Middleware in the tree provides, so Traefik drops the route exempted=false",
            "Ingress `n8n-ingress` names middleware `kube-system-traefik-allowlist@kubernetescrd`,"
                + " which no Middleware in the tree provides, so Traefik drops the route"
                + " exempted=false");
    assertThat(
            atAnnotation.stream()
                .filter(f -> f.path("rule").asString().equals("allowlist-middleware-missing"))
                .map(f -> f.path("exemption").path("reason").asString())
                .toList())
        .containsExactly("the allow-list is applied by hand");
  }

  /** --explain says, in text and JSON, under which id check reports the policy's finding. */
  @Test
  void explainSaysWhichIdCheckReportsItUnder() {
    StringWriter text = new StringWriter();
    StringWriter json = new StringWriter();
    StringWriter err = new StringWriter();
    Cli.execute(
        new GeneratorCli(),
        new PrintWriter(text),
        new PrintWriter(err),
        "check",
        "--explain",
        "route-host-outside-domain");
    Cli.execute(
        new PolicyCli(),
        new PrintWriter(json),
        new PrintWriter(err),
        "--explain",
        "route-host-outside-domain",
        "--format",
        "json");

    assertThat(err.toString()).isEmpty();
    assertThat(text.toString().replaceAll("\\s+", " "))
        .contains("In check: Where `host-pattern` reports the same object at the same position")
        .contains("report it once, as `host-pattern`; an exemption of either id silences");
    assertThat(JsonMapper.builder().build().readTree(json.toString()).path("restates").asString())
        .isEqualTo("host-pattern");
  }

  /** The folded report is the same from run to run and valid SARIF. */
  @Test
  void theSarifOfCheckIsStableAndValid() throws Exception {
    annotate("route-host-outside-domain", "a test host");
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exit =
          Cli.execute(
              new GeneratorCli(),
              new PrintWriter(out),
              new PrintWriter(err),
              "check",
              "--offline",
              "--no-catalog",
              "--format",
              "sarif",
              "--fail-on",
              "warning",
              gitops.toString());
      assertThat(exit).as(err.toString()).isEqualTo(1);
      runs.add(out.toString());
    }

    assertThat(runs.get(1)).isEqualTo(runs.get(0));
    assertThat(SarifValidation.errors(runs.get(0))).isEmpty();
    JsonNode results =
        JsonMapper.builder().build().readTree(runs.get(0)).path("runs").get(0).path("results");
    List<String> atHost = new ArrayList<>();
    for (JsonNode result : results) {
      JsonNode region = result.path("locations").get(0).path("physicalLocation").path("region");
      if (region.path("startLine").asInt() == hostLine()) {
        atHost.add(result.path("ruleId").asString());
      }
    }
    assertThat(atHost).containsExactly("host-pattern");
  }
}
