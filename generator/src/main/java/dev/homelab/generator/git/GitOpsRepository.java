package dev.homelab.generator.git;

import dev.homelab.core.cli.UsageException;
import dev.homelab.core.git.GitDiscovery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.api.AddCommand;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.RebaseCommand;
import org.eclipse.jgit.api.RebaseResult;
import org.eclipse.jgit.api.RmCommand;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.api.errors.EmptyCommitException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.lib.Signer;
import org.eclipse.jgit.lib.Signers;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.FileUtils;

/**
 * The GitOps repository as the generator sees it: a working tree to write generated files into, a
 * branch to commit them on, and a remote to push to.
 *
 * <p>Paths in this API are repository-relative with forward slashes, as git prints them (for
 * example {@code gitops/argocd/root.yaml}). The repository only ever stages and commits the paths
 * it is given; everything else in the working tree and the index is left as it was.
 */
public final class GitOpsRepository implements AutoCloseable {
  private final Git git;
  private final Repository repository;
  private final Path workTree;
  private final Path temporaryClone;
  private final AtomicFileWriter writer;
  private RepositoryLock lock;
  // git runs hooks with their stdout on stderr, so a report on stdout stays parseable.
  private PrintStream hookOutput = System.err;

  private GitOpsRepository(Git git, Path temporaryClone) {
    this.git = git;
    this.repository = git.getRepository();
    this.workTree = repository.getWorkTree().toPath().toAbsolutePath().normalize();
    this.temporaryClone = temporaryClone;
    this.writer = new AtomicFileWriter(workTree);
  }

