package dev.homelab.core.change;

import dev.homelab.core.cli.Timings;
import dev.homelab.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * A run's base revision ({@code --base}): loaded once, on another thread from the moment the lab
 * config is found, and shared by the suites of the run, with what it says about a run over named
 * files.
 */
public final class BaseRevisionLoader {

  private static final BaseRevisionLoader NONE = new BaseRevisionLoader(null);

  private final String revision;
  private Path loadedFor;
  private CompletableFuture<BaseRevision> loading;
  private Workspace reasonFor;
  private Optional<String> reason;

  private BaseRevisionLoader(String revision) {
    this.revision = revision;
  }

  /** A loader for {@code revision}, or one that loads nothing when it is null. */
  public static BaseRevisionLoader of(String revision) {
    return revision == null ? NONE : new BaseRevisionLoader(revision);
  }

  public static BaseRevisionLoader none() {
    return NONE;
  }

  /** Starts loading the revision of the tree of {@code configFile}, unless it already is. */
  public void start(Path configFile) {
    loading(configFile);
  }

  /**
   * The revision of the tree of {@code configFile}; null without a revision, or when the revision
   * has no config there (everything is new). A usage error or a failure is rethrown as the loading
   * threw it.
   */
  public BaseRevision join(Path configFile) {
    try {
      return loading(configFile).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Like {@link #join(Path)} for the workspace's config; null when it has none. */
  public BaseRevision join(Workspace workspace) {
    if (revision == null || workspace.config().isEmpty()) {
      return null;
    }
    return join(workspace.config().get().file());
  }

  /**
   * Why a run over named files must report on the whole tree: the lab config changed since the
   * revision, or the tree no longer has objects the revision has; empty without a revision.
   */
  public synchronized Optional<String> reasonToReportWholeTree(Workspace workspace) {
    // The suites of one run ask in turn; the answer for the same workspace is kept.
    if (workspace != reasonFor) {
      BaseRevision base = join(workspace);
      reason =
          base == null
              ? Optional.empty()
              : ChangeReach.configChanged(workspace, base)
                  .or(() -> ChangeReach.removedObjects(workspace, base));
      reasonFor = workspace;
    }
    return reason;
  }

  /** The tree as the revision has it, built from the files loaded already; empty without one. */
  public Optional<BaseTree> baseTree(Workspace workspace, Predicate<String> inFocus)
      throws IOException {
    BaseRevision base = join(workspace);
    if (base == null) {
      return Optional.empty();
    }
    return Optional.of(
        new BaseTree(
            ChangeReach.earlierTree(workspace, base),
            ChangeReach.untouched(workspace, base, inFocus)));
  }

  private synchronized CompletableFuture<BaseRevision> loading(Path configFile) {
    if (revision == null) {
      return CompletableFuture.completedFuture(null);
    }
    Path file = configFile.toAbsolutePath().normalize();
    if (!file.equals(loadedFor)) {
      loadedFor = file;
      loading = CompletableFuture.supplyAsync(() -> load(file));
    }
    return loading;
  }

  private BaseRevision load(Path configFile) {
    long start = System.nanoTime();
    BaseRevision base = BaseRevision.load(configFile, revision).orElse(null);
    Timings.record("load base", Duration.ofNanos(System.nanoTime() - start), revision);
    return base;
  }
}
