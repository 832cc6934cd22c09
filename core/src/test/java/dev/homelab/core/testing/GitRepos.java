package dev.homelab.core.testing;

import java.nio.file.Path;
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
}
