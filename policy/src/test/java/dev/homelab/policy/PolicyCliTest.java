package dev.homelab.policy;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.cli.Cli;
import dev.homelab.core.testing.GitRepos;
import dev.homelab.core.testing.LabFixtures;
import dev.homelab.core.testing.PinnedOpa;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Trees;
import dev.homelab.policy.cli.PolicyCli;
import dev.homelab.policy.wasm.PolicyModule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** policy.jar as users run it, including custom policies from --policy-dir. */
class PolicyCliTest {

  private static final String TEAM_POLICY =
      """
      # METADATA
      # title: Team ownership
      package homelab.custom.teams

      # METADATA
      # title: Deployment without team label
      # description: Every Deployment names the team that owns it.
      # custom:
      #   id: deployment-team-missing
      #   severity: warning
      #   remediation: Add the label team.
      warn contains {"rule": "deployment-team-missing", "msg": sprintf("Deployment %s has no team label", [input.resource.metadata.name]), "path": ["metadata", "labels"]} if {
      \tinput.kind == "manifest"
      \tinput.resource.kind == "Deployment"
      \tnot input.resource.metadata.labels.team
      }
      """;

  @TempDir Path work;

  record Run(int exit, String out, String err) {}

  private static Run inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Cli.execute(new PolicyCli(), new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** A separate JVM, so PATH (where opa is looked up) can differ from this one's. */
  /** The policy CLI with the policies in {@code policyDir}, on gitops/'s nginx Deployment. */
  private Run onNginx(Path opa, Path policyDir) throws Exception {
    return subprocess(
        opa.getParent() + ":/usr/bin:/bin",
        "--policy-dir",
        policyDir.toString(),
        RepoPaths.gitopsTree().resolve("applications/nginx/deployment.yaml").toString());
  }

  private Run subprocess(String path, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PolicyCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PATH", path);
    builder.environment().put("XDG_CACHE_HOME", work.resolve("cache").toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.waitFor(), out, err);
  }

  @Test
  void onlyTheNamedFilesAreEvaluatedAndReported() throws Exception {
    Path gitops = work.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), gitops);
    Path configMap = gitops.resolve("applications/nginx/configmap.yaml");
    Files.writeString(
        configMap,
        Files.readString(configMap)
            .replace("\ndata:\n", "\ndata:\n  admin-password: \"Correct-Horse-Battery-9\"\n"));
    Path claim = gitops.resolve("applications/ollama/pvc.yaml");
    Files.writeString(
        claim,
        Files.readString(claim).replace("storageClassName: nfs-client", "storageClassName: x"));

    Run run = inProcess("--timings", "--format", "github", configMap.toString());

