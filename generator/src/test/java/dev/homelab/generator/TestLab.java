package dev.homelab.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.Trees;
import dev.homelab.generator.cli.GeneratorCli;
import dev.homelab.generator.git.GitCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small lab in a real git repository, cloned from a real bare remote over {@code file://}, and
 * the generator CLI run in-process against it. Results are read back through the git CLI.
 */
final class TestLab {
  static final String AUTHOR = "Lab Bot <bot@homelab.dev>";

  static final String CONFIG =
      """
      name: test-lab
      domain: home.example.com
      kubernetes:
        version: "1.34"
      git:
        repoURL: https://example.com/lab.git
        revision: main
        path: gitops
      network:
        lan: 192.168.2.0/24
        tailscale: 100.64.0.0/10
        metallbPools:
          - 192.168.2.240-192.168.2.250
      layers: [infrastructure, applications]
      profiles:
        small:
          # No containers run here, so no ResourceQuota or LimitRange enforces values.
          quota: {}
          limitRange:
            defaultRequest: {}
            default: {}
            max: {}
      namespaces:
        - name: infra
          layer: infrastructure
          profile: small
          clusterResources: true
        - name: apps
          layer: applications
          profile: small
        - name: argocd
          layer: infrastructure
          profile: small
          clusterResources: true
      components:
        - name: namespaces
          namespace: infra
          path: infrastructure/namespaces
        - name: cert-manager
          namespace: infra
          path: infrastructure/cert-manager
          chart:
            repoURL: https://charts.jetstack.io
            name: cert-manager
            version: v1.19.1
          dependsOn: [namespaces]
        - name: web
          namespace: apps
          path: applications/web
          dependsOn: [cert-manager]
      """;

  final GitCli git;
  final Path scratch;
  final Path remote;
  final String remoteUrl;
  final Path local;
  final Path tree;

  private TestLab(GitCli git, Path scratch, Path remote, String remoteUrl, Path local) {
    this.git = git;
    this.scratch = scratch;
    this.remote = remote;
    this.remoteUrl = remoteUrl;
    this.local = local;
    this.tree = local.resolve("gitops");
  }

  /** A bare remote holding the lab, and a clone of it in {@code scratch/local}. */
  static TestLab create(Path scratch) throws IOException {
    GitCli git = GitCli.isolatedIn(scratch);
    Path remote = scratch.resolve("remote.git");
    String url = git.newBareRemote(remote, scratch);
    git.run(scratch, "clone", "-q", url, "local");
    TestLab lab = new TestLab(git, scratch, remote, url, scratch.resolve("local"));
    lab.writeFixture();
    lab.commitAll("Add the lab");
    lab.git.run(lab.local, "push", "-q", "origin", "main");
    return lab;
  }

  private void writeFixture() {
    write("gitops/homelab.yaml", CONFIG);
    for (String ns : List.of("infra", "apps")) {
      write("gitops/infrastructure/namespaces/namespace-" + ns + ".yaml", namespace(ns));
    }
    write("gitops/infrastructure/cert-manager/values-homelab.yaml", "crds:\n  enabled: true\n");
    write("gitops/applications/web/configmap.yaml", configMap("web", "apps", "hello"));
    write("gitops/applications/web/build.sh", "#!/bin/sh\necho build\n");
    write("gitops/applications/web/README.md", "# web\n");
  }

  static String namespace(String name) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %s
          labels:
            app.kubernetes.io/name: %s
            app.kubernetes.io/instance: namespaces
            app.kubernetes.io/component: namespace
            app.kubernetes.io/part-of: test-lab
            app.kubernetes.io/managed-by: argocd
        """
        .formatted(name, name);
  }

  /** A ConfigMap that passes the lab's conventions; {@code greeting} is its one value, as YAML. */
  static String configMap(String app, String namespace, String greeting) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s-config
          namespace: %s
          labels:
            app.kubernetes.io/name: %s
            app.kubernetes.io/instance: %s
            app.kubernetes.io/component: config
            app.kubernetes.io/part-of: test-lab
            app.kubernetes.io/managed-by: argocd
        data:
          greeting: %s
        """
        .formatted(app, namespace, app, app, greeting);
  }

  Path write(String relative, String content) {
    return Trees.write(local, relative, content);
  }

  String read(String relative) {
    return Trees.read(local.resolve(relative));
  }

  boolean exists(String relative) {
    return Files.exists(local.resolve(relative));
  }

  /** Replaces {@code from} by {@code to} in homelab.yaml, which must contain it. */
  void editConfig(String from, String to) {
    String config = read("gitops/homelab.yaml");
    assertThat(config).contains(from);
    write("gitops/homelab.yaml", config.replace(from, to));
  }

  void commitAll(String message) {
    git.run(local, "add", "-A");
    git.run(local, "commit", "-q", "-m", message);
  }

  String head() {
    return git.run(local, "rev-parse", "HEAD");
  }

  int commitCount() {
    return Integer.parseInt(git.run(local, "rev-list", "--count", "HEAD"));
  }

  String lastMessage() {
    return git.run(local, "log", "-1", "--format=%B");
  }

  List<String> lastCommitFiles() {
    return git.lines(local, "show", "--no-renames", "--name-status", "--format=", "HEAD");
  }

  String status() {
    return git.run(local, "status", "--porcelain");
  }

  /** Runs the generator on this lab's tree, offline, with the test author. */
  Run generate(String... args) {
    List<String> all = new ArrayList<>(List.of(tree.toString(), "--author", AUTHOR));
    all.addAll(List.of("--offline", "--no-catalog"));
    all.addAll(List.of(args));
    return cli(all.toArray(String[]::new));
  }

  /** Runs the generator CLI in-process with exactly {@code args}. */
  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GeneratorCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
