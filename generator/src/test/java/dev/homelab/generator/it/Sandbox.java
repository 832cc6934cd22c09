package dev.homelab.generator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.homelab.core.testing.RepoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away copy of this repository (the files git tracks or would track, with the built jars
 * linked in), committed into a fresh git repository, where end-to-end tests run the real commands.
 * Nothing a test does there touches the checkout.
 */
final class Sandbox {

  /** Shared by the end-to-end tests so that each JVM archive is made only once. */
  static final Path JVM_CACHE = RepoPaths.repoRoot().resolve("generator/target/it-jvm-cache");

  record Result(int exit, String output) {}

  private final Path root;
  private final Map<String, String> environment = new HashMap<>();

  private Sandbox(Path root) {
    this.root = root;
    environment.put("HOMELAB_CACHE", JVM_CACHE.toString());
    environment.put("NO_COLOR", "1");
    environment.put("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z");
    environment.put("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z");
  }

  static Sandbox create(Path directory) throws Exception {
    Path source = RepoPaths.repoRoot();
    Result files = run(source, Map.of(), "git", "ls-files", "-co", "--exclude-standard", "-z");
    assertEquals(0, files.exit(), files.output());
    for (String file : files.output().split("\0")) {
      if (file.isEmpty()
          || file.startsWith("generator/target")
          || !Files.isRegularFile(source.resolve(file))) {
        continue;
      }
      Path target = directory.resolve(file);
      Files.createDirectories(target.getParent());
      Files.copy(source.resolve(file), target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    for (String module : List.of("validator", "policy", "generator")) {
      Path jar = source.resolve(module + "/target/" + module + ".jar");
      assertEquals(
          true, Files.isRegularFile(jar), jar + " must be built before the end-to-end tests");
      Path link = directory.resolve(module + "/target/" + module + ".jar");
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, jar);
    }
    Sandbox sandbox = new Sandbox(directory);
    sandbox.git("init", "-q", "-b", "main");
    sandbox.git("config", "user.name", "Lab Operator");
    sandbox.git("config", "user.email", "operator@example.com");
    sandbox.git("add", "-A");
    sandbox.git("commit", "-q", "-m", "lab");
    return sandbox;
  }

  Path root() {
    return root;
  }

  Sandbox env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Runs a shell command line in the sandbox, stdout and stderr merged in order. */
  Result sh(String commandLine) throws Exception {
    return run(root, environment, "bash", "-c", commandLine + " 2>&1");
  }

  void git(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    Result result = run(root, environment, command.toArray(String[]::new));
    assertEquals(0, result.exit(), String.join(" ", command) + ":\n" + result.output());
  }

  static Result run(Path directory, Map<String, String> environment, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    return new Result(process.exitValue(), output);
  }
}
