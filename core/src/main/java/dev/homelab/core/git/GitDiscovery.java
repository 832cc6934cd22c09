package dev.homelab.core.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The git repository that holds a folder, found and opened the way git finds it: {@code GIT_DIR}
 * and {@code GIT_WORK_TREE} when set, otherwise the first {@code .git} at or above the folder.
 */
public final class GitDiscovery {

  private final FileRepositoryBuilder builder;
  private final Path dotGitFileFolder;

  private GitDiscovery(FileRepositoryBuilder builder, Path dotGitFileFolder) {
    this.builder = builder;
    this.dotGitFileFolder = dotGitFileFolder;
  }

  /** The repository of {@code start}; empty when neither the environment nor a folder names one. */
  public static Optional<GitDiscovery> find(Path start) {
    Path folder = start.toAbsolutePath().normalize();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment();
    boolean discovered = builder.getGitDir() == null && builder.getWorkTree() == null;
    builder.findGitDir(folder.toFile());
    if (builder.getGitDir() == null) {
      return Optional.empty();
    }
    return Optional.of(new GitDiscovery(builder, discovered ? dotGitFileFolder(folder) : null));
  }

  /** The git directory found. */
  public File gitDir() {
    return builder.getGitDir();
  }

  /**
   * Opens the repository, which the caller closes; with a {@code .git} file that names a separate
   * git directory ({@code git init --separate-git-dir}) the work tree is the folder that holds the
   * file, as for git.
   *
   * @throws org.eclipse.jgit.errors.RepositoryNotFoundException when the git directory is not one
   */
  public Repository open() throws IOException {
    Repository repository = builder.setMustExist(true).build();
    if (dotGitFileFolder == null
        || repository.getConfig().getString("core", null, "worktree") != null
        || repository.getConfig().getBoolean("core", "bare", false)
        || (!repository.isBare() && repository.getWorkTree().toPath().equals(dotGitFileFolder))) {
      return repository;
    }
    // JGit takes the parent of a separate git directory as the work tree (or none, without
    // core.bare); git takes the folder that holds the .git file.
    repository.close();
    return new FileRepositoryBuilder()
        .readEnvironment()
        .setGitDir(builder.getGitDir())
        .setWorkTree(dotGitFileFolder.toFile())
        .setMustExist(true)
        .build();
  }

  /** The folder at or above {@code start} whose {@code .git} git finds first, if it is a file. */
  private static Path dotGitFileFolder(Path start) {
    for (Path folder = start; folder != null; folder = folder.getParent()) {
      Path dotGit = folder.resolve(Constants.DOT_GIT);
      if (Files.exists(dotGit, LinkOption.NOFOLLOW_LINKS)) {
        return Files.isRegularFile(dotGit) ? folder : null;
      }
    }
    return null;
  }
}
