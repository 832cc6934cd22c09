package dev.homelab.generator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.homelab.core.testing.PinnedOpa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain git pre-commit hook and the pre-commit framework's hooks, driving real commits. */
class GitHookIT {

  @TempDir Path directory;

  @Test
  void theGitHookLetsACleanChangeThroughAndRefusesABrokenOneWithItsPosition() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    assertThat(lab.sh("scripts/install-git-hook").output()).contains("installed");

    lab.sh("echo '# reviewed' >> gitops/applications/nginx/configmap.yaml");
    Sandbox.Result clean = lab.sh("git commit -q -am 'touch nginx config'");
    assertThat(clean.output()).contains("homelab pre-commit: 1 staged file(s) clean");
    assertThat(clean.exit()).isZero();
    assertThat(lastCommit(lab)).isEqualTo("touch nginx config");

    lab.sh(
        "sed -i 's/nginx-unprivileged:1.28.0-alpine/nginx-unprivileged:latest/' gitops/applications/nginx/deployment.yaml");
    Sandbox.Result refused = lab.sh("git commit -q -am 'float nginx'");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.output())
        .contains("37:18    error    Deployment nginx-proxy: container nginx uses image")
        .contains(
            "(first: gitops/applications/nginx/deployment.yaml:37:18 image-tag-latest); commit refused");
    assertThat(lastCommit(lab)).isEqualTo("touch nginx config");

    Sandbox.Result bypassed = lab.sh("git commit -q --no-verify -am 'float nginx anyway'");
    assertThat(bypassed.exit()).isZero();
    assertThat(lastCommit(lab)).isEqualTo("float nginx anyway");
  }

  /**
   * What a commit records is the index, so a broken file that is staged is refused even when the
   * working tree has it fixed, and a clean staged file passes though the working tree breaks it;
   * either way the working tree is left exactly as it was.
   */
  @Test
  void theGitHookChecksWhatIsStagedNotTheWorkingTree() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    String deployment = "gitops/applications/nginx/deployment.yaml";
    String floating =
        "sed -i 's/nginx-unprivileged:1.28.0-alpine/nginx-unprivileged:latest/' " + deployment;

    lab.sh(
        floating
            + " && git add "
            + deployment
            + " && git show HEAD:"
            + deployment
            + " > "
            + deployment);
    lab.sh("echo 'scratch: [' > gitops/applications/nginx/notes.yaml");
    Sandbox.Result refused = lab.sh("git commit -q -m 'float nginx, staged only'");
    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("(first: " + deployment + ":37:18 image-tag-latest); commit refused")
        .doesNotContain("notes.yaml");
    assertThat(lab.sh("git diff --name-only").output().strip()).isEqualTo(deployment);
    assertThat(lab.sh("grep -c ':latest' " + deployment).output().strip()).isEqualTo("0");

    lab.sh("git reset -q && echo '# reviewed' >> gitops/applications/nginx/configmap.yaml");
    lab.sh("git add gitops/applications/nginx/configmap.yaml && " + floating);
    Sandbox.Result clean = lab.sh("git commit -q -m 'review nginx config'");
    assertThat(clean.exit()).as(clean.output()).isZero();
    assertThat(clean.output()).contains("homelab pre-commit: 1 staged file(s) clean");
    assertThat(lastCommit(lab)).isEqualTo("review nginx config");
    assertThat(lab.sh("grep -c ':latest' " + deployment).output().strip()).isEqualTo("1");
    assertThat(lab.sh("git status --porcelain").output())
        .contains(" M " + deployment)
        .contains("?? gitops/applications/nginx/notes.yaml");
  }

  /**
   * `git config homelab.policyDir` gives the hook's check the custom policies, from the working
   * tree even when untracked files send the checks to a copy of the index.
   */
  @Test
  void theGitHookRunsTheCustomPoliciesThatGitConfigNames() throws Exception {
    Path opa = PinnedOpa.orSkip("the custom policies of the hook");
    Sandbox lab = Sandbox.create(directory);
    lab.env("PATH", opa.getParent() + ":" + System.getenv("PATH"));
    lab.sh("scripts/install-git-hook");
    lab.sh(
        "mkdir policies && sed -e 's/^warn contains/deny contains/'"
            + " -e 's/severity: warning/severity: error/' docs/examples/teams.rego"
            + " > policies/teams.rego && git config homelab.policyDir policies");

    lab.sh("echo '# reviewed' >> gitops/applications/nginx/deployment.yaml");
    Sandbox.Result refused = lab.sh("git commit -q -am 'touch nginx'");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("7:3      error    Deployment nginx-proxy has no team label")
        .contains("(first: gitops/applications/nginx/deployment.yaml:7:3 deployment-team-missing)");
    assertThat(lastCommit(lab)).isEqualTo("lab");
  }

  /** A hook that cannot do its work refuses the commit rather than wave it through. */
  @Test
  void theGitHookRefusesWhenItCannotMakeItsTemporaryFiles() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");

    lab.sh("echo '# reviewed' >> gitops/applications/nginx/configmap.yaml");
    Sandbox.Result refused = lab.sh("TMPDIR=/nonexistent git commit -q -am 'touch nginx config'");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("homelab pre-commit: cannot create temporary files (is TMPDIR writable?)");
    assertThat(lastCommit(lab)).isEqualTo("lab");
  }

  /**
   * Two branches that each pass the hook can merge, with no conflict, into a tree that breaks: one
   * renames a ConfigMap that the other starts to use. git runs no pre-commit hook for such a merge,
   * so the installer's pre-merge-commit hook runs it.
   */
  @Test
  void theGitHookRefusesACleanMergeThatBreaksAReference() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    lab.sh(
        "git checkout -q -b rename && sed -i 's/name: nginx-config$/name: nginx-settings/'"
            + " gitops/applications/nginx/configmap.yaml gitops/applications/nginx/deployment.yaml");
    Sandbox.Result renamed = lab.sh("git commit -q -am 'rename the nginx config'");
    lab.sh(
        "git checkout -q main && sed -i 's/name: dev-container-ssh-keys$/name: nginx-config/'"
            + " gitops/applications/dev-containers/dev-container-template.yaml");
    Sandbox.Result shared = lab.sh("git commit -q -am 'share the nginx config'");

    Sandbox.Result merged = lab.sh("git merge -q --no-edit rename");

    assertThat(renamed.exit()).as(renamed.output()).isZero();
    assertThat(shared.exit()).as(shared.output()).isZero();
    assertThat(merged.exit()).as(merged.output()).isNotZero();
    assertThat(merged.output())
        .contains(
            "(first: gitops/applications/dev-containers/dev-container-template.yaml:107:19"
                + " reference-not-found); commit refused");
    assertThat(lastCommit(lab)).isEqualTo("share the nginx config");
    // The refused merge stays in progress, for a fix or, here, a commit that bypasses the hook.
    assertThat(lab.sh("git commit -q --no-verify --no-edit && git log -1 --format=%P").output())
        .matches("[0-9a-f]{40} [0-9a-f]{40}\\s*");
  }

  /**
   * A commit of more names than one command line holds (xargs takes 128 KiB) is checked in batches;
   * the summary adds up the findings of all of them, the first file's and the last's.
   */
  @Test
  void theGitHookCountsTheFindingsOfEveryBatchOfAVeryLargeCommit() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    // 2,500 names of 92 bytes each: about 230 KB.
    lab.sh(
        "mkdir -p gitops/applications/nginx/notes && cd gitops/applications/nginx/notes"
            + " && for i in $(seq 1000 3499); do"
            + " echo '# nothing yet' > a-note-whose-name-is-long-enough-to-fill-the-line-$i.yaml;"
            + " done"
            + " && echo 'kind: [' > a-note-whose-name-is-long-enough-to-fill-the-line-1000.yaml"
            + " && echo 'kind: [' > a-note-whose-name-is-long-enough-to-fill-the-line-3499.yaml"
            + " && git add .");

    Sandbox.Result refused = lab.sh("git commit -q -m 'many notes'");

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.output())
        .contains(
            "homelab pre-commit: 2 error(s), 2498 warning(s) in 2500 staged file(s) (first:"
                + " gitops/applications/nginx/notes/"
                + "a-note-whose-name-is-long-enough-to-fill-the-line-1000.yaml:2:1");
    assertThat(lastCommit(lab)).isEqualTo("lab");
  }

  /** Removing an object can break a file the commit does not touch; the hook finds that too. */
  @Test
  void theGitHookRefusesARemovalThatBreaksAReferenceElsewhere() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");

    lab.sh("git rm -q gitops/applications/nginx/configmap.yaml");
    Sandbox.Result refused = lab.sh("git commit -q -m 'drop the nginx config'");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("uses ConfigMap `nginx-config`, which is not defined in namespace `dev`")
        .contains("(first: gitops/applications/nginx/deployment.yaml:110:19 reference-not-found)")
        .contains("commit refused");
    assertThat(lastCommit(lab)).isEqualTo("lab");
  }

  /**
   * Removing only a lab's homelab.yaml leaves its manifests with no config to be checked against,
   * while the Applications generated from it go on syncing them: the hook refuses and names the
   * file. Removing the lab whole goes through.
   */
  @Test
  void theGitHookRefusesRemovingALabsConfigThatLeavesItsFilesBehind() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");

    lab.sh("git rm -q gitops/homelab.yaml");
    Sandbox.Result refused = lab.sh("git commit -q -m 'drop the lab config'");
    lab.sh("git rm -q -r gitops");
    Sandbox.Result whole = lab.sh("git commit -q -m 'drop the lab'");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .containsPattern(
            "homelab pre-commit: the commit removes gitops/homelab\\.yaml but keeps [1-9][0-9]* YAML"
                + " or JSON file\\(s\\) of its lab \\(first: gitops/applications/")
        .contains("which no config would check any more")
        .contains("commit refused");
    assertThat(whole.exit()).as(whole.output()).isZero();
    assertThat(lastCommit(lab)).isEqualTo("drop the lab");
  }

  /** Renaming an object inside a staged file breaks its users just as removing the file does. */
  @Test
  void theGitHookRefusesARenameThatBreaksAReferenceElsewhere() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");

    lab.sh(
        "sed -i 's/name: nginx-config/name: nginx-settings/' gitops/applications/nginx/configmap.yaml");
    Sandbox.Result refused = lab.sh("git commit -q -am 'rename the nginx config'");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("the tree no longer has ConfigMap dev/nginx-config from HEAD")
        .contains("(first: gitops/applications/nginx/deployment.yaml:110:19 reference-not-found)")
        .contains("commit refused");
    assertThat(lastCommit(lab)).isEqualTo("lab");
  }

  /** A change can break a file the commit leaves alone; the hook reports that file too. */
  @Test
  void theGitHookRefusesAPortRenameThatLeavesTheMonitorScrapingNothing() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");

    lab.sh("sed -i 's/- name: metrics/- name: exporter/' gitops/applications/nginx/service.yaml");
    Sandbox.Result refused = lab.sh("git commit -q -am 'rename the exporter port'");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("the change causes new findings in 1 file(s) it does not touch")
        .contains("(first: gitops/applications/nginx/servicemonitor.yaml:20:13 selector-mismatch)")
        .contains("commit refused");
    assertThat(lastCommit(lab)).isEqualTo("lab");
  }

  /** A workflow beside the lab is committed with it; the hook checks only the lab's files. */
  @Test
  void theGitHookLeavesFilesBesideTheLabOut() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");

    lab.sh("echo '# touched' >> .github/workflows/pr-checks.yml");
    lab.sh("echo '# touched' >> gitops/applications/nginx/service.yaml");
    Sandbox.Result both = lab.sh("git commit -q -am 'touch the workflow and nginx'");
    lab.sh("echo '# again' >> .github/workflows/pr-checks.yml");
    Sandbox.Result alone = lab.sh("git commit -q -am 'touch the workflow'");

    assertThat(both.exit()).as(both.output()).isZero();
    assertThat(both.output())
        .contains("1 named path(s) lie outside the lab's tree (gitops/)")
        .contains("homelab pre-commit: 2 staged file(s) clean");
    assertThat(alone.exit()).as(alone.output()).isZero();
    assertThat(alone.output())
        .contains(
            "homelab pre-commit: none of the 1 staged file(s) belongs to a lab (no homelab.yaml"
                + " above it); nothing to check");
    assertThat(lastCommit(lab)).isEqualTo("touch the workflow");
  }

  /** A file added with `git add -f` is committed and synced although .gitignore matches it. */
  @Test
  void theGitHookChecksAFileGitTracksThoughItsNameIsIgnored() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    lab.sh("echo '*.local.yaml' >> .gitignore && git add .gitignore && git commit -q -m ignore");
    // An untracked note makes the hook check a copy of the index, which knows its repository only
    // through GIT_DIR and GIT_WORK_TREE.
    lab.sh("echo 'draft' > notes.txt");
    Files.writeString(
        directory.resolve("gitops/applications/nginx/creds.local.yaml"),
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: nginx-creds
          namespace: dev
          labels:
            app.kubernetes.io/name: nginx
            app.kubernetes.io/instance: nginx-proxy
            app.kubernetes.io/component: creds
            app.kubernetes.io/part-of: home-lab
            app.kubernetes.io/managed-by: argocd
        stringData:
          password: hunter2
        """);

    lab.sh("git add -f gitops/applications/nginx/creds.local.yaml");
    Sandbox.Result refused = lab.sh("git commit -q -m 'nginx credentials'");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("gitops/applications/nginx/creds.local.yaml:")
        .contains("secret-data-in-git")
        .doesNotContain("hunter2")
        .contains("commit refused");
    assertThat(lastCommit(lab)).isEqualTo("ignore");
  }

  /** A staged link to a file the commit leaves out would reach Argo CD broken; the hook says so. */
  @Test
  void theGitHookRefusesALinkToAFileTheCommitLeavesOut() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    lab.sh(
        "mkdir gitops/shared && cp gitops/applications/nginx/configmap.yaml gitops/shared/nginx.yaml"
            + " && ln -s ../../shared/nginx.yaml gitops/applications/nginx/shared.yaml");

    lab.sh("git add gitops/applications/nginx/shared.yaml");
    Sandbox.Result refused = lab.sh("git commit -q -m 'share the nginx config'");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .doesNotContain("could not run")
        .contains(
            "(first: gitops/applications/nginx/shared.yaml:1:1 unreadable-file); commit refused");
    assertThat(lastCommit(lab)).isEqualTo("lab");
  }

  /**
   * Argo CD follows a link that stays inside the repository, so the hook checks a staged link in
   * the lab as the file it points at (here one beside the lab), and refuses a link out of the
   * repository, which Argo CD would refuse.
   */
  @Test
  void theGitHookChecksALinkAsTheFileItPointsAtAndRefusesOneOutOfTheRepository(
      @TempDir Path elsewhere) throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    String link = "gitops/applications/nginx/extra.yaml";
    lab.sh(
        "mkdir shared && sed 's/nginx-unprivileged:1.28.0-alpine/nginx-unprivileged:latest/;"
            + " s/name: nginx-proxy$/name: nginx-proxy-2/'"
            + " gitops/applications/nginx/deployment.yaml > shared/extra.yaml"
            + " && ln -s ../../../shared/extra.yaml "
            + link
            + " && git add shared "
            + link);
    Sandbox.Result inside = lab.sh("git commit -q -m 'a second nginx, kept beside the lab'");
    lab.sh("git reset -q --hard && rm -r shared " + link);
    Files.writeString(elsewhere.resolve("extra.yaml"), "apiVersion: v1\nkind: ConfigMap\n");
    lab.sh("ln -s '" + elsewhere.resolve("extra.yaml") + "' " + link + " && git add " + link);
    Sandbox.Result outside = lab.sh("git commit -q -m 'a config from elsewhere'");

    assertThat(inside.exit()).as(inside.output()).isEqualTo(1);
    assertThat(inside.output()).contains("(first: " + link + ":37:18 image-tag-latest)");
    assertThat(outside.exit()).as(outside.output()).isEqualTo(1);
    assertThat(outside.output())
        .contains("error    symbolic link points outside the repository")
        .contains("(first: " + link + ":1:1 symlink-outside-root)");
    assertThat(lastCommit(lab)).isEqualTo("lab");
  }

  /**
   * A link in the lab reads the file it points at, so staging only that file, beside the lab, is a
   * change to the link, which the hook checks.
   */
  @Test
  void theGitHookChecksALinkWhenOnlyTheFileItPointsAtIsStaged() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    String link = "gitops/applications/nginx/extra.yaml";
    lab.sh(
        "mkdir shared && sed 's/name: nginx-proxy$/name: nginx-proxy-2/'"
            + " gitops/applications/nginx/deployment.yaml > shared/extra.yaml"
            + " && ln -s ../../../shared/extra.yaml "
            + link
            + " && git add shared "
            + link
            + " && git commit -q --no-verify -m 'a second nginx, kept beside the lab'");

    lab.sh(
        "sed -i 's/nginx-unprivileged:1.28.0-alpine/nginx-unprivileged:latest/' shared/extra.yaml"
            + " && git add shared/extra.yaml");
    Sandbox.Result refused = lab.sh("git commit -q -m 'float the second nginx'");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("(first: " + link + ":37:18 image-tag-latest)")
        .contains("commit refused");
    assertThat(lastCommit(lab)).isEqualTo("a second nginx, kept beside the lab");
  }

  /** A link replaced by a file of its own is new content, though git calls it a type change. */
  @Test
  void theGitHookChecksALinkThatBecomesAFile() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    String alias = "gitops/applications/nginx/alias.yaml";
    lab.sh("ln -s deployment.yaml " + alias + " && git add " + alias);
    lab.sh("git commit -q --no-verify -m 'an alias'");

    lab.sh(
        "rm "
            + alias
            + " && sed 's/nginx-unprivileged:1.28.0-alpine/nginx-unprivileged:latest/;"
            + " s/name: nginx-proxy$/name: nginx-proxy-2/'"
            + " gitops/applications/nginx/deployment.yaml > "
            + alias
            + " && git add "
            + alias);
    String staged = lab.sh("git diff --cached --name-status").output();
    Sandbox.Result refused = lab.sh("git commit -q -m 'a second nginx'");

    assertThat(staged).isEqualTo("T\t" + alias + "\n");
    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("(first: " + alias + ":37:18 image-tag-latest)")
        .contains("commit refused");
    assertThat(lastCommit(lab)).isEqualTo("an alias");
  }

  @Test
  void theGitHookComparesWithHeadAndRefusesAShrinkingClaim() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");

    lab.sh("sed -i '21s/storage: 5Gi/storage: 2Gi/' gitops/applications/paperless/pvc.yaml");
    Sandbox.Result refused = lab.sh("git commit -q -am 'smaller paperless index'");

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.output())
        .contains("PersistentVolumeClaim `paperless-data` asks for 2Gi, less than the 5Gi it had")
        .contains(
            "(first: gitops/applications/paperless/pvc.yaml:21:7 immutable-field-changed); commit"
                + " refused");
    assertThat(lastCommit(lab)).isEqualTo("lab");
  }

  @Test
  void theGitHookLetsAFirstCommitThroughThoughThereIsNoHeadToCompareWith() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    // The lab and the diagram the generator draws of it, nothing else of the toolkit.
    lab.sh(
        "git checkout -q --orphan fresh && git rm -r -q --cached . && git add gitops docs/diagrams");

    Sandbox.Result first = lab.sh("git commit -q -m 'the lab, from scratch'");

    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(first.output()).contains("staged file(s) clean");
    assertThat(lastCommit(lab)).isEqualTo("the lab, from scratch");
  }

  @Test
  void theGitHookRefusesAChangeThatLeavesTheGeneratedAppsStale() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");

    lab.sh("sed -i 's/^  revision: main$/  revision: release/' gitops/homelab.yaml");
    Sandbox.Result stale = lab.sh("git commit -q -am 'track the release branch'");

    assertThat(stale.exit()).isEqualTo(1);
    assertThat(stale.output())
        .contains("homelab pre-commit: 0 error(s)")
        .contains("stale: gitops/argocd/root.yaml")
        .contains(
            "the generated Argo CD apps are stale (run bin/homelab generate); commit refused");
    assertThat(lastCommit(lab)).isEqualTo("lab");
  }

  /**
   * A lab repository of its own keeps homelab.yaml at the top, where the tools look first; its apps
   * are generated there and then kept fresh by the hook.
   */
  @Test
  void theGitHookChecksTheAppsOfALabWhoseConfigIsAtTheTop(@TempDir Path elsewhere)
      throws Exception {
    Sandbox toolkit = Sandbox.create(directory);
    String inLab = labAtTheTop(toolkit, elsewhere.resolve("lab"));
    toolkit.sh(
        inLab + "echo 'docsPath: docs' >> homelab.yaml && git commit -qam 'docs in the lab'");
    Sandbox.Result generated =
        toolkit.sh(inLab + "'" + toolkit.root() + "/bin/homelab' generate --offline");
    assertThat(generated.exit()).as(generated.output()).isZero();
    toolkit.sh("scripts/install-git-hook '" + elsewhere.resolve("lab") + "'");

    toolkit.sh(inLab + "sed -i 's/^  revision: main$/  revision: release/' homelab.yaml");
    Sandbox.Result stale = toolkit.sh(inLab + "git commit -q -am 'track the release branch'");

    assertThat(stale.exit()).as(stale.output()).isEqualTo(1);
    assertThat(stale.output())
        .contains("stale: argocd/root.yaml")
        .doesNotContain("stale: gitops/")
        .contains(
            "homelab pre-commit: 0 error(s), 0 warning(s) in 1 staged file(s), the generated Argo CD"
                + " apps are stale (run "
                + toolkit.root()
                + "/bin/homelab generate); commit refused");
    assertThat(toolkit.sh(inLab + "git log -1 --format=%s").output().strip())
        .startsWith("Refresh Argo CD app-of-apps");
  }

  /**
   * A file at the top of a lab at the repository's top may be named like an option, and with
   * characters that GitHub's annotations escape; the hook's last line names it as it is.
   */
  @Test
  void theGitHookChecksAStagedFileNamedLikeAnOption(@TempDir Path elsewhere) throws Exception {
    Sandbox toolkit = Sandbox.create(directory);
    String inLab = labAtTheTop(toolkit, elsewhere.resolve("lab"));
    toolkit.sh(
        inLab + "echo 'docsPath: docs' >> homelab.yaml && git commit -qam 'docs in the lab'");
    toolkit.sh(inLab + "'" + toolkit.root() + "/bin/homelab' generate --offline");
    toolkit.sh("scripts/install-git-hook '" + elsewhere.resolve("lab") + "'");

    toolkit.sh(
        inLab
            + "sed 's/nginx-unprivileged:1.28.0-alpine/nginx-unprivileged:latest/;"
            + " s/name: nginx-proxy$/name: nginx-proxy-2/'"
            + " applications/nginx/deployment.yaml > ./--help,x.yaml && git add -- --help,x.yaml");
    Sandbox.Result refused = toolkit.sh(inLab + "git commit -q -m 'a second nginx'");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .doesNotContain("Unknown option")
        .contains("--help,x.yaml\n  1:1      warning")
        .contains("\n  6:14     error")
        .contains("37:18    error")
        .contains(
            "homelab pre-commit: 2 error(s), 1 warning(s) in 1 staged file(s) (first:"
                + " --help,x.yaml:6:14 layer-placement)");
    assertThat(toolkit.sh(inLab + "git log -1 --format=%s").output().strip())
        .startsWith("Refresh Argo CD app-of-apps");
  }

  /** A config error stops the checks before any finding: the hook says they could not run. */
  @Test
  void theGitHookSaysWhenTheChecksCannotRun() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");

    lab.sh("echo 'unknownKey: 1' >> gitops/homelab.yaml");
    Sandbox.Result refused = lab.sh("git commit -q -am 'a key the config does not know'");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("error: unknown field `unknownKey`")
        .contains("homelab pre-commit: the checks could not run (exit 2); commit refused")
        .doesNotContain("0 error(s)");
    assertThat(refused.output().split("unknown field", -1)).as("said once").hasSize(2);
    assertThat(lastCommit(lab)).isEqualTo("lab");
  }

  /** A generate check that cannot run is no verdict on the apps: the hook says so and refuses. */
  @Test
  void theGitHookRefusesWhenTheGenerateCheckCannotRun(@TempDir Path elsewhere) throws Exception {
    Sandbox toolkit = Sandbox.create(directory);
    String inLab = labAtTheTop(toolkit, elsewhere.resolve("lab"));
    toolkit.sh("scripts/install-git-hook '" + elsewhere.resolve("lab") + "'");

    // The default docsPath (../docs) suits a gitops/ folder, and leads out of this repository.
    toolkit.sh(inLab + "echo '# touched' >> homelab.yaml");
    Sandbox.Result refused = toolkit.sh(inLab + "git commit -q -am 'touch the config'");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("homelab.yaml:1:1: error: `docsPath` is `../docs` (the default")
        .contains("outside the repository")
        .contains(
            "homelab pre-commit: generate --check could not run (exit 2, see above); commit refused")
        .doesNotContain("are stale");
    assertThat(toolkit.sh(inLab + "git log -1 --format=%s").output().strip()).isEqualTo("lab");
  }

  /**
   * A lab in a folder of any name: the hook finds its homelab.yaml above the staged files, as the
   * tools do, for the generate check as for the checks.
   */
  @Test
  void theGitHookFindsALabInAFolderOfAnyName(@TempDir Path elsewhere) throws Exception {
    Sandbox toolkit = Sandbox.create(directory);
    String inLab = labInFolder(toolkit, elsewhere.resolve("lab"), "k8s");
    Sandbox.Result generated =
        toolkit.sh(inLab + "'" + toolkit.root() + "/bin/homelab' generate --offline k8s");
    assertThat(generated.exit()).as(generated.output()).isZero();
    toolkit.sh("scripts/install-git-hook '" + elsewhere.resolve("lab") + "'");

    toolkit.sh(inLab + "echo '# touched' >> k8s/applications/nginx/service.yaml");
    Sandbox.Result clean = toolkit.sh(inLab + "git commit -q -am 'touch nginx'");
    toolkit.sh(inLab + "sed -i 's/^  revision: main$/  revision: release/' k8s/homelab.yaml");
    Sandbox.Result stale = toolkit.sh(inLab + "git commit -q -am 'track the release branch'");
    toolkit.sh(inLab + "git checkout -q k8s/homelab.yaml");
    toolkit.sh(inLab + "git rm -q k8s/applications/nginx/configmap.yaml");
    Sandbox.Result removed = toolkit.sh(inLab + "git commit -q -m 'drop the nginx config'");

    assertThat(clean.exit()).as(clean.output()).isZero();
    assertThat(clean.output()).contains("homelab pre-commit: 1 staged file(s) clean");
    assertThat(stale.exit()).as(stale.output()).isEqualTo(1);
    assertThat(stale.output())
        .contains("stale: k8s/argocd/root.yaml")
        .contains(
            "the generated Argo CD apps are stale (run "
                + toolkit.root()
                + "/bin/homelab generate); commit refused");
    assertThat(removed.exit()).as(removed.output()).isEqualTo(1);
    assertThat(removed.output())
        .contains("(first: k8s/applications/nginx/deployment.yaml:110:19 reference-not-found)");
    assertThat(toolkit.sh(inLab + "git log -1 --format=%s").output().strip())
        .isEqualTo("touch nginx");
  }

  /**
   * What the generator makes follows homelab.yaml and the names of the lab's files, so a commit
   * that only edits manifests cannot make the apps stale and the hook leaves generate --check out:
   * here on a HEAD whose apps are stale already (committed with --no-verify), which such a commit
   * does not change. Adding a file, or editing a generated one by hand (with or without its
   * header), is still caught.
   */
  @Test
  void theGitHookChecksTheGeneratedAppsOnlyWhenTheCommitCanChangeThem() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    lab.sh("sed -i 's/^  revision: main$/  revision: release/' gitops/homelab.yaml");
    lab.sh("git commit -q --no-verify -am 'stale apps'");

    lab.sh("echo '# touched' >> gitops/applications/nginx/service.yaml");
    Sandbox.Result edited = lab.sh("git commit -q -am 'touch nginx'");
    lab.sh("git reset -q --hard HEAD~2");
    lab.sh(
        "sed 's/name: nginx-config$/name: nginx-extra/' gitops/applications/nginx/configmap.yaml"
            + " > gitops/applications/nginx/extra.yaml && git add -A");
    Sandbox.Result added = lab.sh("git commit -q -m 'another nginx config'");
    lab.sh("git reset -q --hard HEAD");
    lab.sh("git clean -qfd");
    lab.sh(
        "sed -i '1d; s/servicemonitor.yaml}/servicemonitor.yaml,extra.yaml}/'"
            + " gitops/argocd/apps/dev/nginx.yaml");
    Sandbox.Result handEdited = lab.sh("git commit -q -am 'sync one more file'");

    assertThat(edited.exit()).as(edited.output()).isZero();
    assertThat(edited.output())
        .contains("homelab pre-commit: 1 staged file(s) clean")
        .doesNotContain("stale");
    assertThat(added.exit()).as(added.output()).isEqualTo(1);
    assertThat(added.output())
        .contains("stale: gitops/argocd/apps/dev/nginx.yaml")
        .contains("the generated Argo CD apps are stale");
    assertThat(handEdited.exit()).as(handEdited.output()).isEqualTo(1);
    assertThat(handEdited.output())
        .contains("stale: gitops/argocd/apps/dev/nginx.yaml")
        .contains("the generated Argo CD apps are stale");
    assertThat(lastCommit(lab)).isEqualTo("lab");
  }

  /**
   * An ignore file decides which files the tools read and the Applications sync, so a commit that
   * stages only one still has the lab checked whole and its generated apps compared.
   */
  @Test
  void theGitHookChecksTheLabWhenOnlyAnIgnoreFileChanges() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");

    lab.sh("echo '*.tmp' >> .gitignore && git add .gitignore");
    Sandbox.Result above = lab.sh("git commit -q -m 'ignore temporary files'");
    lab.sh(
        "echo 'applications/nginx/servicemonitor.yaml' > gitops/.homelabignore"
            + " && git add gitops/.homelabignore");
    Sandbox.Result inside = lab.sh("git commit -q -m 'leave the nginx monitor out'");

    assertThat(above.exit()).as(above.output()).isZero();
    assertThat(above.output()).contains("homelab pre-commit: 1 staged file(s) clean");
    assertThat(inside.exit()).as(inside.output()).isEqualTo(1);
    assertThat(inside.output())
        .contains("stale: gitops/argocd/apps/dev/nginx.yaml")
        .contains("the generated Argo CD apps are stale");
    assertThat(lastCommit(lab)).isEqualTo("ignore temporary files");
  }

  /**
   * When a .homelabignore at the repository's top leaves out the lab's whole tree, a commit that
   * touches a file of the lab is let through, as the file is never checked, but the hook says why
   * and counts the ignore line's warning, rather than calling 1 file clean with nothing checked.
   */
  @Test
  void theGitHookSaysWhenAnIgnoreFileLeavesOutTheStagedFiles() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    lab.sh("echo 'gitops/' > .homelabignore && git add .homelabignore");
    lab.sh("git commit -q --no-verify -m 'leave the lab out'");

    lab.sh("echo '# reviewed' >> gitops/applications/nginx/configmap.yaml");
    Sandbox.Result touched = lab.sh("git commit -q -am 'touch nginx config'");

    assertThat(touched.exit()).as(touched.output()).isZero();
    assertThat(touched.output())
        .contains(
            "note: `gitops/` at .homelabignore:1 leaves out 1 named file, which is not checked:"
                + " gitops/applications/nginx/configmap.yaml")
        .contains("1:1      warning  `gitops/` leaves out the lab's whole tree")
        .contains("homelab pre-commit: 1 staged file(s) clean (1 warning(s))");
    assertThat(lastCommit(lab)).isEqualTo("touch nginx config");
  }

  /**
   * An ignore file at the repository's top leaves a file of the lab below it out of the generated
   * apps as it leaves it out of the checks, also when the hook checks a copy of the index.
   */
  @Test
  void theGitHookComparesTheAppsWithAnIgnoreFileAboveTheLab() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    // An untracked note makes the hook check a copy of the index, which has no .git of its own.
    lab.sh("echo 'draft' > notes.txt");
    lab.sh(
        "echo 'gitops/applications/nginx/servicemonitor.yaml' > .homelabignore"
            + " && git add .homelabignore");

    Sandbox.Result refused = lab.sh("git commit -q -m 'leave the nginx monitor out'");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("stale: gitops/argocd/apps/dev/nginx.yaml")
        .contains("the generated Argo CD apps are stale");
  }

  /**
   * A copy of gitops/ and docs/ in FOLDER of a repository, committed once; returns "cd LAB && ".
   */
  private static String labInFolder(Sandbox toolkit, Path lab, String folder) throws Exception {
    String inLab = "cd '" + lab + "' && ";
    toolkit.sh("mkdir -p '" + lab + "' && cp -R gitops '" + lab.resolve(folder) + "'");
    toolkit.sh("cp -R docs '" + lab + "'");
    toolkit.sh(
        inLab + "sed -i 's/^  path: gitops$/  path: " + folder + "/' " + folder + "/homelab.yaml");
    initAndCommit(toolkit, inLab);
    return inLab;
  }

  /** A copy of gitops/ as a repository of its own, committed once; returns "cd LAB && ". */
  private static String labAtTheTop(Sandbox toolkit, Path lab) throws Exception {
    String inLab = "cd '" + lab + "' && ";
    toolkit.sh("cp -R gitops '" + lab + "'");
    // The Applications' source paths start at the repository's top now.
    toolkit.sh(inLab + "sed -i 's/^  path: gitops$/  path: ./' homelab.yaml");
    initAndCommit(toolkit, inLab);
    return inLab;
  }

  private static void initAndCommit(Sandbox toolkit, String inLab) throws Exception {
    toolkit.sh(inLab + "git init -q -b main && git config user.name Lab");
    toolkit.sh(inLab + "git config user.email lab@example.com && git add -A && git commit -qm lab");
  }

  /**
   * The everyday way through a config change with the hook installed: stage homelab.yaml, generate
   * (which commits the refreshed apps itself, and only them), then commit homelab.yaml; neither
   * commit is refused, and nothing is left half-done.
   */
  @Test
  void aConfigChangeGoesThroughTheGeneratorAndThenTheHook() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    lab.sh("sed -i 's/^  revision: main$/  revision: release/' gitops/homelab.yaml");
    lab.sh("git add gitops/homelab.yaml");

    Sandbox.Result generated = lab.sh("bin/homelab generate --offline");
    assertThat(generated.exit()).as(generated.output()).isZero();
    assertThat(lastCommit(lab)).startsWith("Refresh Argo CD app-of-apps");
    assertThat(lab.sh("git status --porcelain").output().strip())
        .isEqualTo("M  gitops/homelab.yaml");

    Sandbox.Result committed = lab.sh("git commit -q -m 'track the release branch'");
    assertThat(committed.exit()).as(committed.output()).isZero();
    assertThat(committed.output()).contains("homelab pre-commit: 1 staged file(s) clean");
    assertThat(lastCommit(lab)).isEqualTo("track the release branch");
  }

  /** Regenerated files staged by hand are what the commit records, so the hook takes them. */
  @Test
  void regeneratedFilesStagedByHandPassTheHook() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    lab.sh("scripts/install-git-hook");
    lab.sh("sed -i 's/^  revision: main$/  revision: release/' gitops/homelab.yaml");
    // Writes the refreshed files the way the generator would, without its commit.
    lab.sh("bin/homelab generate --offline --dry-run | git apply");

    Sandbox.Result committed =
        lab.sh("git add -A gitops docs && git commit -q -m 'release branch'");
    assertThat(committed.exit()).as(committed.output()).isZero();
    assertThat(lastCommit(lab)).isEqualTo("release branch");
  }

  @Test
  void thePreCommitFrameworkRunsTheHooksForReal() throws Exception {
    Sandbox lab = preCommitSandbox();

    Sandbox.Result passing =
        lab.sh(
            "pre-commit try-repo . homelab-validate --files gitops/applications/nginx/deployment.yaml");
    assertThat(passing.output()).contains("homelab validate").contains("Passed");
    assertThat(passing.exit()).isZero();

    // The validate hook compares with HEAD, so a renamed ConfigMap is reported where it is used.
    lab.sh(
        "sed -i 's/name: nginx-config/name: nginx-settings/' gitops/applications/nginx/configmap.yaml");
    Sandbox.Result renamed =
        lab.sh(
            "pre-commit try-repo . homelab-validate --files gitops/applications/nginx/configmap.yaml");
    assertThat(renamed.output())
        .contains("Failed")
        .contains("gitops/applications/nginx/deployment.yaml")
        .contains("[reference-not-found]");
    assertThat(renamed.exit()).isEqualTo(1);
    lab.sh("git checkout -q gitops/applications/nginx/configmap.yaml");

    // A workflow beside the lab passes every hook: none of them takes it for a lab file.
    Sandbox.Result beside = lab.sh("pre-commit try-repo . --files .github/workflows/pr-checks.yml");
    assertThat(beside.output()).doesNotContain("Failed").contains("Passed");
    assertThat(beside.exit()).as(beside.output()).isZero();

    lab.sh(
        "sed -i 's/nginx-unprivileged:1.28.0-alpine/nginx-unprivileged:latest/' gitops/applications/nginx/deployment.yaml");
    Sandbox.Result failing =
        lab.sh(
            "pre-commit try-repo . homelab-policy --files gitops/applications/nginx/deployment.yaml");
    assertThat(failing.output())
        .contains("Failed")
        .contains("gitops/applications/nginx/deployment.yaml")
        .contains("37:18    error")
        .contains("[image-tag-latest]");
    assertThat(failing.exit()).isEqualTo(1);

    // homelab-check runs both tools in one JVM and reports the same finding.
    Sandbox.Result both =
        lab.sh(
            "pre-commit try-repo . homelab-check --files gitops/applications/nginx/deployment.yaml");
    assertThat(both.output())
        .contains("homelab check")
        .contains("Failed")
        .contains("37:18    error")
        .contains("[image-tag-latest]")
        .contains("check: 1 error");
    assertThat(both.exit()).isEqualTo(1);

    // An ignore file that leaves a synced file out makes the apps stale though no YAML changed.
    lab.sh(
        "git checkout -q gitops"
            + " && echo 'applications/nginx/servicemonitor.yaml' > gitops/.homelabignore");
    Sandbox.Result ignored =
        lab.sh("pre-commit try-repo . homelab-generate-check --files gitops/.homelabignore");
    assertThat(ignored.output())
        .contains("Failed")
        .contains("stale: gitops/argocd/apps/dev/nginx.yaml");
    assertThat(ignored.exit()).isEqualTo(1);
  }

  /**
   * A staged .gitignore at the repository's top belongs to no lab, yet decides which files of the
   * lab below count: the framework's hooks check that lab whole. A staged file at a lab's top named
   * like an option comes after the hook's own arguments, with no "--" before it, and is still taken
   * as a file.
   */
  @Test
  void thePreCommitFrameworkChecksTheLabBelowAnIgnoreFileAndAFileNamedLikeAnOption(
      @TempDir Path elsewhere) throws Exception {
    Sandbox toolkit = preCommitSandbox();
    toolkit.sh("echo '*.local.yaml' >> .gitignore && git commit -q -am 'ignore local files'");
    Files.writeString(
        toolkit.root().resolve("gitops/applications/nginx/creds.local.yaml"),
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: nginx-creds
          namespace: dev
        stringData:
          password: hunter2
        """);
    toolkit.sh("sed -i '$d' .gitignore && git add .gitignore");

    Sandbox.Result unignored = toolkit.sh("pre-commit try-repo . homelab-check");
    Sandbox.Result stale = toolkit.sh("pre-commit try-repo . homelab-generate-check");

    String inLab = labAtTheTop(toolkit, elsewhere.resolve("lab"));
    toolkit.sh(
        inLab
            + "sed 's/nginx-unprivileged:1.28.0-alpine/nginx-unprivileged:latest/;"
            + " s/name: nginx-proxy$/name: nginx-proxy-2/'"
            + " applications/nginx/deployment.yaml > ./-x.yaml && git add -- -x.yaml");
    Sandbox.Result dashed =
        toolkit.sh(inLab + "pre-commit try-repo '" + toolkit.root() + "' homelab-check");

    assertThat(unignored.exit()).as(unignored.output()).isEqualTo(1);
    assertThat(unignored.output())
        .contains("gitops/applications/nginx/creds.local.yaml")
        .contains("[secret-data-in-git]");
    assertThat(stale.exit()).as(stale.output()).isEqualTo(1);
    assertThat(stale.output()).contains("stale: gitops/argocd/apps/dev/nginx.yaml");
    assertThat(dashed.exit()).as(dashed.output()).isEqualTo(1);
    assertThat(dashed.output())
        .doesNotContain("Unknown option")
        .contains("-x.yaml\n  1:1      warning")
        .contains("[manifest-outside-component]\n  6:14     error")
        .contains("37:18    error");
  }

  /**
   * The framework's hooks get the staged files of every lab in one run, and check each with its own
   * config: a commit that touches two labs passes when both are clean, and is refused for a broken
   * file in the second.
   */
  @Test
  void thePreCommitFrameworkChecksEveryLabOfACommit(@TempDir Path elsewhere) throws Exception {
    Sandbox toolkit = preCommitSandbox();
    String inLab = twoLabsWithTheFrameworksHooks(toolkit, elsewhere.resolve("lab"));

    toolkit.sh(
        inLab
            + "echo '# touched' >> site-a/applications/nginx/service.yaml"
            + " && echo '# touched' >> site-b/applications/nginx/service.yaml");
    Sandbox.Result clean = toolkit.sh(inLab + "git commit -q -am 'touch both labs'");
    toolkit.sh(
        inLab
            + "echo '# again' >> site-a/applications/nginx/service.yaml && sed -i"
            + " 's/nginx-unprivileged:1.28.0-alpine/nginx-unprivileged:latest/'"
            + " site-b/applications/nginx/deployment.yaml");
    Sandbox.Result refused = toolkit.sh(inLab + "git commit -q -am 'float the second nginx'");

    assertThat(clean.exit()).as(clean.output()).isZero();
    assertThat(clean.output()).doesNotContain("Failed").contains("Passed");
    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("homelab check")
        .contains("Failed")
        .contains("site-b/applications/nginx/deployment.yaml\n  37:18    error")
        .contains("[image-tag-latest]")
        .contains("check: 1 error, 0 warnings");
    assertThat(toolkit.sh(inLab + "git log -1 --format=%s").output().strip())
        .isEqualTo("touch both labs");
  }

  /**
   * A staged .gitignore at the top of a repository with two labs stands for both, so the
   * framework's generate check compares the apps of each, instead of refusing paths of two trees:
   * here the second lab's, left stale by a commit that skipped the hooks.
   */
  @Test
  void thePreCommitFrameworkChecksTheAppsOfEveryLabBelowATopIgnoreFile(@TempDir Path elsewhere)
      throws Exception {
    Sandbox toolkit = preCommitSandbox();
    String inLab = twoLabsWithTheFrameworksHooks(toolkit, elsewhere.resolve("lab"));

    toolkit.sh(inLab + "echo '*.tmp' > .gitignore && git add .gitignore");
    Sandbox.Result fresh = toolkit.sh(inLab + "git commit -q -m 'ignore temporary files'");
    toolkit.sh(
        inLab
            + "sed -i 's/^  revision: main$/  revision: release/' site-b/homelab.yaml"
            + " && git commit -q --no-verify -am 'site-b tracks the release branch'");
    toolkit.sh(inLab + "echo '*.bak' >> .gitignore && git add .gitignore");
    Sandbox.Result stale = toolkit.sh(inLab + "git commit -q -m 'ignore backups'");

    assertThat(fresh.exit()).as(fresh.output()).isZero();
    assertThat(fresh.output()).doesNotContain("Failed");
    assertThat(stale.exit()).as(stale.output()).isEqualTo(1);
    assertThat(stale.output())
        .doesNotContain("different trees")
        .contains("The committed app-of-apps under site-a/argocd is up to date.")
        .contains("stale: site-b/argocd/root.yaml")
        .doesNotContain("stale: site-a/");
    assertThat(toolkit.sh(inLab + "git log -1 --format=%s").output().strip())
        .isEqualTo("site-b tracks the release branch");
  }

  /**
   * A repository with two labs, site-a/ and site-b/ (copies of gitops/ with their apps generated),
   * and the framework's homelab-check and homelab-generate-check hooks installed from the toolkit
   * sandbox's commit; returns "cd LAB && ".
   */
  private static String twoLabsWithTheFrameworksHooks(Sandbox toolkit, Path lab) throws Exception {
    String inLab = "cd '" + lab + "' && ";
    for (String site : List.of("site-a", "site-b")) {
      toolkit.sh("mkdir -p '" + lab + "' && cp -R gitops '" + lab.resolve(site) + "'");
      toolkit.sh(
          inLab
              + "sed -i 's/^  path: gitops$/  path: "
              + site
              + "/' "
              + site
              + "/homelab.yaml && echo 'docsPath: docs' >> "
              + site
              + "/homelab.yaml");
    }
    Files.writeString(
        lab.resolve(".pre-commit-config.yaml"),
        """
        repos:
          - repo: %s
            rev: %s
            hooks: [{id: homelab-check}, {id: homelab-generate-check}]
        """
            .formatted(toolkit.root(), toolkit.sh("git rev-parse HEAD").output().strip()));
    initAndCommit(toolkit, inLab);
    for (String site : List.of("site-a", "site-b")) {
      Sandbox.Result generated =
          toolkit.sh(inLab + "'" + toolkit.root() + "/bin/homelab' generate --offline " + site);
      assertThat(generated.exit()).as(generated.output()).isZero();
    }
    Sandbox.Result installed = toolkit.sh(inLab + "pre-commit install");
    assertThat(installed.exit()).as(installed.output()).isZero();
    return inLab;
  }

  /**
   * A copy of this repository where the pre-commit framework takes the hooks from the working tree;
   * skips the test when the framework is not installed.
   */
  private Sandbox preCommitSandbox() throws Exception {
    boolean installed =
        Sandbox.run(directory, java.util.Map.of(), "bash", "-c", "command -v pre-commit").exit()
            == 0;
    if (!installed) {
      System.out.println(
          "SKIPPED: the pre-commit program is not installed (pip install pre-commit)");
    }
    assumeTrue(installed, "the pre-commit program is not installed");
    Path toolkit = Files.createDirectories(directory.resolve("toolkit"));
    Sandbox lab = Sandbox.create(toolkit);
    // The hook repository is a clone without jars; HOMELAB_HOME points the launcher at built ones.
    lab.env("HOMELAB_HOME", dev.homelab.core.testing.RepoPaths.repoRoot().toString());
    lab.env("PRE_COMMIT_HOME", directory.resolve("pre-commit-cache").toString());
    return lab;
  }

  /** The subject of the repository's newest commit. */
  private static String lastCommit(Sandbox lab) throws Exception {
    return lab.sh("git log --format=%s -1").output().strip();
  }
}
