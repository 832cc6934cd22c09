package dev.homelab.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.Trees;
import dev.homelab.generator.git.RepositoryLock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole refresh against real repositories: a clone of a real bare remote over {@code file://},
 * the generator run in-process, and every result read back through the git CLI.
 */
class GeneratorGitTest {
  private static final String ROOT = "gitops/argocd/root.yaml";
  private static final String CERT_MANAGER = "gitops/argocd/apps/infra/cert-manager.yaml";
  private static final String WEB = "gitops/argocd/apps/apps/web.yaml";
  private static final String DIAGRAM = "docs/diagrams/app-of-apps.md";

  @TempDir Path scratch;
  private TestLab lab;

  @BeforeEach
  void createLab() throws IOException {
    lab = TestLab.create(scratch);
  }

  @Test
  void anotherGitCommandsIndexLockIsRefusedBeforeAnyFileIsWritten() throws IOException {
    Path indexLock = Files.createFile(lab.local.resolve(".git/index.lock"));
    int before = lab.commitCount();

    TestLab.Run locked = lab.generate();

    assertThat(locked.exitCode()).as(locked.toString()).isEqualTo(1);
    assertThat(locked.err())
        .contains("cannot commit: " + indexLock + " exists", "another git command")
        .doesNotContain("JGitInternalException");
    assertThat(lab.exists(ROOT)).as("nothing written").isFalse();
    assertThat(lab.commitCount()).isEqualTo(before);

    Files.delete(indexLock);
    assertThat(lab.generate().exitCode()).isZero();
    assertThat(lab.exists(ROOT)).isTrue();
  }

  /**
   * A PR check uploads the report it asked for, so a held index.lock, which refuses the commit
   * before the gate would run, still gets the gate's report; the git error keeps exit 1.
   */
  @Test
  void aHeldIndexLockStillWritesTheRequestedReport() throws IOException {
    lab.write(
        "gitops/applications/web/configmap.yaml", TestLab.configMap("web", "apps", "[not, text]"));
    lab.commitAll("Break the ConfigMap");
    Path indexLock = Files.createFile(lab.local.resolve(".git/index.lock"));
    Path sarif = scratch.resolve("gate.sarif");

    TestLab.Run locked = lab.generate("--format", "json", "--output", "sarif=" + sarif);

    assertThat(locked.exitCode()).as(locked.toString()).isEqualTo(1);
    assertThat(sarif).content().contains("\"ruleId\" : \"wrong-type\"", "web/configmap.yaml");
    assertThat(locked.out()).startsWith("{").contains("\"tool\" : \"generator\"");
    assertThat(locked.err())
        .contains("The gate found problems.", "cannot commit: " + indexLock + " exists")
        .doesNotContain("nothing was written or committed");
    assertThat(lab.exists(ROOT)).as("nothing written").isFalse();
  }

  /** A git repository that cannot be opened leaves no lab to gate, and the message says so. */
  @Test
  void aRepositoryThatCannotBeOpenedSaysWhyTheRequestedReportWasNotWritten() throws IOException {
    // A config git cannot parse, as an editor crash or a bad merge of it leaves behind.
    Files.writeString(lab.local.resolve(".git/config"), "[core\n");
    Path sarif = scratch.resolve("gate.sarif");

    TestLab.Run run = lab.generate("--format", "json", "--output", "sarif=" + sarif);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("error: could not open the git repository at ")
        .endsWith(
            "; no report was written for --format or --output, since the gate needs the lab's git"
                + " repository\n");
    assertThat(sarif).doesNotExist();
  }

  @Test
  void aCommitThatFailsAfterTheWritePutsTheFilesAndTheIndexBack() throws IOException {
    assertThat(lab.generate().exitCode()).isZero();
    lab.editConfig("version: v1.19.1", "version: v1.19.2");
    lab.commitAll("Bump cert-manager");
    String certManager = lab.read(CERT_MANAGER);
    lab.write("README.md", "staged by the user\n");
    lab.git.run(lab.local, "add", "README.md");
    String status = lab.status();
    // Another git command updating the branch holds its ref lock, so the commit cannot move HEAD.
    Path refLock = Files.createFile(lab.local.resolve(".git/refs/heads/main.lock"));
    int before = lab.commitCount();

    TestLab.Run failed = lab.generate();

    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    assertThat(failed.err())
        .contains(
            "could not commit",
            "Could not lock HEAD",
            "the index was left as it was",
            "the generated files were put back as they were")
        .doesNotContain("Exception");
    assertThat(lab.commitCount()).isEqualTo(before);
    assertThat(lab.read(CERT_MANAGER)).isEqualTo(certManager).contains("v1.19.1");
    assertThat(lab.status()).isEqualTo(status);

    Files.delete(refLock);
    TestLab.Run retried = lab.generate();
    assertThat(retried.exitCode()).as(retried.toString()).isZero();
    assertThat(lab.lastCommitFiles()).containsExactly("M\t" + CERT_MANAGER);
    assertThat(lab.status()).isEqualTo(status);
  }

  @Test
  void aDocsPathOutsideTheRepositoryIsNamedAtItsLineInHomelabYaml() {
    lab.editConfig(
        "layers: [infrastructure, applications]\n",
        "layers: [infrastructure, applications]\ndocsPath: ../../docs\n");
    int line = lab.read("gitops/homelab.yaml").lines().toList().indexOf("docsPath: ../../docs") + 1;
    String status = lab.status();

    TestLab.Run refused = lab.generate("--check");

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err())
        .contains("homelab.yaml:" + line + ":11: error: `docsPath` is `../../docs`")
        .contains("outside the repository")
        .doesNotContain("generatedPath")
        .doesNotContain("Exception");
    assertThat(lab.status()).isEqualTo(status);
  }

  @Test
  void commitSigningThatJGitCannotDoIsAConfigErrorBeforeAnyFileIsWritten() {
    lab.git.run(lab.local, "config", "commit.gpgSign", "true");
    String status = lab.status();

    TestLab.Run openpgp = lab.generate();

    assertThat(openpgp.exitCode()).as(openpgp.toString()).isEqualTo(2);
    assertThat(openpgp.err())
        .contains("commit.gpgSign", "cannot sign openpgp commits", "nothing was written")
        .contains("config commit.gpgSign false")
        .doesNotContain("Exception");
    assertThat(lab.exists(ROOT)).as("nothing written").isFalse();
    assertThat(lab.status()).isEqualTo(status);

    lab.git.run(lab.local, "config", "gpg.format", "ssh");
    TestLab.Run sshWithoutKey = lab.generate();

    assertThat(sshWithoutKey.exitCode()).as(sshWithoutKey.toString()).isEqualTo(2);
    assertThat(sshWithoutKey.err())
        .contains("commit.gpgSign", "ssh", "user.signingKey", "nothing was written")
        .doesNotContain("Exception");
    assertThat(lab.exists(ROOT)).as("nothing written").isFalse();

    lab.git.run(lab.local, "config", "commit.gpgSign", "false");
    assertThat(lab.generate().exitCode()).isZero();
    assertThat(lab.exists(ROOT)).isTrue();
  }

  @Test
  void aMergeInProgressIsRefusedBeforeAnyFileIsWritten() {
    lab.git.run(lab.local, "checkout", "-q", "-b", "side");
    lab.write("notes.txt", "side\n");
    lab.commitAll("side note");
    lab.git.run(lab.local, "checkout", "-q", "-");
    lab.git.run(lab.local, "merge", "-q", "--no-ff", "--no-commit", "side");

    TestLab.Run merging = lab.generate();

    assertThat(merging.exitCode()).as(merging.toString()).isEqualTo(1);
    assertThat(merging.err()).contains("is in the middle of", "finish or abort that first");
    assertThat(lab.exists(ROOT)).as("nothing written").isFalse();
  }

  @Test
  void firstRunCommitsTheAppOfAppsAndSecondRunMakesNoCommit() {
    int before = lab.commitCount();

    TestLab.Run first = lab.generate();

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(lab.commitCount()).isEqualTo(before + 1);
    assertThat(lab.git.run(lab.local, "log", "-1", "--format=%an <%ae>")).isEqualTo(TestLab.AUTHOR);
    assertThat(lab.lastCommitFiles())
        .containsExactly(
            "A\t" + DIAGRAM,
            "A\tgitops/argocd/apps/apps/web.yaml",
            "A\t" + CERT_MANAGER,
            "A\tgitops/argocd/apps/infra/namespaces.yaml",
            "A\tgitops/argocd/namespaces/apps.yaml",
            "A\tgitops/argocd/namespaces/infra.yaml",
            "A\t" + ROOT);
    assertThat(lab.lastMessage())
        .startsWith("Refresh Argo CD app-of-apps: 8 added, 0 changed, 0 removed")
        .contains(
            "- Application cert-manager", "- AppProject infra", "- Application test-lab-root");
    assertThat(lab.status()).as("everything generated is committed").isEmpty();
    // The header holds in an operator's own lab repository too, so it names no toolkit build path.
    assertThat(lab.read(WEB).lines().findFirst().orElseThrow())
        .isEqualTo(
            "# Generated by homelab generator from gitops/homelab.yaml; do not edit. Run: homelab"
                + " generate (java -jar generator.jar)");
    assertThat(lab.read(WEB))
        .contains("include: configmap.yaml")
        .doesNotContain("build.sh", "README");
    assertThat(lab.read(DIAGRAM))
        .startsWith("<!-- Generated by homelab generator")
        .contains(
            "```mermaid\nflowchart LR\n",
            "  subgraph ns_infra[\"infra · wave 0\"]\n    c_namespaces[\"namespaces · wave 0\"]\n",
            "  subgraph ns_apps[\"apps · wave 1\"]\n    c_web[\"web · wave 2\"]\n  end\n",
            "  c_cert_manager --> c_web\n");

    String head = lab.head();
    TestLab.Run second = lab.generate();

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).contains("is up to date");
    assertThat(lab.head()).isEqualTo(head);
    assertThat(lab.status()).isEmpty();
  }

  /**
   * A leading ./ is how many operators write relative paths: the gate (validate's and policy's
   * rules) and the generator both read ./ paths as the same folders, so the output does not move.
   */
  @Test
  void pathsWithALeadingDotSlashGenerateTheSameOutputAsWithout() {
    TestLab.Run plain = lab.generate();
    assertThat(plain.exitCode()).as(plain.toString()).isZero();
    lab.editConfig("path: gitops", "path: ./gitops");
    lab.editConfig("path: infrastructure/namespaces", "path: ./infrastructure/namespaces");
    lab.editConfig("path: applications/web", "path: ././applications/web");
    lab.editConfig("layers:", "generatedPath: ./argocd\nlayers:");
    lab.commitAll("Write the lab's paths with ./");
    String head = lab.head();

    TestLab.Run dotted = lab.generate();

    assertThat(dotted.exitCode()).as(dotted.toString()).isZero();
    assertThat(dotted.out()).contains("is up to date");
    assertThat(dotted.err()).doesNotContain("warning", "error");
    assertThat(lab.head()).isEqualTo(head);
    assertThat(lab.status()).isEmpty();
  }

  /**
   * The commit takes only the generated files, so a component added but not committed yet would
   * reach Argo CD as an Application whose homelab.yaml entry and folder git does not have.
   */
  @Test
  void aCommitBesideUncommittedLabFilesNamesThem() {
    assertThat(lab.generate().exitCode()).isZero();
    lab.editConfig(
        "    dependsOn: [cert-manager]\n",
        "    dependsOn: [cert-manager]\n"
            + "  - name: api\n    namespace: apps\n    path: applications/api\n");
    lab.write("gitops/applications/api/configmap.yaml", TestLab.configMap("api", "apps", "hi"));
    lab.write("README.md", "outside the lab\n");

    TestLab.Run added = lab.generate();

    assertThat(added.exitCode()).as(added.toString()).isZero();
    assertThat(lab.lastCommitFiles())
        .containsExactly("M\t" + DIAGRAM, "A\tgitops/argocd/apps/apps/api.yaml");
    assertThat(added.err())
        .contains(
            "note: the commit holds only the generated files, and Argo CD syncs what git holds;"
                + " commit the lab's files they follow too: gitops/applications/api/configmap.yaml,"
                + " gitops/homelab.yaml\n")
        .doesNotContain("README.md");

    lab.commitAll("Add api");
    lab.editConfig("version: v1.19.1", "version: v1.19.2");
    lab.commitAll("Bump cert-manager");
    TestLab.Run committed = lab.generate();

    assertThat(committed.exitCode()).as(committed.toString()).isZero();
    assertThat(committed.err()).doesNotContain("note:");
  }

  @Test
  void aComponentIsAddedThenChangedThenRemovedOnlyWithAllowDelete() {
    assertThat(lab.generate().exitCode()).isZero();

    lab.editConfig(
        "    dependsOn: [cert-manager]\n",
        "    dependsOn: [cert-manager]\n"
            + "  - name: api\n    namespace: apps\n    path: applications/api\n");
    lab.write("gitops/applications/api/configmap.yaml", TestLab.configMap("api", "apps", "hi"));
    lab.commitAll("Add api");
    TestLab.Run added = lab.generate();

    assertThat(added.exitCode()).as(added.toString()).isZero();
    assertThat(lab.lastCommitFiles())
        .containsExactly("M\t" + DIAGRAM, "A\tgitops/argocd/apps/apps/api.yaml");
    assertThat(lab.lastMessage())
        .startsWith("Refresh Argo CD app-of-apps: 1 added, 0 changed, 0 removed")
        .endsWith("Added:\n- Application api");

    lab.editConfig("version: v1.19.1", "version: v1.19.2");
    lab.commitAll("Bump cert-manager");
    TestLab.Run changed = lab.generate();

    assertThat(changed.exitCode()).as(changed.toString()).isZero();
    assertThat(lab.lastCommitFiles()).containsExactly("M\t" + CERT_MANAGER);
    assertThat(lab.lastMessage()).endsWith("Changed:\n- Application cert-manager");
    assertThat(lab.read(CERT_MANAGER)).contains("targetRevision: v1.19.2");

    lab.editConfig("  - name: api\n    namespace: apps\n    path: applications/api\n", "");
    lab.git.run(lab.local, "rm", "-q", "-r", "gitops/applications/api");
    lab.commitAll("Remove api");
    int commitsBefore = lab.commitCount();
    TestLab.Run refused = lab.generate();

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err())
        .contains(
            "error: Application `api` is removed (component path applications/api). Argo CD"
                + " deletes `api` in namespace argocd, and its finalizer"
                + " resources-finalizer.argocd.argoproj.io deletes every resource it deployed to"
                + " namespace apps from gitops/applications/api",
            "persistent volume claims and their data included.",
            "Refusing to remove 1 Application(s); nothing was written. Pass --allow-delete");
    assertThat(lab.exists("gitops/argocd/apps/apps/api.yaml")).isTrue();
    assertThat(lab.commitCount()).isEqualTo(commitsBefore);
    assertThat(lab.status()).isEmpty();

    TestLab.Run removed = lab.generate("--allow-delete");

    assertThat(removed.exitCode()).as(removed.toString()).isZero();
    assertThat(removed.err()).contains("warning: Application `api` is removed");
    assertThat(lab.exists("gitops/argocd/apps/apps/api.yaml")).isFalse();
    assertThat(lab.lastCommitFiles())
        .containsExactly("M\t" + DIAGRAM, "D\tgitops/argocd/apps/apps/api.yaml");
    assertThat(lab.lastMessage())
        .startsWith("Refresh Argo CD app-of-apps: 0 added, 0 changed, 1 removed")
        .endsWith("Removed:\n- Application api");
  }

  @Test
  void aTreeOutsideAnyGitRepositoryIsAUsageError() {
    Path outside = scratch.resolve("no-repository/gitops");
    Trees.copy(lab.tree, outside);

    for (String mode : List.of("--check", "--dry-run")) {
      TestLab.Run run = TestLab.cli(outside.toString(), "--offline", "--no-catalog", mode);

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "error: no git repository at or above "
                  + outside
                  + "; run inside the GitOps repository or pass --repo PATH|URL\n");
    }
  }

  @Test
  void aBadConfigOutsideAnyGitRepositoryIsNamedByAPathThatLeadsToIt() throws Exception {
    Path outside = scratch.resolve("no-repository/gitops");
    Trees.copy(lab.tree, outside);
    Path config = outside.resolve("homelab.yaml");
    Files.writeString(config, Files.readString(config) + "bogus: 1\n");

    TestLab.Run run = TestLab.cli(outside.toString(), "--offline", "--no-catalog", "--check");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).startsWith(config + ":").contains(": error: unknown field `bogus`");
  }

  @Test
  void aDryRunRefusesToBeAskedToPush() {
    lab.editConfig("version: v1.19.1", "version: v1.19.2");
    String head = lab.head();

    TestLab.Run run = lab.generate("--dry-run", "--push");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "error: --dry-run writes, commits and pushes nothing, so --push would do nothing;"
                + " leave out one or the other\n");
    assertThat(run.out()).isEmpty();
    assertThat(lab.head()).isEqualTo(head);
  }

  @Test
  void uncommittedEditsOfGeneratedFilesAreRefusedByName() {
    assertThat(lab.generate().exitCode()).isZero();
    String head = lab.head();
    lab.write(ROOT, lab.read(ROOT) + "# hand edit\n");
    lab.write("gitops/argocd/apps/apps/notes.yaml", "note: untracked\n");
    lab.editConfig("version: v1.19.1", "version: v1.19.2");

    TestLab.Run run = lab.generate();

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "uncommitted local edits",
            "  " + ROOT,
            "  gitops/argocd/apps/apps/notes.yaml",
            "would lose the edits, and its commit would take in the untracked ones.");
    assertThat(lab.read(ROOT)).endsWith("# hand edit\n");
    assertThat(lab.read(CERT_MANAGER)).contains("v1.19.1");
    assertThat(lab.head()).isEqualTo(head);
  }

  @Test
  void anUntrackedFileAmongTheGeneratedOnesIsRefusedForWhatTheCommitWouldTakeIn() {
    assertThat(lab.generate().exitCode()).isZero();
    String head = lab.head();
    lab.write("gitops/argocd/apps/apps/notes.yaml", "note: untracked\n");
    lab.editConfig("version: v1.19.1", "version: v1.19.2");

    TestLab.Run run = lab.generate();

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "  gitops/argocd/apps/apps/notes.yaml",
            "); the generator's commit would take in these untracked files.")
        .doesNotContain("would lose the edits");
    assertThat(lab.head()).isEqualTo(head);
  }

  @Test
  void theSuggestedCommandDiscardsStagedAndUnstagedEditsSoTheNextRunSucceeds() {
    assertThat(lab.generate().exitCode()).isZero();
    lab.write(ROOT, lab.read(ROOT) + "# staged hand edit\n");
    lab.git.run(lab.local, "add", ROOT);
    lab.write(WEB, lab.read(WEB) + "# unstaged hand edit\n");

    TestLab.Run refused = lab.generate();

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("  " + ROOT, "  " + WEB);
    Matcher suggestion =
        Pattern.compile("discard them \\((.+)\\); the generator").matcher(refused.err());
    assertThat(suggestion.find()).as(refused.err()).isTrue();
    // The CLI ran in this JVM's folder, outside the lab, so the command points git at the lab.
    assertThat(suggestion.group(1))
        .startsWith("git -C " + lab.local + " restore --staged --worktree -- ");
    lab.git.shell(Path.of("").toAbsolutePath(), suggestion.group(1));

    TestLab.Run after = lab.generate();
    assertThat(after.exitCode()).as(after.toString()).isZero();
    assertThat(lab.status()).isEmpty();
    assertThat(lab.read(ROOT)).doesNotContain("hand edit");
  }

  @Test
  void aRenameIsRefusedWithWhatItDeletesAndDoneWithAllowRename() {
    assertThat(lab.generate().exitCode()).isZero();
    String head = lab.head();
    lab.editConfig("  - name: web\n", "  - name: website\n");
    lab.commitAll("Rename web to website");

    TestLab.Run refused = lab.generate();

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err())
        .contains(
            "Application `web` becomes `website` (component path applications/web)",
            "finalizer resources-finalizer.argocd.argoproj.io deletes every resource it deployed"
                + " to namespace apps",
            "gitops/applications/web (configmap.yaml) of https://example.com/lab.git at main",
            "--allow-rename");
    assertThat(lab.exists(WEB)).isTrue();
    assertThat(lab.exists("gitops/argocd/apps/apps/website.yaml")).isFalse();
    assertThat(lab.git.run(lab.local, "rev-parse", "HEAD~1")).isEqualTo(head);

    TestLab.Run allowed = lab.generate("--allow-rename");

    assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
    assertThat(allowed.err()).contains("warning: Application `web` becomes `website`");
    assertThat(lab.lastCommitFiles())
        .contains("D\t" + WEB, "A\tgitops/argocd/apps/apps/website.yaml");
    assertThat(lab.lastMessage()).contains("- Application website", "Removed:\n- Application web");
  }

  @Test
  void aCycleBetweenNamespacesIsRefusedNamingTheComponentEdges() {
    lab.editConfig(
        "    dependsOn: [cert-manager]\n",
        "    dependsOn: [cert-manager]\n"
            + "  - name: web-db\n    namespace: apps\n    path: applications/web-db\n");
    lab.editConfig("    dependsOn: [namespaces]\n", "    dependsOn: [namespaces, web-db]\n");
    lab.write(
        "gitops/applications/web-db/configmap.yaml", TestLab.configMap("web-db", "apps", "x"));
    lab.commitAll("Make infra and apps depend on each other");
    int before = lab.commitCount();

    TestLab.Run run = lab.generate();

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "gitops/homelab.yaml:50:17: error: namespaces depend on each other in a cycle, so they"
                + " have no sync order: infra → apps → infra (infra/cert-manager depends on"
                + " apps/web-db; apps/web depends on infra/cert-manager)\n"
                + "The lab config is invalid; nothing was checked.");
    assertThat(lab.exists("gitops/argocd")).isFalse();
    assertThat(lab.commitCount()).isEqualTo(before);
  }

  @Test
  void twoApplicationsWithOneNameAreAConfigErrorNamingBothLines() {
    lab.editConfig(
        "    dependsOn: [cert-manager]\n",
        "    dependsOn: [cert-manager]\n"
            + "  - name: namespace-apps\n    namespace: apps\n    path: applications/other\n");
    lab.write("gitops/applications/other/configmap.yaml", TestLab.configMap("other", "apps", "x"));
    lab.commitAll("Add a component that clashes with a namespace Application");

    TestLab.Run run = lab.generate();

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "gitops/homelab.yaml:51:11: error: Application `namespace-apps` would be generated"
                + " twice in namespace `argocd`: for namespace `apps` (line 28) and for component"
                + " `namespace-apps` (line 51); rename one of them\n");
    assertThat(lab.exists("gitops/argocd")).isFalse();
  }

  /**
   * A homelab.yaml that loads but does not plan keeps exit 2 and its message, yet a CI job still
   * gets the report it uploads, with the lab's checks, as after a git or usage error before the
   * gate; one that does not load gets none, as from validate.
   */
  @Test
  void aLabThatDoesNotPlanStillWritesTheRequestedReport() {
    lab.editConfig(
        "    dependsOn: [cert-manager]\n",
        "    dependsOn: [cert-manager]\n"
            + "  - name: empty\n    namespace: apps\n    path: applications/empty\n");
    lab.write("gitops/applications/empty/README.md", "Manifests to come.\n");
    lab.commitAll("Add a component without manifests");
    Path junit = scratch.resolve("no-manifests.xml");

    TestLab.Run noManifests = lab.generate("--output", "junit=" + junit);

    assertThat(noManifests.exitCode()).as(noManifests.toString()).isEqualTo(2);
    assertThat(noManifests.err())
        .contains("The gate found problems.")
        .containsPattern("gitops/homelab\\.yaml:\\d+:\\d+: .*component `empty` has no manifests");
    assertThat(junit).content().contains("<failure", "component-folder");
    assertThat(lab.exists("gitops/argocd")).as("nothing written").isFalse();

    // A namespace cycle stops the load, as it stops validate, so there is no report.
    lab.write("gitops/applications/empty/configmap.yaml", TestLab.configMap("empty", "apps", "x"));
    lab.editConfig("    dependsOn: [namespaces]\n", "    dependsOn: [namespaces, empty]\n");
    lab.commitAll("Make infra and apps depend on each other");
    Path json = scratch.resolve("cycle.json");

    TestLab.Run cycle = lab.generate("--output", "json=" + json);

    assertThat(cycle.exitCode()).as(cycle.toString()).isEqualTo(2);
    assertThat(cycle.err())
        .containsPattern("gitops/homelab\\.yaml:\\d+:\\d+: .*namespaces depend on each other")
        .contains("The lab config is invalid; nothing was checked.");
    assertThat(json).doesNotExist();
    assertThat(lab.exists("gitops/argocd")).as("nothing written").isFalse();
  }

  /**
   * The gate runs the validator and the policies in one report, as check does, so a host outside
   * the domain is one finding there too, under the convention's id.
   */
  @Test
  void theGateReportsAHostOutsideTheDomainOnce() throws IOException {
    lab.write(
        "gitops/applications/web/route.yaml",
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: web-route
          namespace: apps
          labels:
            app.kubernetes.io/name: web
            app.kubernetes.io/instance: web
            app.kubernetes.io/component: route
            app.kubernetes.io/part-of: test-lab
            app.kubernetes.io/managed-by: argocd
        spec:
          hostnames:
            - web.example.org
        """);
    lab.commitAll("Serve web outside the domain");
    Path json = scratch.resolve("gate.json");

    TestLab.Run run = lab.generate("--output", "json=" + json);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    List<String> atHost = new ArrayList<>();
    for (JsonNode finding : JsonMapper.builder().build().readTree(json.toFile()).path("findings")) {
      if (finding.path("file").asString().endsWith("applications/web/route.yaml")
          && finding.path("line").asInt() == 14) {
        atHost.add(finding.path("rule").asString());
      }
    }
    assertThat(atHost).containsExactly("host-pattern");
  }

  @Test
  void theGateStopsABrokenTreeAndNothingIsWritten() {
    lab.write(
        "gitops/applications/web/configmap.yaml", TestLab.configMap("web", "apps", "[not, text]"));
    lab.commitAll("Break the ConfigMap");
    int before = lab.commitCount();

    TestLab.Run run = lab.generate();

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .contains("gitops/applications/web/configmap.yaml", "error", "nothing was written");
    assertThat(lab.exists("gitops/argocd")).isFalse();
    assertThat(lab.exists(DIAGRAM)).isFalse();
    assertThat(lab.commitCount()).isEqualTo(before);
    assertThat(lab.status()).isEmpty();
  }

  /** As for the validator: a schema folder in the lab's tree but in no component is not checked. */
  @Test
  void theGateLeavesOutTheSchemasOfALocationInsideTheTree() {
    lab.write("gitops/schemas/widgets.example.com/widget_v1.json", "{\"type\": \"object\"}\n");
    lab.commitAll("Add a schema folder");
    Path schemas = lab.local.resolve("gitops/schemas");

    TestLab.Run run = lab.generate("--schema-location", schemas.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err())
        .contains(
            "note: 1 file(s) are schemas of --schema-location "
                + schemas
                + ", not manifests, and are not checked as such:"
                + " gitops/schemas/widgets.example.com/widget_v1.json");
    assertThat(run.out() + run.err()).doesNotContain("manifest-missing-type");
  }

  /** The gate says how it checks as validate and check do: once, and in the same words. */
  @Test
  void theGatePrintsTheNotesThatCheckPrints() {
    lab.editConfig("version: \"1.34\"", "version: \"1.33\"");
    lab.commitAll("Move to Kubernetes 1.33");
    TestLab.Run check =
        TestLab.cli("check", "--offline", "--no-catalog", "--quiet", lab.tree.toString());
    List<String> notes = check.err().lines().filter(line -> line.startsWith("note: ")).toList();
    assertThat(notes)
        .singleElement()
        .asString()
        .contains("the lab runs Kubernetes 1.33, but its built-in kinds are checked against");

    TestLab.Run run = lab.generate();

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err().lines().filter(line -> line.startsWith("note: ")).toList())
        .isEqualTo(notes);
  }

  @Test
  void theGateReportGoesToStdoutInTheChosenFormat() {
    lab.write(
        "gitops/applications/web/configmap.yaml", TestLab.configMap("web", "apps", "[not, text]"));
    lab.commitAll("Break the ConfigMap");

    Path sarif = scratch.resolve("gate.sarif");
    TestLab.Run run = lab.generate("--format", "json", "--output", "sarif=" + sarif);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(sarif).content().contains("\"ruleId\" : \"wrong-type\"", "web/configmap.yaml");
    assertThat(run.out())
        .startsWith("{")
        .contains("\"tool\" : \"generator\"", "\"rule\" : \"wrong-type\"", "web/configmap.yaml");
    assertThat(run.err()).contains("nothing was written").doesNotContain("configmap.yaml");
    assertThat(lab.exists(ROOT)).isFalse();
  }

  /**
   * A requested report is written even when nothing needs refreshing, so a workflow that uploads it
   * finds it; the gate's errors then fail the run as they do on a refresh.
   */
  @Test
  void anUpToDateRunWithARequestedReportRunsTheGateAndWritesIt() throws Exception {
    assertThat(lab.generate().exitCode()).isZero();
    lab.write(
        "gitops/applications/web/configmap.yaml", TestLab.configMap("web", "apps", "[not, text]"));
    lab.commitAll("Break the ConfigMap");
    String head = lab.head();
    Path sarif = scratch.resolve("gate.sarif");

    TestLab.Run plain = lab.generate();
    TestLab.Run reported = lab.generate("--format", "json", "--output", "sarif=" + sarif);

    assertThat(plain.exitCode()).as("no report asked, no gate: " + plain).isZero();
    assertThat(reported.exitCode()).as(reported.toString()).isEqualTo(1);
    assertThat(sarif).content().contains("\"ruleId\" : \"wrong-type\"", "web/configmap.yaml");
    JsonNode report = JsonMapper.builder().build().readTree(reported.out());
    assertThat(report.path("tool").asString()).isEqualTo("generator");
    assertThat(reported.err())
        .contains("is up to date", "The gate found problems")
        .doesNotContain("nothing was written");
    assertThat(lab.head()).isEqualTo(head);
    assertThat(lab.status()).isEmpty();
  }

  /** A run that refuses hand edits still writes the report it was asked for. */
  @Test
  void aRefusedRunWritesTheRequestedReport() {
    assertThat(lab.generate().exitCode()).isZero();
    lab.write(ROOT, lab.read(ROOT) + "# hand edit\n");
    lab.editConfig("version: v1.19.1", "version: v1.19.2");
    Path json = scratch.resolve("gate.json");

    TestLab.Run run = lab.generate("--output", "json=" + json);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("uncommitted local edits", "Gate passed: 0 errors");
    assertThat(json).content().contains("\"tool\" : \"generator\"");
    assertThat(lab.read(CERT_MANAGER)).contains("v1.19.1");
  }

  /** Under --check a requested report is written too, clean or not, with the stale verdict kept. */
  @Test
  void checkWithARequestedReportWritesItAndFailsOnTheGateOrOnStaleOutput() throws Exception {
    Path junit = scratch.resolve("gate-junit.xml");
    TestLab.Run staleAndClean = lab.generate("--check", "--output", "junit=" + junit);
    assertThat(staleAndClean.exitCode()).as(staleAndClean.toString()).isEqualTo(1);
    assertThat(staleAndClean.err()).contains("stale: " + ROOT, "Gate passed: 0 errors");
    assertThat(junit).content().contains("<testsuites").doesNotContain("<failure");

    assertThat(lab.generate().exitCode()).isZero();
    Files.delete(junit);
    TestLab.Run freshAndClean = lab.generate("--check", "--output", "junit=" + junit);
    assertThat(freshAndClean.exitCode()).as(freshAndClean.toString()).isZero();
    assertThat(freshAndClean.out()).contains("up to date");
    assertThat(junit).content().contains("<testsuites").doesNotContain("<failure");

    lab.write(
        "gitops/applications/web/configmap.yaml", TestLab.configMap("web", "apps", "[not, text]"));
    lab.commitAll("Break the ConfigMap");
    TestLab.Run freshAndBroken = lab.generate("--check", "--output", "junit=" + junit);
    assertThat(freshAndBroken.exitCode()).as(freshAndBroken.toString()).isEqualTo(1);
    assertThat(freshAndBroken.out()).contains("up to date");
    assertThat(freshAndBroken.err()).contains("web/configmap.yaml", "The gate found problems");
    assertThat(junit).content().contains("<failure", "wrong-type");
  }

  /** --skip-checks runs no gate, so it cannot write the report it is asked for. */
  @Test
  void skipChecksWithARequestedReportIsAUsageError() {
    TestLab.Run run = lab.generate("--skip-checks", "--output", "sarif=" + scratch.resolve("x"));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--skip-checks", "--output");
    assertThat(lab.exists(ROOT)).isFalse();
  }

  /**
   * A machine-readable format keeps stdout parseable: the commit and diff messages go to stderr.
   */
  @Test
  void withAMachineReadableFormatStdoutHoldsTheReportAlone() throws Exception {
    assertThat(lab.generate().exitCode()).isZero();
    lab.editConfig("version: v1.19.1", "version: v1.19.2");
    lab.commitAll("Bump cert-manager");

    TestLab.Run dryRun = lab.generate("--format", "json", "--dry-run");
    TestLab.Run committed = lab.generate("--format", "json");

    for (TestLab.Run run : List.of(dryRun, committed)) {
      assertThat(run.exitCode()).as(run.toString()).isZero();
      JsonNode report = JsonMapper.builder().build().readTree(run.out());
      assertThat(report.path("tool").asString()).isEqualTo("generator");
    }
    assertThat(dryRun.err()).contains("@@", "v1.19.2").doesNotContain("Committed");
    assertThat(committed.err()).contains("Committed");
  }

  @Test
  void gitHooksThatTheCommitAndPushRunPrintOnStderrAsGitRunsThem() throws Exception {
    Path hooks = lab.local.resolve(".git/hooks");
    for (String hook : List.of("post-commit", "pre-push")) {
      Path script = hooks.resolve(hook);
      Files.writeString(script, "#!/bin/sh\necho \"" + hook + " hook ran\"\necho oops >&2\n");
      script.toFile().setExecutable(true);
    }

    TestLab.Run run = lab.generate("--format", "json", "--push");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(run.out());
    assertThat(report.path("tool").asString()).isEqualTo("generator");
    assertThat(run.out()).doesNotContain("hook ran", "oops");
    assertThat(run.err()).contains("post-commit hook ran", "pre-push hook ran", "oops");
  }

  /**
   * C git takes an entry written in the same second as the index as racily clean and compares its
   * content; once the generator's commit rewrites the index a second later, a same-size edit made
   * in that second must still show, as it does when C git writes the index. Timestamps are set by
   * hand (and core.checkStat leaves out ctime and inode) to make that second deterministic.
   */
  @Test
  void aSameSizeEditThatCGitTookAsRacilyCleanStaysVisibleAfterTheCommit() throws Exception {
    assertThat(lab.generate().exitCode()).isZero();
    lab.git.run(lab.local, "config", "core.checkStat", "minimal");
    Path config = lab.local.resolve("gitops/homelab.yaml");
    FileTime staged = Files.getLastModifiedTime(config);
    lab.editConfig("version: v1.19.1", "version: v1.19.2");
    Files.setLastModifiedTime(config, staged);
    // The index a microsecond newer than the entry: racy to C git (same second), not to JGit.
    Instant indexWritten = staged.toInstant().plusNanos(1_000);
    assertThat(indexWritten.getEpochSecond()).isEqualTo(staged.toInstant().getEpochSecond());
    Files.setLastModifiedTime(lab.local.resolve(".git/index"), FileTime.from(indexWritten));

    TestLab.Run run = lab.generate();

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(lab.read(CERT_MANAGER)).contains("targetRevision: v1.19.2");
    assertThat(lab.status()).contains(" M gitops/homelab.yaml");
    assertThat(lab.git.run(lab.local, "show", "HEAD:gitops/homelab.yaml")).contains("v1.19.1");
  }

  @Test
  void skipChecksWritesABrokenTreeButSaysLoudlyWhatItSkipped() {
    lab.write(
        "gitops/applications/web/configmap.yaml", TestLab.configMap("web", "apps", "[not, text]"));
    lab.commitAll("Break the ConfigMap");

    TestLab.Run run = lab.generate("--skip-checks");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err())
        .contains("WARNING: --skip-checks", "validator", "did NOT run over gitops");
    assertThat(lab.exists(ROOT)).isTrue();
    assertThat(lab.lastMessage()).startsWith("Refresh Argo CD app-of-apps");
  }

  @Test
  void checkFailsOnStaleOutputNamingTheFilesAndPassesWhenFresh() {
    TestLab.Run beforeAnyOutput = lab.generate("--check");
    assertThat(beforeAnyOutput.exitCode()).isEqualTo(1);
    assertThat(beforeAnyOutput.err()).contains("stale: " + ROOT);

    assertThat(lab.generate().exitCode()).isZero();
    TestLab.Run fresh = lab.generate("--check");
    assertThat(fresh.exitCode()).as(fresh.toString()).isZero();
    assertThat(fresh.out()).contains("up to date");

    lab.editConfig("version: v1.19.1", "version: v1.19.2");
    lab.commitAll("Bump cert-manager without regenerating");
    String head = lab.head();
    TestLab.Run stale = lab.generate("--check");

    assertThat(stale.exitCode()).isEqualTo(1);
    assertThat(stale.err())
        .contains(
            "stale: " + CERT_MANAGER,
            "; run homelab generate (java -jar generator.jar), which writes the refreshed files"
                + " and commits them itself.")
        .doesNotContain("stale: " + ROOT, "target/", "commit the result");
    assertThat(lab.read(CERT_MANAGER)).contains("v1.19.1");
    assertThat(lab.head()).isEqualTo(head);

    // The advice alone makes the check pass: the run commits, leaving nothing for the user to
    // commit.
    assertThat(lab.generate().exitCode()).isZero();
    assertThat(lab.head()).isNotEqualTo(head);
    assertThat(lab.lastCommitFiles()).anyMatch(line -> line.endsWith(CERT_MANAGER));
    assertThat(lab.status()).isEmpty();
    assertThat(lab.generate("--check").exitCode()).isZero();
  }

  @Test
  void dryRunPrintsTheDiffAndWritesNothing() {
    assertThat(lab.generate().exitCode()).isZero();
    lab.editConfig("version: v1.19.1", "version: v1.19.2");
    lab.commitAll("Bump cert-manager");
    String head = lab.head();

    TestLab.Run run = lab.generate("--dry-run");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains(
            "diff --git a/" + CERT_MANAGER + " b/" + CERT_MANAGER,
            "-      targetRevision: v1.19.1",
            "+      targetRevision: v1.19.2");
    assertThat(lab.read(CERT_MANAGER)).contains("v1.19.1");
    assertThat(lab.head()).isEqualTo(head);
    assertThat(lab.status()).isEmpty();
  }

  @Test
  void dryRunOverHandEditsShowsTheDiffAndSaysARunWouldRefuse() {
    assertThat(lab.generate().exitCode()).isZero();
    lab.write(ROOT, lab.read(ROOT) + "# hand edit\n");
    lab.editConfig("version: v1.19.1", "version: v1.19.2");
    String head = lab.head();

    TestLab.Run run = lab.generate("--dry-run");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .contains("uncommitted local edits, so a run without --dry-run refuses", "  " + ROOT);
    assertThat(run.out())
        .contains(
            "-# hand edit", "-      targetRevision: v1.19.1", "+      targetRevision: v1.19.2");
    assertThat(lab.read(ROOT)).endsWith("# hand edit\n");
    assertThat(lab.read(CERT_MANAGER)).contains("v1.19.1");
    assertThat(lab.head()).isEqualTo(head);
  }

  @Test
  void dryRunOverAHandEditThatDropsTheHeaderPromisesNoDiffItCannotShow() {
    assertThat(lab.generate().exitCode()).isZero();
    lab.write(ROOT, lab.read(ROOT).lines().skip(1).collect(Collectors.joining("\n", "", "\n")));

    TestLab.Run run = lab.generate("--dry-run");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).doesNotContain("diff --git");
    assertThat(run.err())
        .contains(
            "uncommitted local edits, so a run without --dry-run refuses:\n  " + ROOT + "\n",
            "lack the generator's header, so they are not overwritten:\n  " + ROOT + "\n")
        .doesNotContain("the diff shows");
  }

  @Test
  void dryRunWithAHandMadeFileAndNothingToWriteStillSaysARunWouldRefuse() {
    assertThat(lab.generate().exitCode()).isZero();
    lab.write("gitops/argocd/apps/apps/notes.yaml", "note: untracked\n");

    TestLab.Run run = lab.generate("--dry-run");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("  gitops/argocd/apps/apps/notes.yaml");
  }

  @Test
  void aCommitOnADetachedHeadIsMadeAndANoteSaysHowToKeepIt() {
    lab.git.run(lab.local, "checkout", "-q", "--detach", "main");

    TestLab.Run run = lab.generate();

    assertThat(run.exitCode()).as(run.toString()).isZero();
    String commit = lab.head();
    String id = commit.substring(0, 10);
    assertThat(lab.git.run(lab.local, "rev-parse", "main")).isNotEqualTo(commit);
    assertThat(run.out()).startsWith("Committed " + id + " on a detached HEAD: Refresh");
    assertThat(run.err().lines().filter(line -> line.contains("detached")))
        .containsExactly(
            "note: HEAD is detached, so commit "
                + id
                + " is on no branch and the next checkout leaves it behind; keep it with git -C "
                + lab.local
                + " branch <name> "
                + id);
    // The suggested command, run from this JVM's folder outside the lab, keeps the commit.
    lab.git.shell(
        Path.of("").toAbsolutePath(),
        run.err().replaceAll("(?s).*keep it with (.+?)\\R.*", "$1").replace("<name>", "refresh"));
    lab.git.run(lab.local, "checkout", "-q", "main");
    assertThat(lab.git.run(lab.local, "rev-parse", "refresh")).isEqualTo(commit);

    lab.editConfig("version: v1.19.1", "version: v1.19.2");
    lab.commitAll("Bump cert-manager");
    TestLab.Run onBranch = lab.generate();
    assertThat(onBranch.out()).startsWith("Committed ").contains(" on main: Refresh");
    assertThat(onBranch.err()).doesNotContain("detached");
  }

  @Test
  void pushOnADetachedHeadIsAUsageErrorBeforeAnyFileIsWritten() {
    lab.git.run(lab.local, "checkout", "-q", "--detach", "main");
    String head = lab.head();

    TestLab.Run run = lab.generate("--push");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "error: --push pushes the checked-out branch, and HEAD is detached; check out the"
                + " branch to update (git switch BRANCH), or leave out --push\n");
    assertThat(lab.exists(ROOT)).as("nothing written").isFalse();
    assertThat(lab.head()).isEqualTo(head);
    assertThat(lab.git.run(lab.remote, "rev-parse", "main")).isEqualTo(head);
  }

  /**
   * A CI job checks out a detached HEAD; its usage error keeps exit 2, yet the report it uploads is
   * written, as after a git error before the gate, since the lab's checks do not depend on it.
   */
  @Test
  void aUsageErrorOfTheRepositoryBeforeTheGateStillWritesTheRequestedReport() {
    lab.write(
        "gitops/applications/web/configmap.yaml", TestLab.configMap("web", "apps", "[not, text]"));
    lab.commitAll("Break the ConfigMap");
    lab.git.run(lab.local, "checkout", "-q", "--detach", "main");
    Path junit = scratch.resolve("gate-junit.xml");

    TestLab.Run detached = lab.generate("--push", "--output", "junit=" + junit);

    assertThat(detached.exitCode()).as(detached.toString()).isEqualTo(2);
    assertThat(detached.err())
        .contains("The gate found problems.", "web/configmap.yaml")
        .endsWith(
            "error: --push pushes the checked-out branch, and HEAD is detached; check out the"
                + " branch to update (git switch BRANCH), or leave out --push\n");
    assertThat(junit).content().contains("<failure", "wrong-type");
    assertThat(lab.exists(ROOT)).as("nothing written").isFalse();
    assertThat(TestLab.cli("--help").out().replaceAll("\\s+", " "))
        .as("the help gives the exit code of a run with a report and the gate's errors")
        .contains(
            "Their errors (or findings at --fail-on) exit 1, except in a run that exits 2 for one"
                + " of the reasons below",
            "Exit code 2 also means",
            "--push on a detached HEAD, no commit author, commit signing that JGit cannot do");

    lab.git.run(lab.local, "switch", "-q", "main");
    lab.git.run(lab.local, "config", "commit.gpgSign", "true");
    Path json = scratch.resolve("gate.json");
    TestLab.Run unsignable = lab.generate("--output", "json=" + json);

    assertThat(unsignable.exitCode()).as(unsignable.toString()).isEqualTo(2);
    assertThat(unsignable.err()).contains("commit.gpgSign", "nothing was written");
    assertThat(json).content().contains("\"rule\" : \"wrong-type\"");
    assertThat(lab.exists(ROOT)).as("nothing written").isFalse();
  }

  @Test
  void pushLandsOnTheBareRemote() {
    TestLab.Run run = lab.generate("--push");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(lab.git.run(lab.remote, "rev-parse", "main")).isEqualTo(lab.head());
    assertThat(lab.git.run(lab.remote, "log", "-1", "--format=%s", "main"))
        .startsWith("Refresh Argo CD app-of-apps: 8 added");
  }

  @Test
  void pushAfterSomeoneElsePushedRebasesOnceAndKeepsTheirCommit() {
    lab.git.run(scratch, "clone", "-q", lab.remoteUrl, "other");
    Path other = scratch.resolve("other");
    lab.git.run(other, "commit", "-q", "--allow-empty", "-m", "Someone else's commit");
    lab.git.run(other, "push", "-q", "origin", "main");

    TestLab.Run run = lab.generate("--push");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("after rebasing");
    assertThat(lab.git.lines(lab.remote, "log", "--format=%s", "main"))
        .startsWith("Refresh Argo CD app-of-apps: 8 added, 0 changed, 0 removed")
        .contains("Someone else's commit");
    assertThat(lab.git.run(lab.remote, "rev-list", "--merges", "--count", "main")).isEqualTo("0");
    assertThat(lab.git.run(lab.remote, "rev-parse", "main")).isEqualTo(lab.head());
  }

  @Test
  void aRejectedPushLeavesTheLocalRepositoryConsistent() {
    assertThat(lab.generate("--push").exitCode()).isZero();
    lab.git.run(scratch, "clone", "-q", lab.remoteUrl, "other");
    Path other = scratch.resolve("other");
    lab.git.run(other, "config", "user.name", "Other");
    lab.git.run(other, "config", "user.email", "other@homelab.dev");
    Path theirRoot = other.resolve(ROOT);
    try {
      Files.writeString(
          theirRoot,
          Files.readString(theirRoot).replace("targetRevision: main", "targetRevision: theirs"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    lab.git.run(other, "commit", "-q", "-am", "Hand-edit the root Application");
    lab.git.run(other, "push", "-q", "origin", "main");
    lab.editConfig("revision: main", "revision: release");
    lab.commitAll("Track the release branch");

    TestLab.Run run = lab.generate("--push");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("conflicts in", ROOT, "rebase was aborted");
    assertThat(lab.lastMessage()).startsWith("Refresh Argo CD app-of-apps");
    assertThat(lab.read(ROOT)).contains("targetRevision: release");
    assertThat(lab.status()).isEmpty();
    assertThat(Files.exists(lab.local.resolve(".git/rebase-merge"))).isFalse();
    assertThat(lab.git.run(lab.remote, "log", "-1", "--format=%s", "main"))
        .isEqualTo("Hand-edit the root Application");
  }

  @Test
  void repoOptionClonesIntoATemporaryFolderAndPushes() {
    TestLab.Run run =
        TestLab.cli(
            "--repo",
            lab.remoteUrl,
            "--push",
            "--author",
            TestLab.AUTHOR,
            "--offline",
            "--no-catalog");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(lab.git.run(lab.remote, "log", "-1", "--format=%s", "main"))
        .startsWith("Refresh Argo CD app-of-apps: 8 added");
    assertThat(lab.git.run(lab.remote, "show", "main:" + ROOT)).contains("name: test-lab-root");
  }

  @Test
  void repoOptionAcceptsThePathOfABareRepository() {
    TestLab.Run run =
        TestLab.cli("--repo", lab.remote.toString(), "--dry-run", "--offline", "--no-catalog");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("+++ b/" + ROOT);
  }

  @Test
  void aRepoThatCannotBeClonedIsAUsageErrorOfTheOption() throws IOException {
    Path plainFolder = Files.createDirectories(scratch.resolve("plain"));
    Files.writeString(plainFolder.resolve("notes.txt"), "not a repository\n");
    // A remote whose HEAD names master, a branch it does not have.
    Path headless = scratch.resolve("headless.git");
    lab.git.run(scratch, "init", "-q", "--bare", "-b", "master", headless.toString());
    lab.git.run(lab.local, "push", "-q", headless.toUri().toString(), "main");
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    Map<String, String> causes = new LinkedHashMap<>();
    causes.put(scratch.resolve("nowhere").toString(), "no such file or folder");
    causes.put(plainFolder.toString(), "not a git repository");
    causes.put(headless.toString(), "Remote branch 'HEAD' not found in upstream origin");
    causes.put(
        "http://lab:hlt_secret@127.0.0.1:" + closed + "/lab.git",
        "connection failed: Connection refused 127.0.0.1");

    for (Map.Entry<String, String> cause : causes.entrySet()) {
      TestLab.Run run =
          TestLab.cli("--repo", cause.getKey(), "--push", "--offline", "--no-catalog");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err())
          .isEqualTo(
              "error: --repo: could not clone "
                  + cause.getKey().replace("lab:hlt_secret@", "***@")
                  + ": "
                  + cause.getValue()
                  + "\n");
    }
  }

  @Test
  void aTreeInsideABareRepositoryIsAUsageErrorThatSuggestsRepo() {
    Path inside = lab.remote.resolve("gitops");
    Trees.copy(lab.tree, inside);

    TestLab.Run run = TestLab.cli(inside.toString(), "--dry-run", "--offline", "--no-catalog");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "error: "
                + lab.remote
                + " is a bare repository, without a working tree to write into; pass --repo "
                + lab.remote
                + " to work in a temporary clone of it\n");
  }

  @Test
  void aMalformedAuthorIsAUsageErrorAndNothingIsWritten() {
    String before = lab.status();

    TestLab.Run run =
        TestLab.cli(lab.tree.toString(), "--author", "just a name", "--offline", "--no-catalog");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--author must look like \"Name <email>\"");
    assertThat(lab.status()).isEqualTo(before);
  }

  @Test
  void authorComesFromGitConfigWithoutTheOption() {
    lab.git.run(lab.local, "config", "user.name", "Config Person");
    lab.git.run(lab.local, "config", "user.email", "config@homelab.dev");

    TestLab.Run run = TestLab.cli(lab.tree.toString(), "--offline", "--no-catalog");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(lab.git.run(lab.local, "log", "-1", "--format=%an <%ae>"))
        .isEqualTo("Config Person <config@homelab.dev>");
  }

  @Test
  void filesWithoutTheHeaderAreNeverDeletedOrOverwritten() {
    assertThat(lab.generate().exitCode()).isZero();
    lab.write(
        "gitops/argocd/apps/apps/handmade.yaml", TestLab.configMap("handmade", "argocd", "mine"));
    lab.commitAll("Add a hand-made file next to the generated ones");
    lab.editConfig("  - name: web\n", "  - name: web\n    deploy: script\n");
    lab.commitAll("Deploy web by script");

    // web's Application goes, which deletes what it deployed: allowed, as this is not the subject.
    TestLab.Run run = lab.generate("--allow-delete");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("gitops/argocd/apps/apps/handmade.yaml has no generator header");
    assertThat(lab.exists("gitops/argocd/apps/apps/handmade.yaml")).isTrue();
    assertThat(lab.exists(WEB)).isFalse();

    lab.git.run(lab.local, "rm", "-q", ROOT);
    lab.write(ROOT, "# hand-written root\n");
    lab.commitAll("Replace the root by hand");
    TestLab.Run refused = lab.generate();

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("lack the generator's header", "  " + ROOT);
    assertThat(lab.read(ROOT)).isEqualTo("# hand-written root\n");
  }

  @Test
  void aSecondRunWhileTheLockIsHeldIsRefused() {
    Path gitDir = lab.local.resolve(".git");
    try (RepositoryLock held = RepositoryLock.acquire(gitDir)) {
      TestLab.Run run = lab.generate();

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).contains("another generator run holds the lock");
      assertThat(lab.exists(ROOT)).isFalse();
    }
  }
}