  /** The repository whose working tree contains {@code workingDir}, searching upwards. */
  public static GitOpsRepository open(Path workingDir) {
    Path start = workingDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(start)) {
      throw new GitOpsException("cannot open a git repository from " + start + ": no such folder");
    }
    // GIT_DIR and GIT_WORK_TREE, when set, name the repository as they do for git itself.
    Optional<GitDiscovery> found = GitDiscovery.find(start);
    if (found.isEmpty()) {
      // Running outside the repository is a usage error, as it is for validate --base.
      throw new UsageException(
          "no git repository at or above "
              + start
              + "; run inside the GitOps repository or pass --repo PATH|URL");
    }
    Repository repository;
    try {
      repository = found.get().open();
    } catch (RepositoryNotFoundException e) {
      throw new GitOpsException(
          "no usable git repository at " + found.get().gitDir() + ": " + e, e);
    } catch (IOException e) {
      throw new GitOpsException("could not open the git repository at " + found.get().gitDir(), e);
    } catch (IllegalArgumentException e) {
      // JGit says so of a config file it cannot parse, which git refuses too.
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      throw new GitOpsException(
          "could not open the git repository at "
              + found.get().gitDir()
              + ": "
              + e.getMessage()
              + (root == e ? "" : " (" + root.getMessage() + ")"),
          e);
    }
    if (repository.isBare()) {
      repository.close();
      throw new UsageException(
          repository.getDirectory()
              + " is a bare repository, without a working tree to write into; pass --repo "
              + repository.getDirectory()
              + " to work in a temporary clone of it");
    }
    return new GitOpsRepository(new Git(repository, true), null);
  }

  /**
   * Clones {@code url} (any URL JGit speaks, or a local path) into a new temporary folder that
   * {@link #close()} deletes again.
   *
   * @param branch the branch to check out, or null for the remote's default branch
   */
  public static GitOpsRepository cloneFrom(String url, String branch, GitCredentials credentials) {
    Path directory;
    try {
      directory = Files.createTempDirectory("homelab-gitops-");
    } catch (IOException e) {
      throw new GitOpsException("could not create a temporary folder to clone into: " + e, e);
    }
    String source = url;
    if (!url.contains("://") && Files.isDirectory(Path.of(url))) {
      source = Path.of(url).toAbsolutePath().normalize().toString();
    }
    CloneCommand clone =
        Git.cloneRepository().setURI(source).setDirectory(directory.toFile()).setNoTags();
    if (branch != null) {
      clone.setBranch(branch);
    }
    try {
      return new GitOpsRepository(credentials.applyTo(clone).call(), directory);
    } catch (GitAPIException | RuntimeException e) {
      deleteQuietly(directory);
      throw new GitOpsException(
          "could not clone " + credentials.redact(url) + ": " + cloneFailure(e, url, credentials));
    }
  }

  /**
   * Why a clone failed, without the URL said once already; for a local path, in place of JGit's
   * "Invalid remote: origin: PATH: not found."
   */
  private static String cloneFailure(Exception e, String url, GitCredentials credentials) {
    Path local = localPath(url);
    if (e instanceof InvalidRemoteException && local != null) {
      return Files.exists(local) ? "not a git repository" : "no such file or folder";
    }
    String reason = describe(e, credentials);
    String repeated = credentials.redact(url) + ": ";
    return reason.startsWith(repeated) ? reason.substring(repeated.length()) : reason;
  }

  /** The folder {@code url} names when it is a path or a {@code file:} URL, else null. */
  private static Path localPath(String url) {
    try {
      URIish uri = new URIish(url);
      return uri.isRemote() ? null : Path.of(uri.getPath());
    } catch (URISyntaxException | InvalidPathException e) {
      return null;
    }
  }

  /** Clones the remote's default branch; see {@link #cloneFrom(String, String, GitCredentials)}. */
  public static GitOpsRepository cloneFrom(String url, GitCredentials credentials) {
    return cloneFrom(url, null, credentials);
  }

  /**
   * Where the output of the git hooks that a commit or push runs (post-commit, pre-push) goes, line
   * by line; {@code System.err} unless set.
   */
  public void printHooksTo(PrintWriter err) {
    hookOutput = new PrintStream(new LineForwarder(err), true, StandardCharsets.UTF_8);
  }

  /** Passes each complete line written to it on to a writer, decoded as UTF-8. */
  private static final class LineForwarder extends OutputStream {
    private final PrintWriter target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineForwarder(PrintWriter target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) {
      line.write(b);
      if (b == '\n') {
        flush();
      }
    }

    @Override
    public synchronized void flush() {
      if (line.size() > 0) {
        target.print(line.toString(StandardCharsets.UTF_8));
        target.flush();
        line.reset();
      }
    }
  }

  /** The root of the working tree. */
  public Path workTree() {
    return workTree;
  }

  /** The git directory ({@code .git}, or a linked worktree's own folder). */
  public Path gitDirectory() {
    return repository.getDirectory().toPath();
  }

  /** Whether this is a temporary clone made by {@link #cloneFrom}, deleted on {@link #close()}. */
  public boolean isTemporaryClone() {
    return temporaryClone != null;
  }

  /** The checked-out branch's short name, or a commit id when HEAD is detached. */
  public String currentBranch() {
    try {
      return repository.getBranch();
    } catch (IOException e) {
      throw new GitOpsException("could not read HEAD of " + workTree + ": " + e, e);
    }
  }

  /** Whether HEAD is detached: it names a commit rather than a branch, as in many CI checkouts. */
  public boolean isDetached() {
    try {
      Ref head = repository.exactRef(Constants.HEAD);
      return head != null && !head.isSymbolic();
    } catch (IOException e) {
      throw new GitOpsException("could not read HEAD of " + workTree + ": " + e, e);
    }
  }

  /** The commit HEAD points at; empty in a repository without commits. */
  public Optional<ObjectId> head() {
    return resolve(Constants.HEAD);
  }

  /** The repository path of a file or folder inside the working tree. */
  public String pathOf(Path location) {
    return RepoPaths.of(workTree, location);
  }

  /**
   * Takes the repository's run lock, held until the returned lock or this repository is closed.
   *
   * @throws RepositoryLockedException when another run holds it
   */
  public synchronized RepositoryLock lock() {
    if (lock != null && !lock.isReleased()) {
      throw new IllegalStateException("this repository object already holds its lock");
    }
    lock = RepositoryLock.acquire(gitDirectory());
    return lock;
  }

  /**
   * Files under {@code paths} that differ between the working tree, the index and HEAD: modified,
   * staged, untracked, deleted or conflicting.
   */
  public SortedSet<String> dirtyPaths(Collection<String> paths) {
    Status status = status(paths);
    if (status == null) {
      return new TreeSet<>();
    }
    TreeSet<String> dirty = changedFiles(status);
    dirty.addAll(status.getConflicting());
    return dirty;
  }

  /** Those of {@code paths} that git does not track yet. */
  public Set<String> untrackedPaths(Collection<String> paths) {
    Status status = status(paths);
    return status == null ? Set.of() : status.getUntracked();
  }

  /**
   * A shell command, run in {@code workingDir}, that discards the local edits of {@code dirty}
   * (paths from {@link #dirtyPaths}): staged and unstaged changes go back to HEAD, and untracked
   * files are deleted.
   */
  public String discardCommand(Path workingDir, Collection<String> dirty) {
    Set<String> untracked = untrackedPaths(dirty);
    Path from = workingDir.toAbsolutePath().normalize();
    // Pathspecs are relative to the shell's folder, so outside the work tree git is pointed at it.
    boolean inside = from.startsWith(workTree);
    String git = git(workingDir);
    List<String> known = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String path : dirty) {
      String word =
          shellWord(inside ? from.relativize(RepoPaths.resolve(workTree, path)).toString() : path);
      (untracked.contains(path) ? unknown : known).add(word);
    }
    List<String> commands = new ArrayList<>();
    if (!known.isEmpty()) {
      // restore, unlike checkout, also unstages, and drops files staged as new.
      commands.add(git + " restore --staged --worktree -- " + String.join(" ", known));
    }
    if (!unknown.isEmpty()) {
      commands.add(git + " clean -f -- " + String.join(" ", unknown));
    }
    return String.join(" && ", commands);
  }

  /** The git command for this repository from {@code workingDir}: pointed at it from outside. */
  public String git(Path workingDir) {
    return workingDir.toAbsolutePath().normalize().startsWith(workTree)
        ? "git"
        : "git -C " + shellWord(workTree.toString());
  }

  private static String shellWord(String text) {
    return text.matches("[\\w./:@%+=,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }

  /** Regular files in the working tree under {@code folder}, sorted; empty when it is absent. */
  public SortedSet<String> listFiles(String folder) {
    Path root = RepoPaths.resolve(workTree, folder);
    TreeSet<String> files = new TreeSet<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).map(this::pathOf).forEach(files::add);
    } catch (IOException e) {
      throw new GitOpsException("could not list " + root + ": " + e, e);
    }
    return files;
  }

  /** The bytes of {@code path} in the working tree; empty when it is not a regular file. */
  public Optional<byte[]> readWorkingTree(String path) {
    Path file = RepoPaths.resolve(workTree, path);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new GitOpsException("could not read " + file + ": " + e, e);
    }
  }

  /**
   * What the next commit holds of {@code paths}: the staged files, which are HEAD's unless
   * something is staged; in a pre-commit hook, what is being committed.
   */
  private Map<String, byte[]> readStaged(Collection<String> paths) {
    Map<String, byte[]> contents = new TreeMap<>();
    try {
      DirCache index = repository.readDirCache();
      for (String path : paths) {
        DirCacheEntry entry = index.getEntry(path);
        if (entry != null && (entry.getRawMode() & FileMode.TYPE_MASK) == FileMode.TYPE_FILE) {
          contents.put(path, repository.open(entry.getObjectId()).getBytes());
        }
      }
    } catch (IOException e) {
      throw new GitOpsException("could not read " + paths.size() + " staged files: " + e, e);
    }
    return contents;
  }

  /**
   * Writes {@code files} and deletes {@code deletions}, each file atomically; if any step fails,
   * everything is put back as it was and a {@link GitOpsException} says which file failed.
   *
   * <p>Files whose bytes already match are not touched, and folders emptied by a deletion are
   * removed. Which files to delete is the caller's decision.
   */
  public WriteResult writeAll(Map<String, byte[]> files, Set<String> deletions) {
    return writer.writeAll(files, deletions);
  }

  /**
   * Puts back what {@link #writeAll} wrote: each file it replaced or deleted gets its old bytes
   * again and each file it created is deleted, with the same all-or-nothing guarantee.
   */
  public void undo(WriteResult result) {
    Set<String> created = new TreeSet<>(result.changed());
    created.removeAll(result.previous().keySet());
    writer.writeAll(result.previous(), created);
  }

  /**
   * The paths that writing {@code files} and {@code deletions} would change, compared with {@code
   * base}.
   */
  public SortedSet<String> pendingChanges(
      Map<String, byte[]> files, Set<String> deletions, DiffBase base) {
    return new TreeSet<>(changes(files, deletions, base).keySet());
  }

  /**
   * A unified diff, in the format of {@code git diff}, from {@code base} to the proposed files;
   * empty when nothing would change. Nothing is written.
   */
  public String diff(Map<String, byte[]> files, Set<String> deletions, DiffBase base) {
    StringBuilder out = new StringBuilder();
    changes(files, deletions, base)
        .forEach(
            (path, change) ->
                out.append(UnifiedDiff.render(path, change.before(), change.after())));
    return out.toString();
  }

  /** One file's content before and after; null stands for "no such file". */
  private record Change(byte[] before, byte[] after) {}

  private TreeMap<String, Change> changes(
      Map<String, byte[]> files, Set<String> deletions, DiffBase base) {
    TreeMap<String, byte[]> proposed = new TreeMap<>();
    files.forEach((path, bytes) -> proposed.put(RepoPaths.check(path), bytes));
    for (String path : deletions) {
      if (proposed.put(RepoPaths.check(path), null) != null) {
        throw new IllegalArgumentException(path + " is both written and deleted");
      }
    }
    Map<String, byte[]> staged = base == DiffBase.INDEX ? readStaged(proposed.keySet()) : Map.of();
    TreeMap<String, Change> changes = new TreeMap<>();
    proposed.forEach(
        (path, after) -> {
          byte[] before =
              base == DiffBase.INDEX ? staged.get(path) : readWorkingTree(path).orElse(null);
          boolean same =
              before == null ? after == null : after != null && Arrays.equals(before, after);
          if (!same) {
            changes.put(path, new Change(before, after));
          }
        });
    return changes;
  }

  /** When the index file was last written, or null without one. */
  private Instant indexModified() throws IOException {
    Path index = repository.getIndexFile().toPath();
    return Files.exists(index) ? Files.getLastModifiedTime(index).toInstant() : null;
  }

  /**
   * Marks the index entries that C git took as racily clean before this run rewrote the index, so
   * that it compares their content again, as C git does when it writes an index itself.
   *
   * <p>C git compares timestamps by the second: an entry written in the same second as the index
   * was racy, and its file may have been edited since at the same size. JGit compares nanoseconds,
   * leaves such an entry as it is, and once the new index is a second newer C git would trust the
   * entry and hide that edit from {@code git status} and from the next commit.
   */
  private void smudgeRacilyClean(Instant indexWritten, Set<String> committed) throws IOException {
    if (indexWritten == null) {
      return;
    }
    long racySecond = indexWritten.getEpochSecond();
    DirCache index = repository.lockDirCache();
    try {
      boolean smudged = false;
      for (int i = 0; i < index.getEntryCount(); i++) {
        DirCacheEntry entry = index.getEntry(i);
        if (!committed.contains(entry.getPathString())
            && entry.getLength() != 0
            && entry.getLastModifiedInstant().getEpochSecond() >= racySecond) {
          entry.setLength(0);
          smudged = true;
        }
      }
      if (smudged) {
        index.write();
        index.commit();
      }
    } finally {
      index.unlock();
    }
  }

  /** The author for {@code --author} when given, else from git config; see {@link CommitAuthor}. */
  public PersonIdent resolveAuthor(String authorOption) {
    return CommitAuthor.resolve(authorOption, repository.getConfig());
  }

  /**
   * Refuses, before anything is written, when git config asks for signed commits ({@code
   * commit.gpgSign}) that JGit cannot make: it has no OpenPGP or X.509 signer, and SSH signing
   * needs a key it can read.
   */
  public void requireSigningPossible(PersonIdent author) {
    StoredConfig config = repository.getConfig();
    GpgConfig gpg = new GpgConfig(config);
    if (!gpg.isSignCommits()) {
      return;
    }
    String format = gpg.getKeyFormat().toConfigValue();
    String unsigned =
        "; nothing was written. To let the generator commit unsigned in this repository, run "
            + "git -C "
            + shellWord(workTree.toString())
            + " config commit.gpgSign false";
    Signer signer = Signers.get(gpg.getKeyFormat());
    if (signer == null) {
      throw new UsageException(
          "git config sets commit.gpgSign, but the generator commits with JGit, which cannot sign "
              + format
              + " commits (gpg.format)"
              + unsigned);
    }
    PersonIdent committer = CommitAuthor.committerFor(author, config);
    String problem;
    try {
      problem =
          signer.canLocateSigningKey(repository, gpg, committer, gpg.getSigningKey(), null)
              ? null
              : gpg.getSigningKey() == null
                  ? "user.signingKey is not set, and no key was found for "
                      + committer.getEmailAddress()
                  : "its signing key " + gpg.getSigningKey() + " (user.signingKey) cannot be used";
    } catch (CanceledException | RuntimeException e) {
      problem = describe(e);
    }
    if (problem != null) {
      throw new UsageException(
          "git config sets commit.gpgSign, but JGit cannot sign the generator's commit with "
              + format
              + ": "
              + problem
              + unsigned);
    }
  }

  /**
   * Stages exactly the added, changed and removed files under {@code paths} and commits them, and
   * nothing else: other modified, untracked or even staged files stay as they are.
   *
   * @return the new commit, or empty when nothing under {@code paths} differs from HEAD
   */
  public Optional<ObjectId> commit(Collection<String> paths, String message, PersonIdent author) {
    requireNoOperationInProgress("commit");
    Status status = status(paths);
    if (status == null) {
      return Optional.empty();
    }
    if (!status.getConflicting().isEmpty()) {
      throw new GitOpsException(
          "cannot commit: unresolved conflicts in "
              + String.join(", ", new TreeSet<>(status.getConflicting())));
    }
    TreeSet<String> changed = changedFiles(status);
    if (changed.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Optional<DirCacheEntry>> staged = indexEntries(changed);
    try {
      Instant indexWritten = indexModified();
      AddCommand add = git.add();
      RmCommand remove = git.rm().setCached(true);
      boolean anyAdded = false;
      boolean anyRemoved = false;
      for (String path : changed) {
        if (Files.exists(workTree.resolve(path))) {
          add.addFilepattern(path);
          anyAdded = true;
        } else {
          remove.addFilepattern(path);
          anyRemoved = true;
        }
      }
      if (anyAdded) {
        add.call();
      }
      if (anyRemoved) {
        remove.call();
      }
      CommitCommand commit =
          git.commit()
              .setMessage(message)
              .setAuthor(author)
              .setCommitter(CommitAuthor.committerFor(author, repository.getConfig()))
              .setAllowEmpty(false)
              // The gate has run validator and policy already. A pre-commit hook would judge
              // generated files against a homelab.yaml that is not committed yet and refuse them,
              // leaving them staged; git commit --no-verify is the same choice.
              .setNoVerify(true)
              .setHookOutputStream(hookOutput)
              .setHookErrorStream(hookOutput);
      if (hasStagedChangesOutside(paths)) {
        // --only keeps what the user staged elsewhere out of this commit; it costs a full tree
        // walk per path, so the common case of a clean index commits the index as it is.
        changed.forEach(commit::setOnly);
      }
      ObjectId id = commit.call().getId();
      smudgeRacilyClean(indexWritten, changed);
      return Optional.of(id);
    } catch (EmptyCommitException e) {
      return Optional.empty();
    } catch (GitAPIException | IOException | RuntimeException e) {
      String failure =
          "could not commit the "
              + changed.size()
              + " changed files under "
              + String.join(", ", paths)
              + ": "
              + describe(e);
      try {
        restoreIndexEntries(staged);
      } catch (IOException | RuntimeException restoring) {
        throw new GitOpsException(
            failure
                + "; they are left staged, since putting the index back failed too ("
                + restoring
                + "): "
                + git(workTree)
                + " restore --staged -- "
                + String.join(" ", changed.stream().map(GitOpsRepository::shellWord).toList())
                + " unstages them",
            e);
      }
      throw new GitOpsException(failure + "; the index was left as it was", e);
    }
  }

  /** The stage-0 index entries of {@code paths}, empty for a path the index does not hold. */
  private Map<String, Optional<DirCacheEntry>> indexEntries(Collection<String> paths) {
    Map<String, Optional<DirCacheEntry>> entries = new TreeMap<>();
    try {
      DirCache index = repository.readDirCache();
      paths.forEach(path -> entries.put(path, Optional.ofNullable(index.getEntry(path))));
    } catch (IOException e) {
      throw new GitOpsException("could not read the index of " + workTree + ": " + e, e);
    }
    return entries;
  }

  private static boolean sameEntry(DirCacheEntry a, DirCacheEntry b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.getRawMode() == b.getRawMode() && a.getObjectId().equals(b.getObjectId());
  }

  /** Puts the index entries of {@link #indexEntries} back, so a failed commit stages nothing. */
  private void restoreIndexEntries(Map<String, Optional<DirCacheEntry>> entries)
      throws IOException {
    DirCache now = repository.readDirCache();
    if (entries.entrySet().stream()
        .allMatch(
            entry -> sameEntry(now.getEntry(entry.getKey()), entry.getValue().orElse(null)))) {
      // Staging itself failed, for example on another command's index.lock: nothing to put back.
      return;
    }
    DirCache index = repository.lockDirCache();
    try {
      DirCacheEditor editor = index.editor();
      entries.forEach(
          (path, entry) -> {
            if (entry.isEmpty()) {
              editor.add(new DirCacheEditor.DeletePath(path));
            } else {
              editor.add(
                  new DirCacheEditor.PathEdit(path) {
                    @Override
                    public void apply(DirCacheEntry current) {
                      current.copyMetaData(entry.get());
                    }
                  });
            }
          });
      editor.commit();
    } finally {
      index.unlock();
    }
  }

  /**
   * Pushes the checked-out {@code branch} to the same branch on {@code remote} (a remote name or
   * URL), never forcing.
   *
   * <p>When the remote has moved on, this fetches it, rebases the local commits onto it once and
   * pushes again once. If that rebase conflicts it is aborted, so the branch still holds the local
   * commit and no rebase is left in progress, and a {@link PushRejectedException} names the
   * conflicting files.
   */
  public PushOutcome push(String remote, String branch, GitCredentials credentials) {
    requireNoOperationInProgress("push");
    if (!branch.equals(currentBranch())) {
      throw new GitOpsException(
          "can only push the checked-out branch " + currentBranch() + ", not " + branch);
    }
    String ref = Constants.R_HEADS + branch;
    ObjectId local =
        resolve(ref).orElseThrow(() -> new GitOpsException("branch " + branch + " has no commits"));
    RemoteRefUpdate first = pushOnce(remote, ref, credentials);
    if (isLanded(first)) {
      return new PushOutcome(
          local, false, first.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE, List.of());
    }
    if (first.getStatus() != RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD) {
      throw rejected(remote, branch, first, credentials);
    }
    ObjectId remoteTip = fetchBranch(remote, ref, credentials);
    Rebased rebased = rebaseOnto(remoteTip, local, credentials.redact(remote), branch);
    RemoteRefUpdate second = pushOnce(remote, ref, credentials);
    if (isLanded(second)) {
      return new PushOutcome(
          rebased.head(),
          true,
          second.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE,
          rebased.notices());
    }
    throw new PushRejectedException(
        "the push to "
            + credentials.redact(remote)
            + " was rejected again after rebasing onto its branch "
            + branch
            + " ("
            + describe(second, credentials)
            + "); the local branch holds the rebased commit "
            + rebased.head().name()
            + ", run the generator again to retry",
        List.of());
  }

  private static boolean isLanded(RemoteRefUpdate update) {
    return update.getStatus() == RemoteRefUpdate.Status.OK
        || update.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE;
  }

  private RemoteRefUpdate pushOnce(String remote, String ref, GitCredentials credentials) {
    try {
      Iterable<PushResult> results =
          credentials
              .applyTo(git.push())
              .setRemote(remote)
              .setRefSpecs(new RefSpec(ref + ":" + ref))
              .setForce(false)
              .setHookOutputStream(hookOutput)
              .setHookErrorStream(hookOutput)
              .call();
      for (PushResult result : results) {
        RemoteRefUpdate update = result.getRemoteUpdate(ref);
        if (update != null) {
          return update;
        }
      }
      throw new GitOpsException(
          "the push to " + credentials.redact(remote) + " reported nothing for " + ref);
    } catch (GitAPIException | RuntimeException e) {
      if (e instanceof GitOpsException) {
        throw (GitOpsException) e;
      }
      throw new GitOpsException(
          "could not push to " + credentials.redact(remote) + ": " + describe(e, credentials));
    }
  }

  private ObjectId fetchBranch(String remote, String ref, GitCredentials credentials) {
    String branch = Repository.shortenRefName(ref);
    RefSpec spec =
        repository.getRemoteNames().contains(remote)
            ? new RefSpec("+" + ref + ":" + Constants.R_REMOTES + remote + "/" + branch)
            : new RefSpec(ref);
    try {
      FetchResult result =
          credentials.applyTo(git.fetch()).setRemote(remote).setRefSpecs(spec).call();
      Ref advertised = result.getAdvertisedRef(ref);
      if (advertised == null || advertised.getObjectId() == null) {
        throw new GitOpsException(
            "the push was rejected, but "
                + credentials.redact(remote)
                + " has no branch "
                + branch);
      }
      return advertised.getObjectId();
    } catch (GitAPIException | RuntimeException e) {
      if (e instanceof GitOpsException) {
        throw (GitOpsException) e;
      }
      throw new GitOpsException(
          "the push was rejected as non-fast-forward and fetching "
              + credentials.redact(remote)
              + " failed: "
              + describe(e, credentials));
    }
  }

  /** The rebased HEAD, and a notice when local edits could not be put back afterwards. */
  private record Rebased(ObjectId head, List<String> notices) {}

  private Rebased rebaseOnto(ObjectId upstream, ObjectId local, String remote, String branch) {
    RebaseResult result;
    StoredConfig config = repository.getConfig();
    String autostash = config.getString("rebase", null, "autostash");
    // Unrelated local edits would block the rebase; JGit stashes them only when configured, so this
    // sets rebase.autostash in memory for this one call and never saves it.
    config.setBoolean("rebase", null, "autostash", true);
    try {
      result = git.rebase().setUpstream(upstream).call();
    } catch (GitAPIException | RuntimeException e) {
      abortRebase(local);
      throw new PushRejectedException(
          "the push was rejected because "
              + remote
              + "/"
              + branch
              + " moved on, and rebasing onto it failed ("
              + e
              + "); the local commit "
              + local.name()
              + " is unchanged",
          List.of());
    } finally {
      if (autostash == null) {
        config.unset("rebase", null, "autostash");
      } else {
        config.setString("rebase", null, "autostash", autostash);
      }
    }
    if (result.getStatus() == RebaseResult.Status.STASH_APPLY_CONFLICTS) {
      return new Rebased(
          head().orElseThrow(),
          List.of(
              "local edits outside the generated files clashed with "
                  + remote
                  + "/"
                  + branch
                  + " after the rebase; they are saved in the git stash (git stash list)"));
    }
    if (result.getStatus().isSuccessful()) {
      return new Rebased(head().orElseThrow(), List.of());
    }
    List<String> conflicts = conflictsOf(result);
    abortRebase(local);
    String detail =
        conflicts.isEmpty()
            ? "rebase stopped with status " + result.getStatus()
            : "conflicts in " + String.join(", ", conflicts);
    throw new PushRejectedException(
        "the push was rejected because "
            + remote
            + "/"
            + branch
            + " has commits that this run does not, and rebasing onto them failed: "
            + detail
            + "; the rebase was aborted and the local commit "
            + local.name()
            + " is unchanged. Run the generator again after pulling "
            + remote
            + "/"
            + branch,
        conflicts);
  }

  private List<String> conflictsOf(RebaseResult result) {
    TreeSet<String> paths = new TreeSet<>();
    if (result.getConflicts() != null) {
      paths.addAll(result.getConflicts());
    }
    if (result.getFailingPaths() != null) {
      paths.addAll(result.getFailingPaths().keySet());
    }
    if (result.getUncommittedChanges() != null) {
      paths.addAll(result.getUncommittedChanges());
    }
    if (repository.getRepositoryState() != RepositoryState.SAFE) {
      try {
        paths.addAll(git.status().call().getConflicting());
      } catch (GitAPIException | RuntimeException e) {
        // The rebase result already says why it stopped; the file list is a courtesy.
      }
    }
    return new ArrayList<>(paths);
  }

  private void abortRebase(ObjectId local) {
    try {
      if (repository.getRepositoryState() != RepositoryState.SAFE) {
        git.rebase().setOperation(RebaseCommand.Operation.ABORT).call();
      }
    } catch (GitAPIException | RuntimeException e) {
      throw new GitOpsException(
          "rebasing onto the remote failed and so did aborting it ("
              + e
              + "); run git rebase --abort in "
              + workTree
              + " to return to the local commit "
              + local.name());
    }
    if (!head().map(local::equals).orElse(false)) {
      throw new GitOpsException(
          "after aborting the rebase HEAD is not at the local commit "
              + local.name()
              + "; inspect "
              + workTree
              + " with git reflog");
    }
  }

  private PushRejectedException rejected(
      String remote, String branch, RemoteRefUpdate update, GitCredentials credentials) {
    return new PushRejectedException(
        "the push of "
            + branch
            + " to "
            + credentials.redact(remote)
            + " was rejected ("
            + describe(update, credentials)
            + "); the local commit is unchanged",
        List.of());
  }

  private static String describe(RemoteRefUpdate update, GitCredentials credentials) {
    String message = update.getMessage();
    return update.getStatus()
        + (message == null || message.isBlank() ? "" : ": " + credentials.redact(message));
  }

  /** The messages of an exception and its causes, redacted, without JGit's stack of wrappers. */
  private static String describe(Throwable error, GitCredentials credentials) {
    return credentials.redact(describe(error));
  }

  /** The messages of an exception and its causes, without JGit's stack of wrappers. */
  private static String describe(Throwable error) {
    Set<String> messages = new LinkedHashSet<>();
    for (Throwable t = error; t != null && messages.size() < 5; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null
          && !message.isBlank()
          && messages.stream().noneMatch(m -> m.contains(message))) {
        messages.add(message.strip());
      }
    }
    if (messages.isEmpty()) {
      messages.add(error.getClass().getSimpleName());
    }
    return String.join(": ", messages);
  }

  /** Whether the index differs from HEAD anywhere outside {@code paths}. */
  private boolean hasStagedChangesOutside(Collection<String> paths) throws IOException {
    List<String> folders = paths.stream().map(RepoPaths::check).toList();
    try (TreeWalk walk = new TreeWalk(repository)) {
      Optional<ObjectId> head = resolve(Constants.HEAD + "^{tree}");
      if (head.isPresent()) {
        walk.addTree(head.get());
      } else {
        walk.addTree(new EmptyTreeIterator());
      }
      walk.addTree(new DirCacheIterator(repository.readDirCache()));
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      while (walk.next()) {
        String path = walk.getPathString();
        if (folders.stream().noneMatch(folder -> RepoPaths.isUnder(path, folder))) {
          return true;
        }
      }
    }
    return false;
  }

  private static TreeSet<String> changedFiles(Status status) {
    TreeSet<String> changed = new TreeSet<>();
    changed.addAll(status.getAdded());
    changed.addAll(status.getChanged());
    changed.addAll(status.getRemoved());
    changed.addAll(status.getModified());
    changed.addAll(status.getMissing());
    changed.addAll(status.getUntracked());
    return changed;
  }

  /** The status restricted to {@code paths}, or null for no paths (JGit would scan everything). */
  private Status status(Collection<String> paths) {
    if (paths.isEmpty()) {
      return null;
    }
    StatusCommand command = git.status();
    paths.stream().map(RepoPaths::check).forEach(command::addPath);
    try {
      return command.call();
    } catch (GitAPIException | RuntimeException e) {
      throw new GitOpsException("could not read the status of " + workTree + ": " + e, e);
    }
  }

  private Optional<ObjectId> resolve(String revision) {
    try {
      return Optional.ofNullable(repository.resolve(revision));
    } catch (IOException e) {
      throw new GitOpsException("could not resolve " + revision + ": " + e, e);
    }
  }

  /**
   * Refuses, before anything is written, when a commit could not follow: a merge or rebase is in
   * progress, or another git command holds the index.
   */
  public void requireReadyToCommit() {
    requireNoOperationInProgress("commit");
    Path indexLock = repository.getDirectory().toPath().resolve("index.lock");
    if (Files.exists(indexLock)) {
      throw new GitOpsException(
          "cannot commit: "
              + indexLock
              + " exists, so another git command is working in "
              + workTree
              + "; wait for it to finish, or delete that file if none is running");
    }
  }

  private void requireNoOperationInProgress(String action) {
    RepositoryState state = repository.getRepositoryState();
    if (state != RepositoryState.SAFE) {
      throw new GitOpsException(
          "cannot "
              + action
              + ": "
              + workTree
              + " is in the middle of "
              + state.getDescription()
              + "; finish or abort that first");
    }
  }

  /** Releases the lock, closes the repository and deletes a temporary clone. */
  @Override
  public synchronized void close() {
    try {
      if (lock != null) {
        lock.close();
        lock = null;
      }
    } finally {
      git.close();
      if (temporaryClone != null) {
        deleteQuietly(temporaryClone);
      }
    }
  }

  private static void deleteQuietly(Path directory) {
    try {
      FileUtils.delete(
          directory.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
    } catch (IOException e) {
      // A leftover temporary clone costs disk space only; the system's temp cleaner takes it.
    }
  }

  @Override
  public String toString() {
    return "GitOpsRepository[" + workTree + (isTemporaryClone() ? ", temporary clone" : "") + "]";
  }
}
