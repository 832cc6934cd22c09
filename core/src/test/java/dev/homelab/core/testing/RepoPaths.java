package dev.homelab.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and the shared test data are, for tests in every module. */
public final class RepoPaths {

  private RepoPaths() {}

  /** The repository root: set by surefire, else found by walking up to the parent pom. */
  public static Path repoRoot() {
    String configured = System.getProperty("homelab.repo.root");
    if (configured != null && Files.isDirectory(Path.of(configured, "gitops"))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("core"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root from " + Path.of("").toAbsolutePath());
  }

  public static Path gitopsTree() {
    return repoRoot().resolve("gitops");
  }

  /**
   * A path under ../shared (the read-only test data beside the repository); the calling test is
   * skipped with a printed reason when it is absent.
   */
  public static Path shared(String relative) {
    Path path = repoRoot().resolveSibling("shared").resolve(relative);
    if (!Files.exists(path)) {
      System.out.println("SKIPPED: " + path + " is absent; this test needs the shared test data");
    }
    assumeTrue(Files.exists(path), path + " is absent; this test needs the shared test data");
    return path;
  }
}
