package dev.homelab.generator.git;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * A lock file in the git directory that keeps two generator runs off one repository.
 *
 * <p>The file is created atomically with its content (pid, host, start time) already in place, so a
 * competing run never sees a half-written lock. A lock left by a process that no longer runs on
 * this host is taken over, and {@link #staleLockNotice()} says so.
 */
public final class RepositoryLock implements AutoCloseable {
  /** Name of the lock file inside the repository's git directory. */
  public static final String FILE_NAME = "homelab-generator.lock";

  private final Path file;
  private final String content;
  private final String staleLockNotice;
  private boolean released;

  private RepositoryLock(Path file, String content, String staleLockNotice) {
    this.file = file;
    this.content = content;
    this.staleLockNotice = staleLockNotice;
  }

  /** Takes the lock in {@code gitDir}, or throws {@link RepositoryLockedException}. */
  public static RepositoryLock acquire(Path gitDir) {
    Path file = gitDir.resolve(FILE_NAME);
    Owner me = Owner.current();
    String myContent = me.serialize();
    String notice = null;
    // Extra rounds cover a stale-lock takeover and a lock that its owner released meanwhile.
    for (int round = 0; round < 3; round++) {
      if (tryCreate(file, myContent)) {
        return new RepositoryLock(file, myContent, notice);
      }
      Optional<String> held = readIfPresent(file);
      if (held.isEmpty()) {
        continue;
      }
      Optional<Owner> holder = Owner.parse(held.get());
      if (holder.isPresent() && holder.get().isGoneFrom(me.host())) {
        if (takeOver(file, held.get())) {
          notice =
              "took over the stale lock "
                  + file
                  + " left by pid "
                  + holder.get().pid()
                  + " on "
                  + holder.get().host()
                  + " (started "
                  + holder.get().started()
                  + "), which is no longer running";
        }
        continue;
      }
      throw lockedBy(file, holder);
    }
    throw lockedBy(file, readIfPresent(file).flatMap(Owner::parse));
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /** Set when this run took over a lock left behind by a dead process, to tell the user. */
  public Optional<String> staleLockNotice() {
    return Optional.ofNullable(staleLockNotice);
  }

  synchronized boolean isReleased() {
    return released;
  }

  /** Deletes the lock file, unless another run has since replaced it. */
  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      if (readIfPresent(file).filter(content::equals).isPresent()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new GitOpsException("could not delete the lock file " + file + ": " + e, e);
    }
  }

  private static RepositoryLockedException lockedBy(Path file, Optional<Owner> holder) {
    String who =
        holder
            .map(o -> "pid " + o.pid() + " on " + o.host() + " since " + o.started())
            .orElse("owner unknown: the file is empty or unreadable");
    return new RepositoryLockedException(
        file,
        "another generator run holds the lock "
            + file
            + " ("
            + who
            + "); wait for it to finish, or delete that file if no run is active");
  }

  private static boolean tryCreate(Path file, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Path draft = file.resolveSibling(FILE_NAME + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.write(draft, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        // A hard link publishes the finished file in one step and fails if the lock exists.
        Files.createLink(file, draft);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException | IOException e) {
        return createInPlace(file, bytes);
      }
    } catch (IOException e) {
      throw new GitOpsException("could not create the lock file " + file + ": " + e, e);
    } finally {
      try {
        Files.deleteIfExists(draft);
      } catch (IOException ignored) {
        // A leftover draft is harmless: it never carries the lock file's name.
      }
    }
  }

  // Fallback for file systems without hard links; a reader may briefly see an empty lock file.
  private static boolean createInPlace(Path file, byte[] bytes) throws IOException {
    try {
      Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  private static boolean takeOver(Path file, String staleContent) {
    Path aside = file.resolveSibling(FILE_NAME + ".stale-" + UUID.randomUUID());
    try {
      Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException e) {
      throw new GitOpsException("could not remove the stale lock file " + file + ": " + e, e);
    }
    try {
      if (readIfPresent(aside).filter(staleContent::equals).isPresent()) {
        Files.deleteIfExists(aside);
        return true;
      }
      // Another run replaced the stale lock between our read and our move: give its lock back.
      Files.move(aside, file);
      return false;
    } catch (IOException e) {
      throw new GitOpsException("could not restore the lock file " + file + ": " + e, e);
    }
  }

  private static Optional<String> readIfPresent(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the lock file " + file, e);
    }
  }

  /** Who holds a lock. */
  record Owner(long pid, String host, Instant started) {
    static Owner current() {
      return new Owner(
          ProcessHandle.current().pid(),
          localHostName(),
          Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    String serialize() {
      return "pid=" + pid + "\nhost=" + host + "\nstarted=" + started + "\n";
    }

    static Optional<Owner> parse(String text) {
      Properties properties = new Properties();
      try {
        properties.load(new StringReader(text));
        String pid = properties.getProperty("pid");
        String host = properties.getProperty("host");
        String started = properties.getProperty("started");
        if (pid == null || host == null || started == null) {
          return Optional.empty();
        }
        return Optional.of(
            new Owner(Long.parseLong(pid.trim()), host.trim(), Instant.parse(started.trim())));
      } catch (IOException | NumberFormatException | DateTimeParseException e) {
        return Optional.empty();
      }
    }

    /** True only when this owner ran on {@code localHost} and its process has ended. */
    boolean isGoneFrom(String localHost) {
      if (!host.equals(localHost)) {
        return false;
      }
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      if (process.isEmpty() || !process.get().isAlive()) {
        return true;
      }
      // A live process that started after the lock was written has merely reused the pid.
      return process
          .get()
          .info()
          .startInstant()
          .map(s -> s.isAfter(started.plusSeconds(1)))
          .orElse(false);
    }

    private static String localHostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        String fromEnvironment = System.getenv("HOSTNAME");
        return fromEnvironment == null || fromEnvironment.isBlank()
            ? "unknown-host"
            : fromEnvironment;
      }
    }
  }
}
