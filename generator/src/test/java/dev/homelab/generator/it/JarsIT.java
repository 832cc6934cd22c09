package dev.homelab.generator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.PinnedOpa;
import dev.homelab.core.testing.SarifValidation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The three jars and the launcher as a user runs them, on a copy of the repository. */
class JarsIT {

  @TempDir Path directory;

  @Test
  void sarifOfTheLabAndOfABrokenManifestValidatesAgainstTheSarifSchema() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    Sandbox.Result clean =
        lab.sh(
            "java -jar validator/target/validator.jar --offline --format sarif gitops/ > clean.sarif; echo $?");
    assertThat(clean.output().strip()).isEqualTo("0");
    assertThat(SarifValidation.errors(Files.readString(lab.root().resolve("clean.sarif"))))
        .isEmpty();

    lab.sh("sed -i 's/replicas: 1/replicas: \"1\"/' gitops/applications/nginx/deployment.yaml");
    lab.sh(
        "sed -i 's/nginx-unprivileged:1.28.0-alpine/nginx-unprivileged:latest/' gitops/applications/nginx/deployment.yaml");
    Sandbox.Result validator =
        lab.sh(
            "java -jar validator/target/validator.jar --offline --format sarif gitops/ > v.sarif; echo $?");
    Sandbox.Result policy =
        lab.sh("java -jar policy/target/policy.jar --format sarif gitops/ > p.sarif; echo $?");
    assertThat(validator.output().strip()).isEqualTo("1");
    assertThat(policy.output().strip()).isEqualTo("1");
    for (String report : new String[] {"v.sarif", "p.sarif"}) {
      String sarif = Files.readString(lab.root().resolve(report));
      assertThat(SarifValidation.errors(sarif)).as(report).isEmpty();
    }
    JsonNode result =
        JsonMapper.builder()
            .build()
            .readTree(Files.readString(lab.root().resolve("p.sarif")))
            .at("/runs/0/results/0");
    assertThat(result.get("ruleId").asString()).isEqualTo("image-tag-latest");
    assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asString())
        .isEqualTo("gitops/applications/nginx/deployment.yaml");
    assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(37);
  }

  /** generate's gate runs the policies of --policy-dir too, as policy and check do. */
  @Test
  void generateRefusesWhatACustomPolicyDenies() throws Exception {
    Path opa = PinnedOpa.orSkip("a custom policy in generate's gate");
    Sandbox lab = Sandbox.create(directory);
    lab.env("PATH", opa.getParent() + ":" + System.getenv("PATH"));
    lab.sh(
        "mkdir policies && sed -e 's/^warn contains/deny contains/'"
            + " -e 's/severity: warning/severity: error/' docs/examples/teams.rego"
            + " > policies/teams.rego");
    lab.sh("git rm -r -q gitops/argocd && git commit -q -m 'drop the app-of-apps'");

    Sandbox.Result refused = lab.sh("bin/homelab generate --policy-dir policies");
    Path argocd = lab.root().resolve("gitops/argocd");
    boolean writtenWhenRefused = Files.exists(argocd);
    Sandbox.Result passed = lab.sh("bin/homelab generate");

    assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains("Deployment nginx-proxy has no team label", "nothing was written");
    assertThat(writtenWhenRefused).isFalse();
    assertThat(passed.exit()).as(passed.output()).isZero();
    assertThat(argocd).isDirectory();
  }

  @Test
  void theLauncherRunsEveryCommandAndReusesItsArchive() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    Path cache = directory.resolve("jvm-cache");
    lab.env("HOMELAB_CACHE", cache.toString());
    assertThat(lab.sh("bin/homelab validate --offline").output()).contains("validator: 0 errors");
    try (var archives = Files.list(cache)) {
      assertThat(archives.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("validator-"));
    }
    Sandbox.Result again = lab.sh("bin/homelab validate --offline");
    assertThat(again.exit()).isZero();
    assertThat(again.output())
        .contains("validator: 0 errors")
        .doesNotContain("warning: ")
        .doesNotContain("Error occurred");
    assertThat(lab.sh("bin/homelab policy").output()).contains("policy: 0 errors, 0 warnings");
    assertThat(lab.sh("bin/homelab generate --check").output()).contains("up to date");
    assertThat(lab.sh("bin/homelab check --offline").output())
        .contains("check: 0 errors, 0 warnings");
    assertThat(archives(cache))
        .as("generator.jar's commands load different classes, so each has its own archive")
        .anyMatch(name -> name.startsWith("generator-generate-"))
        .anyMatch(name -> name.startsWith("generator-check-"));
    Sandbox.Result unknown = lab.sh("bin/homelab deploy");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.output()).contains("unknown command 'deploy'");
  }

  /** A home folder may hold a space (a Windows user name), and with it the archive's path. */
  @Test
  void theLauncherTakesACacheFolderWithASpace() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    Path cache = directory.resolve("jvm cache");
    lab.env("HOMELAB_CACHE", cache.toString());

    Sandbox.Result first = lab.sh("bin/homelab validate --offline");
    Sandbox.Result again = lab.sh("bin/homelab validate --offline");

    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(again.exit()).as(again.output()).isZero();
    assertThat(again.output()).contains("validator: 0 errors");
    assertThat(archives(cache)).anyMatch(name -> name.startsWith("validator-"));
  }

  /**
   * A first run that only prints a version, help or rules would archive just those classes and
   * leave every later run slow, so it makes no archive; the first real run does.
   */
  @Test
  void onlyARunThatChecksSomethingMakesTheArchive() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    Path cache = directory.resolve("jvm-cache");
    lab.env("HOMELAB_CACHE", cache.toString());

    assertThat(lab.sh("bin/homelab validate --version").exit()).isZero();
    Sandbox.Result version = lab.sh("bin/homelab --version");
    assertThat(version.exit()).as(version.output()).isZero();
    assertThat(version.output()).contains(" (homelab GitOps toolkit)");
    assertThat(lab.sh("bin/homelab validate --list-rules").exit()).isZero();
    assertThat(lab.sh("bin/homelab validate --explain reference-not-found").exit()).isZero();
    assertThat(archives(cache)).isEmpty();

    assertThat(lab.sh("bin/homelab validate --offline").output()).contains("validator: 0 errors");
    assertThat(archives(cache)).anyMatch(name -> name.startsWith("validator-"));
  }

  /** Each rebuilt jar gets new archives; the launcher keeps the three newest per jar and Java. */
  @Test
  void makingAnArchiveDeletesAllButTheNewestThreeOfThatJar() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    Path cache = directory.resolve("jvm-cache");
    lab.env("HOMELAB_CACHE", cache.toString());
    assertThat(lab.sh("bin/homelab validate --offline").exit()).isZero();
    String made =
        archives(cache).stream().filter(name -> name.startsWith("validator-")).findFirst().get();
    String java = made.substring(made.lastIndexOf("-java"));
    Files.delete(cache.resolve(made));
    long now = System.currentTimeMillis();
    for (int age = 1; age <= 4; age++) {
      Path stale = cache.resolve("validator-" + age + java);
      Files.writeString(stale, "an older build's archive");
      Files.setLastModifiedTime(stale, FileTime.fromMillis(now - age * 3_600_000L));
    }
    Files.writeString(cache.resolve("policy-1" + java), "another jar's archive");

    assertThat(lab.sh("bin/homelab validate --offline").exit()).isZero();

    assertThat(archives(cache))
        .containsExactlyInAnyOrder(
            made, "validator-1" + java, "validator-2" + java, "policy-1" + java);
  }

  /**
   * The JVM refuses an archive whose jar changed size or modification time, even with the same
   * bytes (a rebuild), so a touched jar must get a new archive rather than keep the refused one.
   */
  @Test
  void aRebuiltJarWithTheSameBytesGetsANewArchive() throws Exception {
    Sandbox lab = Sandbox.create(directory);
    Path cache = directory.resolve("jvm-cache");
    lab.env("HOMELAB_CACHE", cache.toString());
    Path jar = lab.root().resolve("validator/target/validator.jar");
    Path built = jar.toRealPath();
    Files.delete(jar);
    Files.copy(built, jar);
    assertThat(lab.sh("bin/homelab validate --offline").exit()).isZero();
    List<String> first = archives(cache);

    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 3_600_000L));
    assertThat(lab.sh("bin/homelab validate --offline").exit()).isZero();

    List<String> second = archives(cache);
    assertThat(second).hasSize(first.size() + 1).containsAll(first);
    if (second.stream().anyMatch(name -> name.endsWith(".jsa"))) {
      // With -Xshare:on the JVM stops instead of running without an archive it cannot use.
      Sandbox.Result strict =
          lab.env("HOMELAB_JAVA_OPTS", "-Xshare:on").sh("bin/homelab validate --offline");
      assertThat(strict.exit()).as(strict.output()).isZero();
    }
  }

  /** The XDG spec makes a relative XDG_CACHE_HOME invalid, so the launcher ignores it too. */
  @Test
  void theLauncherIgnoresARelativeXdgCacheHome() throws Exception {
    Sandbox lab = Sandbox.create(directory.resolve("lab"));
    Path home = Files.createDirectories(directory.resolve("home"));

    Sandbox.Result run =
        lab.sh("unset HOMELAB_CACHE; HOME='" + home + "' XDG_CACHE_HOME=cache bin/homelab policy");

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(archives(home.resolve(".cache/homelab/jvm"))).anyMatch(n -> n.startsWith("policy-"));
    assertThat(lab.root().resolve("cache")).doesNotExist();
  }

  private static List<String> archives(Path cache) throws Exception {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    try (var files = Files.list(cache)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  /** Java 25's recording run announces its AOT configuration on stdout as it exits. */
  @Test
  void aFirstRunOnJava25KeepsStdoutAReport() throws Exception {
    Path java25 = jdk(25);
    Sandbox lab = Sandbox.create(directory);
    lab.env("HOMELAB_CACHE", directory.resolve("jvm-cache").toString());
    lab.env("JAVA_HOME", java25.toString());

    Sandbox.Result first =
        lab.sh("bin/homelab validate --offline --format json > first.json; echo exit=$?");

    assertThat(first.output()).contains("exit=0");
    JsonNode report = JsonMapper.builder().build().readTree(lab.root().resolve("first.json"));
    assertThat(report.at("/summary/errors").asInt()).isZero();
    assertThat(Files.readString(lab.root().resolve("first.json"))).doesNotContain("AOT");
  }

  /** A JDK of at least {@code major} under /usr/lib/jvm; the test is skipped without one. */
  private static Path jdk(int major) throws Exception {
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (var homes = Files.list(jvms)) {
        for (Path home : homes.sorted().toList()) {
          Path release = home.resolve("release");
          if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))) {
            String version =
                Files.readAllLines(release).stream()
                    .filter(l -> l.startsWith("JAVA_VERSION="))
                    .findFirst()
                    .map(l -> l.replaceAll("[^0-9.]", ""))
                    .orElse("0");
            if (Integer.parseInt(version.split("\\.")[0]) >= major) {
              return home;
            }
          }
        }
      }
    }
    String reason = "no Java " + major + "+ JDK under /usr/lib/jvm";
    System.out.println("SKIPPED: " + reason);
    org.junit.jupiter.api.Assumptions.assumeTrue(false, reason);
    throw new AssertionError(reason);
  }
}
