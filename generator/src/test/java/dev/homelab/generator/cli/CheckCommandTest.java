package dev.homelab.generator.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.cli.Cli;
import dev.homelab.core.testing.GitRepos;
import dev.homelab.core.testing.LabFixtures;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.StandardInputs;
import dev.homelab.core.testing.Trees;
import dev.homelab.policy.cli.PolicyCli;
import dev.homelab.validator.cli.ValidatorCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generator.jar check}: the validator and the policies as one run and one report. */
class CheckCommandTest {

  @TempDir Path scratch;

  record Run(int exit, String out, String err) {}

  private static Run check(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = Cli.execute(new GeneratorCli(), new PrintWriter(out), new PrintWriter(err), all);
    return new Run(exit, out.toString(), err.toString());
  }

  /** generate --check as the pre-commit hook runs it, on one named file. */
  private static Run generateCheck(Path file) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        GeneratorCli.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "--check",
            "--lab-files-only",
            file.toString());
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * Rendered output piped into check meets the policies too, positioned in the input; generate,
   * which works on the lab's folder, refuses standard input.
   */
  /** check takes validate's --no-strict and --require-schemas, with the same meaning. */
  @Test
  void checkTakesTheValidatorsStrictnessOptions() throws Exception {
    String manifests =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app-config
        colour: blue
        ---
        apiVersion: widgets.example.com/v1
        kind: Widget
        metadata:
          name: app-widget
        """;
    List<Run> runs = new ArrayList<>();
    for (String option : List.of("--fail-on=never", "--no-strict", "--require-schemas")) {
      runs.add(
          StandardInputs.piped(
              manifests.getBytes(UTF_8),
              () ->
                  check(
                      "--offline",
                      "--no-catalog",
                      "--config",
                      RepoPaths.gitopsTree().resolve("homelab.yaml").toString(),
                      "--format",
                      "github",
                      option,
                      "-")));
    }

    assertThat(runs).allSatisfy(run -> assertThat(run.exit()).as(run.err()).isNotEqualTo(2));
    assertThat(runs.get(0).out())
        .contains("::error file=<stdin>,line=5,col=1,")
        .contains("title=unknown-field::")
        .contains("::warning file=<stdin>,line=7,")
        .contains("title=schema-missing::");
    assertThat(runs.get(1).out()).doesNotContain("title=unknown-field::");
    assertThat(runs.get(2).out()).contains("::error file=<stdin>,line=7,");
    assertThat(runs.get(2).out()).doesNotContain("::warning file=<stdin>,line=7,");
  }

  @Test
  void checkTakesStandardInputAndGenerateRefusesIt() throws Exception {
    String rendered =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: rendered
        spec:
          containers:
            - name: app
              image: nginx:latest
        """;
    Run run =
        StandardInputs.piped(
            rendered.getBytes(UTF_8),
            () ->
                check(
                    "--offline",
                    "--config",
                    RepoPaths.gitopsTree().resolve("homelab.yaml").toString(),
                    "--format",
                    "github",
                    "-"));
    StringWriter err = new StringWriter();
    int generate =
        GeneratorCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "--check", "-");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("::error file=<stdin>,line=8,col=14,")
        .contains("title=image-tag-latest::");
    assertThat(generate).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "generate reads the lab from its folder; - (standard input) and --stdin-name are for"
                + " validate, policy and check");
  }

  /**
   * A hook passes a repository's staged workflow on its own: it belongs to no lab (no homelab.yaml
   * above it, and none in the working directory's tree), so neither check nor generate --check has
   * anything to do; without the option the workflow is read as a manifest and refused.
   */
  @Test
  void aHookRunNamingOnlyFilesInNoLabChecksNothingAndSaysSo() throws Exception {
    Files.createDirectories(scratch.resolve(".git"));
    Path workflow = scratch.resolve(".github/workflows/ci.yml");
    Files.createDirectories(workflow.getParent());
    Files.writeString(workflow, "on: [push]\njobs: {}\n");
    Path report = scratch.resolve("report.json");

    Run hook =
        check("--offline", "--lab-files-only", "--output", "json=" + report, workflow.toString());
    Run plain = check("--offline", workflow.toString());
    Run generate = generateCheck(workflow);

    assertThat(hook.exit()).as(hook.err()).isZero();
    assertThat(hook.err())
        .contains(
            "1 named path(s) belong to no lab (no homelab.yaml above them), and Argo CD syncs none"
                + " of them; nothing to check");
    assertThat(Files.readString(report)).contains("\"errors\" : 0").contains("\"files\" : 0");
    assertThat(plain.exit()).as(plain.err()).isNotZero();
    assertThat(generate.exit()).as(generate.err()).isZero();
    assertThat(generate.err()).contains("nothing to check");
  }

  /**
   * A hook names a staged symbolic link whose target the commit leaves out: check reports it as a
   * broken link of the lab rather than stop as if it were not there, and generate --check takes it
   * as one of the lab's files.
   */
  @Test
  void aHookRunNamingABrokenLinkReportsItAsAFinding() throws Exception {
    Path gitops = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), gitops);
    Trees.copy(RepoPaths.repoRoot().resolve("docs/diagrams"), scratch.resolve("docs/diagrams"));
    GitRepos.init(scratch);
    GitRepos.commitAll(scratch, "lab");
    Path link = gitops.resolve("applications/nginx/extra.yaml");
    Files.createSymbolicLink(link, Path.of("../shared/extra.yaml"));

    Run hook = check("--offline", "--no-catalog", "--lab-files-only", link.toString());
    Run generate = generateCheck(link);

    assertThat(hook.exit()).as(hook.err()).isEqualTo(1);
    assertThat(hook.out())
        .contains("gitops/applications/nginx/extra.yaml")
        .contains("broken symbolic link  [unreadable-file]");
    assertThat(generate.exit()).as(generate.err()).isZero();
  }

  /**
   * Argo CD follows a link that stays inside the repository, so a hook run reads a staged link in
   * the lab as the file it points at (here one beside the lab) under the link's own path, and the
   * generated Application syncs it; a link out of the repository is an error at the link.
   */
  @Test
  void aHookRunReadsALinkInsideTheRepositoryAndRefusesOneOutOfIt(@TempDir Path outside)
      throws Exception {
    Path gitops = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), gitops);
    Trees.copy(RepoPaths.repoRoot().resolve("docs/diagrams"), scratch.resolve("docs/diagrams"));
    Path shared = scratch.resolve("shared/nginx.yaml");
    Files.createDirectories(shared.getParent());
    Files.writeString(
        shared,
        Files.readString(gitops.resolve("applications/nginx/deployment.yaml"))
            .replace("nginx-unprivileged:1.28.0-alpine", "nginx-unprivileged:latest")
            .replace("name: nginx-proxy\n", "name: nginx-proxy-2\n"));
    GitRepos.commitAll(scratch, "lab");
    Path inside = gitops.resolve("applications/nginx/shared.yaml");
    Files.createSymbolicLink(inside, Path.of("../../../shared/nginx.yaml"));
    Files.writeString(outside.resolve("elsewhere.yaml"), "apiVersion: v1\nkind: ConfigMap\n");
    Path escape = gitops.resolve("applications/nginx/escape.yaml");
    Files.createSymbolicLink(escape, outside.resolve("elsewhere.yaml"));

    Run hook =
        check(
            "--offline", "--no-catalog", "--lab-files-only", inside.toString(), escape.toString());
    Run generate = generateCheck(inside);

    assertThat(hook.exit()).as(hook.err()).isEqualTo(1);
    assertThat(hook.out())
        .contains("gitops/applications/nginx/escape.yaml\n  1:1      error    symbolic link points")
        .contains("outside the repository, to " + outside.toRealPath().resolve("elsewhere.yaml"))
        .contains("gitops/applications/nginx/shared.yaml\n")
        .contains("[image-tag-latest]")
        .doesNotContain("applications/nginx/deployment.yaml");
    assertThat(generate.exit()).as(generate.err()).isEqualTo(1);
    assertThat(generate.out() + generate.err())
        .contains("stale: gitops/argocd/apps/dev/nginx.yaml");
  }

  /**
   * The pre-commit framework passes a staged .gitignore at the repository's top on its own: it lies
   * in no lab but decides which files of the lab below count. Here it stops ignoring a Secret kept
   * beside the manifests, so the lab is checked whole and the Secret reported, and the apps, which
   * would sync it now, are stale.
   */
  @Test
  void aHookRunNamingAnIgnoreFileAboveTheLabChecksTheLabWhole() throws Exception {
    Path gitops = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), gitops);
    Trees.copy(RepoPaths.repoRoot().resolve("docs/diagrams"), scratch.resolve("docs/diagrams"));
    Path ignore = scratch.resolve(".gitignore");
    Files.writeString(ignore, "*.local.yaml\n");
    GitRepos.commitAll(scratch, "lab");
    Files.writeString(
        gitops.resolve("applications/nginx/creds.local.yaml"),
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: nginx-creds
          namespace: dev
        stringData:
          password: hunter2
        """);
    Files.writeString(ignore, "*.tmp\n");

    Run hook = check("--offline", "--no-catalog", "--lab-files-only", ignore.toString());
    Run generate = generateCheck(ignore);

    assertThat(hook.exit()).as(hook.err()).isEqualTo(1);
    assertThat(hook.out())
        .contains("gitops/applications/nginx/creds.local.yaml\n")
        .contains("[secret-data-in-git]");
    assertThat(generate.exit()).as(generate.err()).isEqualTo(1);
    assertThat(generate.out() + generate.err())
        .contains("stale: gitops/argocd/apps/dev/nginx.yaml");
  }

  /** One of the CLIs that read the lab, run in-process on {@code args}. */
  private static Run tool(Callable<Integer> command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Cli.execute(command, new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * A homelab.yaml that generate cannot turn into Argo CD objects (namespaces that wait for each
   * other, two Applications with one name) stops validate, policy, check, the pre-commit hook and
   * generate alike, with one message at one line, as a dependency cycle between components does.
   */
  @Test
  void aLabThatGenerateCannotPlanIsRefusedByEveryToolAtItsLine() throws Exception {
    Path gitops = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), gitops);
    Trees.copy(RepoPaths.repoRoot().resolve("docs/diagrams"), scratch.resolve("docs/diagrams"));
    GitRepos.init(scratch);
    GitRepos.commitAll(scratch, "lab");
    Path config = gitops.resolve("homelab.yaml");
    String lab = Files.readString(config);
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put(
        lab.replace(
            "      version: v1.19.1\n    dependsOn: [infra-boundary]\n",
            "      version: v1.19.1\n    dependsOn: [infra-boundary, traefik]\n"),
        "gitops/homelab.yaml:264:33: error: namespaces depend on each other in a cycle, so they"
            + " have no sync order: kube-system → infra → kube-system"
            + " (kube-system/kube-system-boundary depends on infra/namespaces;"
            + " infra/cert-manager depends on kube-system/traefik)");
    refused.put(
        lab.replace(
            "  - name: dev-boundary\n",
            "  - name: namespace-dev\n    namespace: dev\n    path: applications/other\n"
                + "  - name: dev-boundary\n"),
        "gitops/homelab.yaml:393:11: error: Application `namespace-dev` would be generated twice"
            + " in namespace `argocd`: for namespace `dev` (line 215) and for component"
            + " `namespace-dev` (line 393); rename one of them");

    for (Map.Entry<String, String> entry : refused.entrySet()) {
      Files.writeString(config, entry.getKey());
      List<Run> runs =
          List.of(
              tool(new ValidatorCli(), "--offline", "--no-catalog", gitops.toString()),
              tool(new PolicyCli(), gitops.toString()),
              check("--offline", "--no-catalog", gitops.toString()),
              generateCheck(config),
              tool(new GeneratorCli(), gitops.toString(), "--offline", "--no-catalog"));

      assertThat(runs)
          .allSatisfy(
              run -> {
                assertThat(run.exit()).as(run.err()).isEqualTo(2);
                assertThat(run.err()).startsWith(entry.getValue() + "\n");
              });
    }
    assertThat(GitRepos.git(scratch, "status", "--porcelain"))
        .as("nothing written")
        .isEqualTo(" M gitops/homelab.yaml\n");
  }

  @Test
  void theLabPassesBothToolsInOneRun() throws Exception {
    Path gitops = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), gitops);

    Run run = check("--offline", "--no-catalog", gitops.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("check: 0 errors");
    assertThat(run.exit()).isZero();
  }

  @Test
  void oneReportHoldsSchemaAndPolicyFindingsOfTheNamedFiles() throws Exception {
    Path gitops = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), gitops);
    Path deployment = gitops.resolve("applications/nginx/deployment.yaml");
    Files.writeString(
        deployment, Files.readString(deployment).replace("replicas: 1", "replicas: -1"));
    Path configMap = gitops.resolve("applications/nginx/configmap.yaml");
    Files.writeString(
        configMap,
        Files.readString(configMap)
            .replace("\ndata:\n", "\ndata:\n  admin-password: \"Correct-Horse-Battery-9\"\n"));

    Run run =
        check(
            "--offline",
            "--no-catalog",
            "--format",
            "github",
            deployment.toString(),
            configMap.toString());

    assertThat(run.out())
        .contains("gitops/applications/nginx/deployment.yaml,line=14")
        .contains("title=invalid-value")
        .doesNotContain("unknown-field")
        .contains("title=credential-in-plain-text");
    assertThat(run.exit()).isEqualTo(1);
  }

  /**
   * A policy reads other objects through its index: a Certificate that stops writing the route's
   * secret breaks an IngressRoute the commit leaves alone. Real git repository, real policy Wasm.
   */
  @Test
  void aChangedCertificateReportsTheUntouchedRouteItNoLongerCovers() throws Exception {
    Path repo = scratch.resolve("lab");
    Path certificate = LabFixtures.committedDashboardLab(repo);
    assertThat(check("--offline", "--no-catalog", repo.resolve("gitops").toString()).out())
        .as("the lab with its dashboard route starts clean")
        .contains("check: 0 errors");
    Files.writeString(
        certificate,
        LabFixtures.GITOPS_DASHBOARD_CERTIFICATE.replace(
            "- traefik.home.jetzinger.com",
            "- traefik.home.jetzinger.com\n    - proxy.home.jetzinger.com"));
    Run harmless = check("--offline", "--no-catalog", "--base", "HEAD", certificate.toString());
    assertThat(harmless.err()).as("a name more covers the route still").isEmpty();
    assertThat(harmless.exit()).as(harmless.out()).isZero();
    Files.writeString(
        certificate,
        LabFixtures.GITOPS_DASHBOARD_CERTIFICATE.replace(
            "secretName: traefik-dashboard-tls", "secretName: traefik-dashboard-cert"));

    Run run =
        check(
            "--offline",
            "--no-catalog",
            "--base",
            "HEAD",
            "--format",
            "github",
            certificate.toString());

    assertThat(run.out())
        .as(run.err())
        .contains(
            "::error file=gitops/infrastructure/traefik/dashboard.yaml,line=24,col=17,endLine=24,"
                + "endColumn=38,title=ingressroute-certificate-missing::");
    assertThat(run.err())
        .contains(
            "the change causes new findings in 1 file(s) it does not touch"
                + " (gitops/infrastructure/traefik/dashboard.yaml)");
    assertThat(run.exit()).isEqualTo(1);
  }

  /**
   * --policy-dir adds custom policies as policy's does; a copy of the lab's own policy as the
   * custom one would report each of its findings a second time under the toolkit's rule ids, so it
   * is refused, naming the file.
   */
  @Test
  void policyDirEvaluatesTheCustomPoliciesBesideTheLabs() throws Exception {
    Path gitops = scratch.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), gitops);
    Path deployment = gitops.resolve("applications/nginx/deployment.yaml");
    Files.writeString(deployment, Files.readString(deployment).replace("1.28.0-alpine", "latest"));
    Path policies = Files.createDirectories(scratch.resolve("policies"));
    Path copy = policies.resolve("lab.wasm");
    Files.copy(
        RepoPaths.repoRoot()
            .resolve("policy/src/main/resources/dev/homelab/policy/wasm/policy.wasm"),
        copy);

    Run lab = check("--offline", "--format", "github", deployment.toString());
    Run withCustom =
        check(
            "--offline",
            "--format",
            "github",
            "--policy-dir",
            policies.toString(),
            deployment.toString());

    assertThat(lab.out().lines().filter(line -> line.contains("title=image-tag-latest::")))
        .hasSize(1);
    assertThat(withCustom.err())
        .startsWith(
            "error: " + copy + ": rule id `image-tag-latest` is the id of a rule of the toolkit");
    assertThat(withCustom.exit()).isEqualTo(2);
    Run empty = check("--policy-dir", Files.createDirectories(scratch.resolve("none")).toString());
    assertThat(empty.err()).contains("holds no .rego, .wasm or .tar.gz policy");
    assertThat(empty.exit()).isEqualTo(2);
  }

  @Test
  void listRulesNamesEveryRuleThatHasAPageAndRunsNothing() throws Exception {
    Set<String> pages = new TreeSet<>();
    try (Stream<Path> files = Files.list(RepoPaths.repoRoot().resolve("docs/rules"))) {
      files
          .map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".md") && !name.equals("README.md"))
          .forEach(name -> pages.add(name.substring(0, name.length() - ".md".length())));
    }

    Run run = check("--list-rules");

    List<String> lines = run.out().lines().toList();
    List<String> ids =
        lines.subList(0, lines.size() - 1).stream().map(l -> l.split(" +")[0]).toList();
    assertThat(ids).isSorted().containsExactlyElementsOf(pages);
    assertThat(lines.get(0))
        .matches("address-conflict +error +conventions +Two Services ask for the same node port.*");
    assertThat(lines.get(lines.size() - 1)).startsWith(pages.size() + " rules");
    assertThat(run.exit()).as(run.err()).isZero();
  }

  @Test
  void explainPrintsOneRuleOfEitherToolWrappedAndRunsNothing() {
    Run validatorRule = check("--explain", "reference-not-found");
    Run policyRule = check("--explain", "image-tag-latest");

    assertThat(validatorRule.exit()).as(validatorRule.err()).isZero();
    List<String> lines = validatorRule.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("reference-not-found (error, conventions)");
    assertThat(lines)
        .anyMatch(line -> line.startsWith("Why: The API server accepts a pod"))
        .anyMatch(line -> line.startsWith("How to fix: Add the missing object"))
        .anyMatch(line -> line.contains("ignore.homelab.dev/reference-not-found"))
        .contains("More: docs/rules/reference-not-found.md")
        .allMatch(line -> line.length() <= 100);
    assertThat(policyRule.exit()).as(policyRule.err()).isZero();
    assertThat(policyRule.out())
        .startsWith("image-tag-latest (error, policy)\nImage uses the latest tag.");
  }

  /**
   * A revision to compare with changes nothing in the rules listed, so it is not silently unused.
   */
  @Test
  void listingRulesRefusesABaseRevision() {
    Run run = check("--list-rules", "--base", "origin/main", "--offline");

    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo(
            "error: --list-rules checks no lab, so --base and --offline would change nothing;"
                + " leave them out\n");
  }

  @Test
  void anEmptyBaseIsAUsageErrorThatSaysItIsEmpty() {
    // The same option as the validator's, where an unset CI variable leaves it empty.
    Run run = check("--offline", "--base", "", "no-such-tree");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("error: --base was given an empty value;")
        .doesNotContain("no such revision", "no such file");
  }

  /** A custom rule is explained only with its folder, which the error has to point to. */
  @Test
  void explainingAnIdNearNoRuleSaysACustomRuleNeedsItsPolicyDir() {
    Run run = check("--explain", "deployment-team-missing");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "this command has no rule `deployment-team-missing` (a --policy-dir policy's rule is"
                + " known only to runs given that --policy-dir); --list-rules shows them");
  }

  @Test
  void explainingAnUnknownRuleIsAUsageErrorThatSuggestsTheNearestId() {
    Run run = check("--explain", "reference-not-fund");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(
            "this command has no rule `reference-not-fund` (did you mean `reference-not-found`?)")
        .doesNotContain("Exception");
  }
}