    assertThat(run.out())
        .contains("title=credential-in-plain-text")
        .doesNotContain("storage-class-mismatch");
    assertThat(run.err()).containsPattern("timing: policy evaluation .* 1 documents");
    assertThat(run.exit()).isEqualTo(1);
    Run whole = inProcess("--format", "github", gitops.toString());
    assertThat(whole.out()).contains("storage-class-mismatch");
  }

  /**
   * The pre-commit framework's hook passes the staged files and --base HEAD: a Certificate that
   * stops writing a route's TLS secret breaks the route's untouched file. Real git repository.
   */
  @Test
  void withABaseTheUntouchedFilesAChangeBreaksAreReportedToo() throws Exception {
    Path certificate = LabFixtures.committedDashboardLab(work.resolve("lab"));
    Files.writeString(
        certificate,
        LabFixtures.GITOPS_DASHBOARD_CERTIFICATE.replace(
            "secretName: traefik-dashboard-tls", "secretName: traefik-dashboard-cert"));

    Run compared =
        inProcess("--base", "HEAD", "--timings", "--format", "github", certificate.toString());

    assertThat(compared.out())
        .as(compared.err())
        .contains(
            "::error file=gitops/infrastructure/traefik/dashboard.yaml,line=24,col=17,endLine=24,"
                + "endColumn=38,title=ingressroute-certificate-missing::");
    assertThat(compared.err())
        .contains(
            "the change causes new findings in 1 file(s) it does not touch"
                + " (gitops/infrastructure/traefik/dashboard.yaml); reporting on them too");
    assertThat(compared.exit()).isEqualTo(1);
    // Only files with a finding now are evaluated again with the base's data.
    Matcher comparison =
        Pattern.compile("timing: policy base comparison .* (\\d+) untouched documents, (\\d+) of")
            .matcher(compared.err());
    assertThat(comparison.find()).as(compared.err()).isTrue();
    assertThat(Integer.parseInt(comparison.group(2)))
        .isPositive()
        .isLessThan(Integer.parseInt(comparison.group(1)));
    Run alone = inProcess("--format", "github", certificate.toString());
    assertThat(alone.out())
        .as("without a base the change cannot be told")
        .doesNotContain("dashboard.yaml");
  }

  /** A renamed issuer leaves the Ingresses that name it, anywhere in the tree, without one. */
  @Test
  void withABaseARemovedObjectHasTheWholeTreeReported() throws Exception {
    Path repo = work.resolve("lab");
    Path gitops = repo.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), gitops);
    GitRepos.commitAll(repo, "lab");
    Path issuer = gitops.resolve("infrastructure/cert-manager/cluster-issuer.yaml");
    Files.writeString(
        issuer,
        Files.readString(issuer)
            .replace("  name: letsencrypt-production\n", "  name: letsencrypt-prod\n"));

    Run compared = inProcess("--base", "HEAD", "--format", "github", issuer.toString());

    assertThat(compared.out())
        .as(compared.err())
        .contains("::error file=gitops/infrastructure/argocd/ingress.yaml,line=15,")
        .contains("title=ingress-issuer-not-found::");
    assertThat(compared.err())
        .contains("policy: the tree no longer has ClusterIssuer letsencrypt-production from HEAD")
        .contains("reporting on the whole tree");
    assertThat(compared.exit()).isEqualTo(1);
    for (Path named : List.of(issuer, gitops)) {
      Run unknown = inProcess("--base", "no-such-branch", named.toString());
      assertThat(unknown.err())
          .as(named.toString())
          .contains("--base no-such-branch: no such revision");
      assertThat(unknown.exit()).isEqualTo(2);
    }
  }

  @Test
  void aTreeWithoutHomelabYamlIsAUsageError() {
    write(work, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Run run = inProcess(work.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("policies need the lab's homelab.yaml");
  }

  @Test
  void regoPoliciesAreCompiledWithOpaAndEvaluated() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path policies = write(work, "policies/teams.rego", TEAM_POLICY).getParent();
    write(work, "policies/teams_test.rego", "package homelab.custom.teams_test\n");
    Run run =
        subprocess(
            opa.getParent() + ":/usr/bin:/bin",
            "--no-bundled",
            "--format",
            "github",
            "--policy-dir",
            policies.toString(),
            RepoPaths.gitopsTree().toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("::warning file=gitops/applications/nginx/deployment.yaml,line=7,col=3")
        .contains("title=deployment-team-missing::Deployment nginx-proxy has no team label");
    assertThat(run.exit()).isZero();
    try (var cached = Files.list(work.resolve("cache/homelab/policies"))) {
      assertThat(cached.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".tar.gz"));
    }
  }

  /**
   * A violation without a path array is a mistake in the user's policy: a usage error that names
   * their .rego file (not the compiled bundle in the cache) and the rule, and shows the right
   * shape.
   */
  @Test
  void aRegoViolationWithoutAPathArrayIsAUsageErrorNamingTheFileAndRule() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    String withPath = "\"path\": [\"metadata\", \"labels\"]";
    assertThat(TEAM_POLICY).contains(withPath);
    Map<String, String> policies =
        Map.of(
            "no path",
            TEAM_POLICY.replace(", " + withPath, ""),
            "a path that is not an array",
            TEAM_POLICY.replace(withPath, "\"path\": \"metadata.labels\""));
    for (Map.Entry<String, String> policy : policies.entrySet()) {
      Path file = write(work, policy.getKey() + "/teams.rego", policy.getValue());
      Run run = onNginx(opa, file.getParent());
      assertThat(run.err())
          .as(policy.getKey())
          .startsWith("error: " + file + ":12: rule deployment-team-missing returned {")
          .contains("}, which has " + policy.getKey() + "; a violation must be {\"rule\": ID,")
          .doesNotContain("internal error", ".tar.gz", "\tat ");
      assertThat(run.exit()).as(policy.getKey()).isEqualTo(2);
    }
    Path quoted =
        write(
            work,
            "quoted/teams.rego",
            TEAM_POLICY
                .replace(", " + withPath, "")
                .replace("package homelab.custom.teams", "package homelab.custom[\"team-rules\"]"));
    write(
        work,
        "quoted/lib.rego",
        "package homelab.custom.lib\n\nlabelled(r) if r.metadata.labels\n");
    Run bracketed = onNginx(opa, quoted.getParent());
    assertThat(bracketed.err())
        .as("a package named in brackets names its file too")
        .startsWith("error: " + quoted + ":12: rule deployment-team-missing returned {");
  }

  /**
   * opa's own "error:" under the toolkit's read as two errors, and its text gave the line only; a
   * Rego mistake is one message per problem at the file, line and column opa found it.
   */
  @Test
  void aRegoCompileErrorIsOneMessageAtItsFileLineAndColumn() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path unparsable =
        write(
            work,
            "unparsable/teams.rego",
            "package homelab.custom.teams\n\ndeny contains msg if {\n  msg :=\n}\n");
    Path untyped =
        write(
            work,
            "untyped/teams.rego",
            "package homelab.custom.teams\n\ndeny contains msg if {\n  msg := no_such(1)\n}\n");

    Run parse = onNginx(opa, unparsable.getParent());
    Run type = onNginx(opa, untyped.getParent());

    assertThat(parse.err())
        .isEqualTo("error: " + unparsable + ":5:1: rego_parse_error: unexpected } token\n");
    assertThat(parse.exit()).isEqualTo(2);
    assertThat(type.err())
        .isEqualTo("error: " + untyped + ":4:10: rego_type_error: undefined function no_such\n");
    assertThat(type.exit()).isEqualTo(2);
  }

  /** A message alone, as conftest's policies return, is refused rather than lost. */
  @Test
  void aRegoViolationThatIsNotAnObjectIsAUsageErrorToo() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path file =
        write(
            work,
            "policies/teams.rego",
            "package homelab.custom.teams\n\ndeny contains \"no team label\" if input.kind =="
                + " \"manifest\"\n");
    Run run = onNginx(opa, file.getParent());
    assertThat(run.err())
        .startsWith(
            "error: "
                + file
                + ": the violation \"no team label\" is not an object; a violation must be {");
    assertThat(run.exit()).isEqualTo(2);
  }

  /** Rules in a package the entry point does not collect from would silently report nothing. */
  @Test
  void regoPoliciesOutsideHomelabCustomAreAUsageErrorNamingTheFileAndPackage() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path file =
        write(
            work,
            "policies/teams.rego",
            TEAM_POLICY.replace("package homelab.custom.teams", "package teams"));
    write(work, "policies/teams_test.rego", "package homelab.custom.teams_test\n");
    Run run = onNginx(opa, file.getParent());
    assertThat(run.err())
        .startsWith("error: --policy-dir " + file.getParent() + ": nothing would be evaluated")
        .contains("(" + file + " declares package teams)")
        .contains("declare package homelab.custom.<name>");
    assertThat(run.exit()).isEqualTo(2);
  }

  /**
   * Only deny and warn rules report, so a folder where none is (a misspelt `wran`) would pass
   * everything in silence; a package of helpers beside one that reports is fine.
   */
  @Test
  void aFolderWithoutDenyOrWarnRulesIsAUsageErrorNamingTheRulesItHas() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path misspelt =
        write(work, "misspelt/teams.rego", TEAM_POLICY.replace("warn contains", "wran contains"));
    write(
        work,
        "misspelt/lib.rego",
        "package homelab.custom.lib\n\nhas_team(resource) if resource.metadata.labels.team\n");

    Run refused = onNginx(opa, misspelt.getParent());
    write(work, "helpers/teams.rego", TEAM_POLICY);
    write(
        work,
        "helpers/lib.rego",
        "package homelab.custom.lib\n\nhas_team(resource) if resource.metadata.labels.team\n");
    Run withHelpers = onNginx(opa, work.resolve("helpers"));

    assertThat(refused.err())
        .startsWith("error: --policy-dir " + misspelt.getParent() + ": nothing would be reported")
        .contains(work.resolve("misspelt/lib.rego") + " defines has_team")
        .contains(misspelt + " defines wran");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(withHelpers.out()).contains("Deployment nginx-proxy has no team label");
    assertThat(withHelpers.exit()).as(withHelpers.err()).isZero();
  }

  /** docs/rules/ has pages for the toolkit's rules only, so a custom rule's help names none. */
  @Test
  void customRulesAreExplainedWithoutALinkToAToolkitPage() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path policies = write(work, "policies/teams.rego", TEAM_POLICY).getParent();
    String path = opa.getParent() + ":/usr/bin:/bin";
    String dir = policies.toString();

    Run explained = subprocess(path, "--policy-dir", dir, "--explain", "deployment-team-missing");
    assertThat(explained.out())
        .startsWith("deployment-team-missing (warning, custom)\n")
        .contains("More: the --policy-dir policy that defines it; the toolkit has no page for it.")
        .doesNotContain("docs/rules/");
    assertThat(explained.exit()).isZero();
    Run toolkit = subprocess(path, "--policy-dir", dir, "--explain", "image-tag-latest");
    assertThat(toolkit.out()).contains("More: docs/rules/image-tag-latest.md");

    Run listed = subprocess(path, "--policy-dir", dir, "--list-rules");
    assertThat(listed.out())
        .containsPattern("(?m)^deployment-team-missing +warning +custom +Deployment without")
        .contains("rules; each but the 1 custom one(s) has a page in docs/rules/<id>.md");
    // The options that decide which rules the command checks are taken beside --list-rules.
    Run onlyCustom = subprocess(path, "--policy-dir", dir, "--no-bundled", "--list-rules");
    assertThat(onlyCustom.exit()).as(onlyCustom.err()).isZero();
    assertThat(onlyCustom.out())
        .contains("deployment-team-missing")
        .doesNotContain("image-tag-latest");

    Path sarif = work.resolve("report.sarif");
    Run reported =
        subprocess(
            path,
            "--policy-dir",
            dir,
            "--format",
            "json",
            "--output",
            "sarif=" + sarif,
            RepoPaths.gitopsTree().resolve("applications/nginx/deployment.yaml").toString());
    assertThat(reported.out())
        .contains("\"rule\" : \"deployment-team-missing\"")
        .doesNotContain("docs/rules/deployment-team-missing.md");
    assertThat(Files.readString(sarif)).doesNotContain("docs/rules/deployment-team-missing.md");
  }

  @Test
  void regoPoliciesWithoutOpaAreRefusedWithHowToInstallIt() throws Exception {
    Path policies = write(work, "policies/teams.rego", TEAM_POLICY).getParent();
    Run run =
        subprocess(
            "/usr/bin:/bin",
            "--policy-dir",
            policies.toString(),
            RepoPaths.gitopsTree().toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("needs `opa` on PATH").contains("scripts/install-opa.sh");
    assertThat(run.err())
        .as("the entry point that collects deny and warn exists only in a folder compiled here")
        .doesNotContain(CustomPolicies.ENTRYPOINT)
        .contains("returns a set of {\"rule\": ID, \"severity\": \"error\" or \"warning\",");
  }

  /**
   * A bundle built elsewhere with a deny or warn rule as its entry point gives no severity, which
   * the message shows how to add.
   */
  @Test
  void aBundleWhoseViolationsHaveNoSeverityIsAUsageErrorShowingTheShape() throws Exception {
    Path opa = PinnedOpa.orSkip("building a custom bundle");
    Path source = write(work, "src/teams.rego", TEAM_POLICY);
    Path bundle = work.resolve("bundles/teams.tar.gz");
    Files.createDirectories(bundle.getParent());
    Process build =
        new ProcessBuilder(
                opa.toString(),
                "build",
                "-t",
                "wasm",
                "-e",
                "homelab/custom/teams/warn",
                "-o",
                bundle.toString(),
                source.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    assertThat(build.waitFor()).isZero();

    Run run = onNginx(opa, bundle.getParent());

    assertThat(run.err())
        .startsWith("error: " + bundle + ": rule deployment-team-missing returned {")
        .contains(
            "which has no severity \"error\" or \"warning\"; a violation of a compiled policy's"
                + " entry point must be {\"rule\": ID, \"severity\": \"error\" or \"warning\",");
    assertThat(run.exit()).isEqualTo(2);
  }

  @Test
  void aWasmPolicyRunsOnOpaJavaWasmAndAgreesWithTheBundledEngine() throws Exception {
    Path policies = work.resolve("wasm");
    Files.createDirectories(policies);
    Files.copy(
        RepoPaths.repoRoot()
            .resolve("policy/src/main/resources/dev/homelab/policy/wasm/policy.wasm"),
        policies.resolve("lab.wasm"));
    Path tree = work.resolve("repo/gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    Files.createDirectories(work.resolve("repo/.git"));
    Path deployment = tree.resolve("applications/nginx/deployment.yaml");
    Files.writeString(deployment, Files.readString(deployment).replace("1.28.0-alpine", "latest"));

    Run bundled = inProcess("--format", "github", tree.toString());
    Run custom =
        inProcess(
            "--format",
            "github",
            "--no-bundled",
            "--policy-dir",
            policies.toString(),
            tree.toString());
    assertThat(bundled.out()).contains("title=image-tag-latest");
    assertThat(custom.out()).isEqualTo(bundled.out());
    assertThat(custom.exit()).isEqualTo(1);
  }

  @Test
  void anEmptyPolicyDirIsAUsageError() throws Exception {
    Files.createDirectories(work.resolve("empty"));
    Run run =
        inProcess(
            "--policy-dir", work.resolve("empty").toString(), RepoPaths.gitopsTree().toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("holds no .rego, .wasm or .tar.gz policy");
  }

  /** A read-only home costs each run the compiling, not the run itself. */
  @Test
  void aCacheFolderThatCannotBeWrittenCompilesEveryRunInstead() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path policies = write(work, "policies/teams.rego", TEAM_POLICY).getParent();
    write(work, "cache", "a file where the cache folder would be\n");

    Run run = onNginx(opa, policies);

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("Deployment nginx-proxy has no team label");
    assertThat(run.exit()).isZero();
  }

  /** A cached bundle or catalogue that a full disk or a hand cut short is compiled again. */
  @Test
  void aDamagedCacheEntryIsCompiledAgain() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path policies = write(work, "policies/teams.rego", TEAM_POLICY).getParent();
    assertThat(onNginx(opa, policies).exit()).isZero();
    List<Path> cached;
    try (var files = Files.list(work.resolve("cache/homelab/policies"))) {
      cached = files.filter(Files::isRegularFile).toList();
    }
    assertThat(cached).hasSize(2);

    for (Path entry : cached) {
      byte[] whole = Files.readAllBytes(entry);
      Files.write(entry, java.util.Arrays.copyOf(whole, whole.length / 2));
      Run run = onNginx(opa, policies);
      assertThat(run.err()).as(entry.toString()).isEmpty();
      assertThat(run.out())
          .as(entry.toString())
          .contains("Deployment nginx-proxy has no team label");
      assertThat(run.exit()).as(entry.toString()).isZero();
      if (entry.toString().endsWith(".rules.json")) {
        assertThat(Files.readAllBytes(entry)).as(entry.toString()).isEqualTo(whole);
      } else {
        assertThat(PolicyModule.load(entry).entrypoint()).isEqualTo(CustomPolicies.ENTRYPOINT);
      }
    }
  }

  /**
   * Only the .rego files are compiled: a policy folder often holds a README's example or a linter's
   * YAML, which opa would read as data that no rule sees and that the cache does not cover.
   */
  @Test
  void otherFilesBesideTheRegoAreNotCompiled() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path policies = write(work, "policies/teams.rego", TEAM_POLICY).getParent();
    write(work, "policies/.regal/config.yaml", "rules: [unclosed\n");
    write(work, "policies/example.json", "{\"not\": json}\n");

    Run run = onNginx(opa, policies);

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("Deployment nginx-proxy has no team label");
    assertThat(run.exit()).isZero();
  }

  /**
   * Only a set of violations is collected, so a deny that is a boolean would report nothing and one
   * written as deny[msg], an object, would be refused naming a value it holds.
   */
  @Test
  void aDenyOrWarnThatIsNotASetIsAUsageErrorNamingItsLine() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Map<String, String> policies =
        Map.of(
            "complete",
            "deny := true",
            "object",
            "deny[msg] if {\n\tinput.kind == \"manifest\"\n\tmsg := \"no team\"\n}",
            "nested",
            "warn.teams contains {\"rule\": \"t\", \"msg\": \"m\", \"path\": []} if true");
    for (Map.Entry<String, String> policy : policies.entrySet()) {
      Path file =
          write(
              work,
              policy.getKey() + "/teams.rego",
              "package homelab.custom.teams\n\n" + policy.getValue() + "\n");
      Run run = onNginx(opa, file.getParent());
      assertThat(run.err())
          .as(policy.getKey())
          .startsWith("error: " + file + ":3: ")
          .contains("is not a set of violations")
          .contains("contains {\"rule\": ID, \"msg\": TEXT, \"path\": [KEY or INDEX, ...]} if");
      assertThat(run.exit()).as(policy.getKey()).isEqualTo(2);
    }
  }

  /**
   * A custom rule under a toolkit rule's id would take that rule's description, page and
   * exemptions, and one that is not kebab-case cannot be exempted by an annotation.
   */
  @Test
  void aCustomRuleIdThatIsAToolkitRuleOrNotKebabCaseIsAUsageError() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Map<String, String> ids =
        Map.of(
            "image-tag-latest", "is the id of a rule of the toolkit",
            "Team Missing", "is not kebab-case");
    for (Map.Entry<String, String> id : ids.entrySet()) {
      String folder = id.getKey().replace(' ', '_');
      Path file =
          write(
              work,
              folder + "/teams.rego",
              TEAM_POLICY.replace("deployment-team-missing", id.getKey()));
      Path bare =
          write(
              work,
              folder + "-bare/teams.rego",
              TEAM_POLICY
                  .replace("deployment-team-missing", id.getKey())
                  .replaceAll("(?m)^#.*\\n", ""));
      Run described = onNginx(opa, file.getParent());
      Run undescribed = onNginx(opa, bare.getParent());
      assertThat(described.err())
          .as("METADATA names the line")
          .startsWith("error: " + file + ":12: rule id `" + id.getKey() + "` " + id.getValue());
      assertThat(described.exit()).isEqualTo(2);
      assertThat(undescribed.err())
          .as("without METADATA the violation names it")
          .startsWith("error: " + bare + ": rule id `" + id.getKey() + "` " + id.getValue());
      assertThat(undescribed.exit()).isEqualTo(2);
    }
  }

  /**
   * A rule that returns another id than its METADATA declares would report findings that
   * --list-rules, --explain, exemptions and the SARIF rules know nothing of, so it is refused when
   * the policy loads, at the returned literal.
   */
  @Test
  void aReturnedRuleIdThatIsNotTheMetadataIdIsAUsageErrorNamingBoth() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path file =
        write(
            work,
            "policies/teams.rego",
            TEAM_POLICY.replace(
                "{\"rule\": \"deployment-team-missing\"",
                "{\"rule\": \"deployment-team-misisng\""));

    Run run = onNginx(opa, file.getParent());

    assertThat(run.err())
        .startsWith(
            "error: "
                + file
                + ":12:24: warn returns rule id `deployment-team-misisng`, but its METADATA at "
                + file
                + ":5 declares `deployment-team-missing`;")
        .endsWith("; correct whichever of the two is misspelt\n")
        .doesNotContain("\tat ");
    assertThat(run.out()).doesNotContain("deployment-team-misisng");
    assertThat(run.exit()).isEqualTo(2);
  }

  /**
   * A rule without METADATA of its own may report any id, unless its package declares ids: then an
   * id none of them names is a misspelling that --list-rules and exemptions would not know.
   */
  @Test
  void aReturnedRuleIdThatItsPackageDoesNotDeclareIsAUsageError() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    String bare =
        """

        deny contains {"rule": "statefulset-team-missing", "msg": "no team", "path": ["metadata"]} if {
        \tinput.resource.kind == "StatefulSet"
        }
        """;
    Path file = write(work, "policies/teams.rego", TEAM_POLICY + bare);

    Run run = onNginx(opa, file.getParent());

    assertThat(run.err())
        .startsWith(
            "error: "
                + file
                + ":18:24: deny returns rule id `statefulset-team-missing`, which no METADATA of"
                + " its package declares (it declares deployment-team-missing);");
    assertThat(run.exit()).isEqualTo(2);
  }

  /**
   * An id computed in the rule's body is known only from a finding, which is then refused naming
   * the file of its package, the id and the ids declared.
   */
  @Test
  void aComputedRuleIdThatIsNotDeclaredIsAUsageErrorAtItsFirstFinding() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path file =
        write(
            work,
            "policies/teams.rego",
            TEAM_POLICY
                .replace("{\"rule\": \"deployment-team-missing\"", "{\"rule\": id")
                .replace(
                    "\tinput.kind == \"manifest\"\n",
                    "\tinput.kind == \"manifest\"\n\tid := concat(\"-\", [\"deployment\", \"teams\"])\n"));

    Run run = onNginx(opa, file.getParent());

    assertThat(run.err())
        .startsWith(
            "error: "
                + file
                + ": a deny or warn of package homelab.custom.teams returned rule id"
                + " `deployment-teams` (at gitops/applications/nginx/deployment.yaml:7:3), which no"
                + " METADATA of its package declares (it declares deployment-team-missing);")
        .doesNotContain("\tat ");
    assertThat(run.out()).doesNotContain("deployment-teams");
    assertThat(run.exit()).isEqualTo(2);
  }

  /** --list-rules and the reports describe a rule by its METADATA, so a severity must be one. */
  @Test
  void aMetadataSeverityThatIsNoSeverityIsAUsageErrorNamingItsLine() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path file =
        write(
            work,
            "policies/teams.rego",
            TEAM_POLICY.replace("#   severity: warning", "#   severity: critical"));

    Run run = onNginx(opa, file.getParent());

    assertThat(run.err())
        .startsWith(
            "error: "
                + file
                + ":12: rule deployment-team-missing has severity `critical` in its METADATA,"
                + " which is none of error, warning and info");
    assertThat(run.exit()).isEqualTo(2);
  }

  /**
   * opa build formats the modules it bundles (a blank line after the package, a long head split),
   * so a METADATA mistake is placed by the user's file, not by the formatted copy.
   */
  @Test
  void aMetadataMistakeInAnUnformattedFileNamesTheRulesLineInThatFile() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path file =
        write(
            work,
            "policies/teams.rego",
            TEAM_POLICY
                .replace("package homelab.custom.teams\n\n", "package homelab.custom.teams\n")
                .replace("#   severity: warning", "#   severity: critical"));

    Run run = onNginx(opa, file.getParent());

    assertThat(run.err())
        .startsWith(
            "error: "
                + file
                + ":11: rule deployment-team-missing has severity `critical` in its METADATA,");
    assertThat(run.exit()).isEqualTo(2);
  }

  /**
   * A METADATA severity is what --list-rules and --explain show, so a rule's findings carry it,
   * info included; without one, a deny reports errors and a warn warnings.
   */
  @Test
  void aMetadataSeverityIsTheSeverityOfTheRulesFindings() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    String rule =
        """

        # METADATA
        # title: %s
        # custom:
        #   id: %s
        %s
        %s contains {"rule": "%s", "msg": "%s", "path": ["metadata", "labels"]} if {
        \tinput.kind == "manifest"
        \tinput.resource.kind == "Deployment"
        }
        """;
    StringBuilder policy = new StringBuilder("package homelab.custom.levels\n");
    for (String[] r :
        List.of(
            new String[] {"deployment-noted", "#   severity: info", "warn"},
            new String[] {"deployment-frowned", "#   severity: warning", "deny"},
            new String[] {"deployment-refused", "#", "deny"},
            new String[] {"deployment-doubted", "#", "warn"})) {
      policy.append(rule.formatted(r[0], r[0], r[1], r[2], r[0], r[0] + " found"));
    }
    Path file = write(work, "policies/levels.rego", policy.toString());

    Run run = onNginx(opa, file.getParent());
    Run listed =
        subprocess(
            opa.getParent() + ":/usr/bin:/bin",
            "--policy-dir",
            file.getParent().toString(),
            "--no-bundled",
            "--list-rules");

    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("info     deployment-noted found  [deployment-noted]")
        .contains("warning  deployment-frowned found  [deployment-frowned]")
        .contains("error    deployment-refused found  [deployment-refused]")
        .contains("warning  deployment-doubted found  [deployment-doubted]")
        .contains("policy: 1 error, 2 warnings, 1 info,");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(listed.out())
        .containsPattern("(?m)^deployment-noted +info +custom")
        .containsPattern("(?m)^deployment-frowned +warning +custom")
        .containsPattern("(?m)^deployment-refused +error +custom")
        .containsPattern("(?m)^deployment-doubted +warning +custom");
  }

  /**
   * An id its package's METADATA declares without a severity is listed at the severity its rules
   * report it at: a warn's warning, not the error a deny would give.
   */
  @Test
  void aPackageDeclaredIdWithoutSeverityIsListedAsItsWarnReportsIt() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path file =
        write(
            work,
            "policies/teams.rego",
            """
            # METADATA
            # title: Team ownership
            # custom:
            #   id: deployment-team-missing
            package homelab.custom.teams

            warn contains {"rule": "deployment-team-missing", "msg": "no team", "path": ["metadata"]} if {
            \tinput.kind == "manifest"
            \tinput.resource.kind == "Deployment"
            }
            """);

    Run run = onNginx(opa, file.getParent());
    Run listed =
        subprocess(
            opa.getParent() + ":/usr/bin:/bin",
            "--policy-dir",
            file.getParent().toString(),
            "--no-bundled",
            "--list-rules");

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("warning  no team  [deployment-team-missing]");
    assertThat(listed.out()).containsPattern("(?m)^deployment-team-missing +warning +custom");
  }

  /**
   * Two rules under one id would share one description and severity in --list-rules and the
   * reports, so a second METADATA declaring an id is refused at both places.
   */
  @Test
  void twoMetadataBlocksDeclaringOneIdAreAUsageErrorNamingBoth() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path second = write(work, "policies/teams.rego", TEAM_POLICY);
    Path first =
        write(
            work,
            "policies/owners.rego",
            TEAM_POLICY.replace("homelab.custom.teams", "homelab.custom.owners"));

    Run run = onNginx(opa, first.getParent());

    assertThat(run.err())
        .startsWith(
            "error: "
                + second
                + ":12: rule id `deployment-team-missing` is declared again, first at "
                + first
                + ":12;")
        .doesNotContain("internal error", "\tat ");
    assertThat(run.exit()).isEqualTo(2);
  }

  /**
   * Each --policy-dir is compiled on its own, so an id two of them declare is refused when they are
   * put together, not reported twice under one description; naming a folder twice is no conflict.
   */
  @Test
  void oneRuleIdDeclaredInTwoPolicyDirsIsAUsageErrorNamingBoth() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path first = write(work, "ours/teams.rego", TEAM_POLICY);
    Path second =
        write(
            work,
            "theirs/owners.rego",
            TEAM_POLICY.replace("homelab.custom.teams", "homelab.custom.owners"));
    String path = opa.getParent() + ":/usr/bin:/bin";
    String nginx = RepoPaths.gitopsTree().resolve("applications/nginx/deployment.yaml").toString();

    Run run =
        subprocess(
            path,
            "--policy-dir",
            first.getParent().toString(),
            "--policy-dir",
            second.getParent().toString(),
            nginx);
    Run twice =
        subprocess(
            path,
            "--policy-dir",
            first.getParent().toString(),
            "--policy-dir",
            first.getParent() + "/",
            nginx);

    assertThat(run.err())
        .startsWith(
            "error: "
                + second
                + ":12: rule id `deployment-team-missing` is declared again, first at "
                + first
                + ":12;")
        .doesNotContain("\tat ");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(twice.err()).isEmpty();
    assertThat(twice.out()).containsOnlyOnce("[deployment-team-missing]");
    assertThat(twice.exit()).isZero();
  }

  /**
   * opa drops a METADATA key it does not know, and the custom keys other than id, severity and
   * remediation are read by nothing, so a misspelt {@code severty} would change nothing silently.
   */
  @Test
  void anUnknownMetadataKeyIsAUsageErrorNamingItsLine() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Map<String, String> misspelt =
        Map.of(
            "top",
            TEAM_POLICY.replace("# title: Deployment without", "# titel: Deployment without"),
            "custom",
            TEAM_POLICY.replace("#   severity: warning", "#   severty: warning"));
    for (Map.Entry<String, String> policy : misspelt.entrySet()) {
      Path file = write(work, policy.getKey() + "/teams.rego", policy.getValue());
      Run run = onNginx(opa, file.getParent());
      String key = policy.getKey().equals("top") ? "`titel`" : "`custom.severty`";
      int line = policy.getKey().equals("top") ? 6 : 10;
      assertThat(run.err())
          .as(policy.getKey())
          .startsWith("error: " + file + ":" + line + ": METADATA key " + key + " is none of ")
          .doesNotContain("\tat ");
      assertThat(run.exit()).as(policy.getKey()).isEqualTo(2);
    }
  }

  /** A msg that is no text is named as such, not as missing. */
  @Test
  void aMessageThatIsNotTextIsAUsageErrorSayingSo() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path file =
        write(
            work,
            "policies/teams.rego",
            TEAM_POLICY.replaceFirst("\"msg\": sprintf\\([^)]*\\]\\)", "\"msg\": 42"));
    assertThat(Files.readString(file)).contains("\"msg\": 42,");

    Run run = onNginx(opa, file.getParent());

    assertThat(run.err())
        .startsWith("error: " + file + ":12: rule deployment-team-missing returned {")
        .contains("}, which has a msg that is not a string but 42; a violation must be")
        .doesNotContain("\tat ");
    assertThat(run.exit()).isEqualTo(2);
  }

  /** A METADATA id or severity that is no string is refused, not read as absent. */
  @Test
  void aMetadataIdOrSeverityThatIsNoStringIsAUsageErrorNamingItsLine() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Map<String, String> values =
        Map.of(
            "severity",
            TEAM_POLICY.replace("#   severity: warning", "#   severity: [warning]"),
            "id",
            TEAM_POLICY.replace("#   id: deployment-team-missing", "#   id: 5"));
    for (Map.Entry<String, String> value : values.entrySet()) {
      Path file = write(work, value.getKey() + "/teams.rego", value.getValue());
      Run run = onNginx(opa, file.getParent());
      assertThat(run.err())
          .as(value.getKey())
          .startsWith(
              "error: "
                  + file
                  + ":12: custom."
                  + value.getKey()
                  + " in METADATA is "
                  + (value.getKey().equals("id") ? "5" : "[\"warning\"]")
                  + ", not a string");
      assertThat(run.exit()).as(value.getKey()).isEqualTo(2);
    }
  }

  /**
   * The guide asks only for an id, severity and remediation, so a rule without a description runs.
   */
  @Test
  void aMetadataWithoutDescriptionTakesItsTitle() throws Exception {
    Path opa = PinnedOpa.orSkip("compiling custom .rego policies");
    Path file =
        write(
            work,
            "policies/teams.rego",
            TEAM_POLICY.replace(
                "# description: Every Deployment names the team that owns it.\n", ""));

    Run run = onNginx(opa, file.getParent());
    Run explained =
        subprocess(
            opa.getParent() + ":/usr/bin:/bin",
            "--policy-dir",
            file.getParent().toString(),
            "--explain",
            "deployment-team-missing");

    assertThat(run.err()).doesNotContain("internal error");
    assertThat(run.out()).contains("Deployment nginx-proxy has no team label");
    assertThat(run.exit()).isZero();
    assertThat(explained.out())
        .startsWith("deployment-team-missing (warning, custom)\nDeployment without team label.\n");
    assertThat(explained.exit()).isZero();
  }
}
