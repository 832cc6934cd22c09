package dev.homelab.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;

/** Real git repositories for the tests that compare with a revision. */
public final class GitRepos {

  private GitRepos() {}

  /** Makes {@code folder} an empty repository on branch main, committing nothing. */
  public static void init(Path folder) throws Exception {
    Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call().close();
  }

  /** Makes {@code folder} a repository on branch main and commits everything in it. */
  public static void commitAll(Path folder, String message) throws Exception {
    try (Git git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage(message)
          .setAuthor("Lab", "lab@example.com")
          .setCommitter("Lab", "lab@example.com")
          .setSign(false)
          .call();
    }
  }

  /**
   * Runs the git program in {@code folder}, made first if missing, and returns what it printed;
   * fails the test when git does.
   */
  public static String git(Path folder, String... arguments) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    Commands.Result result = Commands.run(folder, command);
    assertThat(result.exit()).as(result.output()).isZero();
    return result.output();
  }
}
