package dev.homelab.generator.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code git} command line, used by the tests to build fixtures and to read results back
 * independently of JGit.
 */
public final class GitCli {
  private final Path globalConfig;

  private GitCli(Path globalConfig) {
    this.globalConfig = globalConfig;
  }

  /** A git CLI isolated from the machine's global and system configuration. */
  public static GitCli isolatedIn(Path scratch) throws IOException {
    Path config = scratch.resolve("gitconfig");
    Files.writeString(
        config,
        "[user]\n\tname = Other Developer\n\temail = other@homelab.dev\n"
            + "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgSign = false\n");
    return new GitCli(config);
  }

  /** Runs git in {@code dir} and returns its output without trailing newlines; fails on error. */
  public String run(Path dir, String... args) {
    Result result = tryRun(dir, null, args);
    assertThat(result.exitCode())
        .as("git %s failed: %s", String.join(" ", args), result.stderr())
        .isZero();
    return result.stdout().stripTrailing();
  }

  /** Runs {@code commandLine} with sh in {@code dir}, as a user would paste it; fails on error. */
  public String shell(Path dir, String commandLine) {
    Result result = execute(dir, null, List.of("sh", "-c", commandLine));
    assertThat(result.exitCode()).as("%s failed: %s", commandLine, result.stderr()).isZero();
    return result.stdout().stripTrailing();
  }

  /** Runs git with {@code stdin} and returns the exit code and output, whatever they are. */
  public Result tryRun(Path dir, String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    return execute(dir, stdin, command);
  }

  private Result execute(Path dir, String stdin, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("GIT_CONFIG_GLOBAL", globalConfig.toString());
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    try {
      Process process = builder.start();
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      byte[] err = process.getErrorStream().readAllBytes();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s timed out", command).isTrue();
      return new Result(
          process.exitValue(),
          new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("could not run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command.get(0), e);
    }
  }

  /** A new repository at {@code dir} on branch main with one commit holding a README. */
  public Path newRepository(Path dir) throws IOException {
    Files.createDirectories(dir);
    run(dir, "init", "-q", "-b", "main");
    Files.writeString(dir.resolve("README.md"), "# home lab\n");
    run(dir, "add", "README.md");
    run(dir, "commit", "-q", "-m", "Initial commit");
    return dir;
  }

  /** A bare repository at {@code dir} that already holds one commit on main, plus its URL. */
  public String newBareRemote(Path dir, Path scratch) throws IOException {
    run(scratch, "init", "-q", "--bare", "-b", "main", dir.toString());
    Path seed = newRepository(scratch.resolve("seed-" + dir.getFileName()));
    String url = dir.toUri().toString();
    run(seed, "push", "-q", url, "main");
    return url;
  }

  /** Lines of a command's output, without empty ones. */
  public List<String> lines(Path dir, String... args) {
    String out = run(dir, args);
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  public record Result(int exitCode, String stdout, String stderr) {}
}
