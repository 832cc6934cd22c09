package dev.homelab.core.discovery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files git tracks in the repository around a folder, read from its index. Ignore rules do not
 * apply to them: git commits a tracked file whatever .gitignore says, and Argo CD syncs it.
 */
final class TrackedFiles {

  static final TrackedFiles NONE = new TrackedFiles(null, Set.of(), Set.of());

  private static final int SIGNATURE = 0x44495243; // "DIRC"
  private static final Pattern SHA256 =
      Pattern.compile("(?im)^\\s*objectformat\\s*=\\s*sha256\\s*$");

  private final Path workTree;
  private final Set<String> files;
  private final Set<String> folders;

  private TrackedFiles(Path workTree, Set<String> files, Set<String> folders) {
    this.workTree = workTree;
    this.files = files;
    this.folders = folders;
  }

  /** Whether git tracks {@code file}. */
  boolean contains(Path file) {
    return relative(file).map(files::contains).orElse(false);
  }

  /** Whether git tracks a file somewhere below {@code folder}. */
  boolean hasFilesIn(Path folder) {
    return relative(folder).map(folders::contains).orElse(false);
  }

  private Optional<String> relative(Path path) {
    if (workTree == null) {
      return Optional.empty();
    }
    Path absolute = path.toAbsolutePath().normalize();
    if (!absolute.startsWith(workTree)) {
      return Optional.empty();
    }
    return Optional.of(workTree.relativize(absolute).toString().replace('\\', '/'));
  }

  /**
   * The tracked files of the repository that holds {@code path}: the one {@code GIT_DIR} and {@code
   * GIT_WORK_TREE} name when {@code path} lies in that work tree (as in a pre-commit hook's copy of
   * the index), else the nearest folder above with a {@code .git}. None outside a repository, or
   * when the index is in a form this reader does not know (a split index).
   */
  static TrackedFiles around(Path path, Map<String, String> environment) {
    Path absolute = path.toAbsolutePath().normalize();
    try {
      Optional<Repository> repository = repositoryOf(absolute, environment);
      if (repository.isEmpty()) {
        return NONE;
      }
      Repository found = repository.get();
      if (!Files.isRegularFile(found.index)) {
        return NONE;
      }
      Set<String> files = read(Files.readAllBytes(found.index), hashLength(found.gitDir));
      if (files == null) {
        return NONE;
      }
      Set<String> folders = new HashSet<>();
      for (String file : files) {
        for (int slash = file.lastIndexOf('/');
            slash > 0;
            slash = file.lastIndexOf('/', slash - 1)) {
          if (!folders.add(file.substring(0, slash))) {
            break;
          }
        }
      }
      return new TrackedFiles(found.workTree, files, folders);
    } catch (IOException | RuntimeException e) {
      // Without the index the ignore rules alone decide, as they did before it was read.
      return NONE;
    }
  }

  /** The work tree of the repository that holds {@code path}, found as {@link #around} finds it. */
  static Optional<Path> workTreeOf(Path path, Map<String, String> environment) {
    Path absolute = path.toAbsolutePath().normalize();
    try {
      return repositoryOf(absolute, environment).map(Repository::workTree);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private record Repository(Path workTree, Path gitDir, Path index) {}

  private static Optional<Repository> repositoryOf(Path path, Map<String, String> environment)
      throws IOException {
    Optional<Repository> named = fromEnvironment(path, environment);
    return named.isPresent() ? named : above(path);
  }

  private static Optional<Repository> fromEnvironment(Path path, Map<String, String> environment) {
    String gitDir = environment.get("GIT_DIR");
    String workTree = environment.get("GIT_WORK_TREE");
    if (gitDir == null || workTree == null) {
      return Optional.empty();
    }
    Path tree = Path.of(workTree).toAbsolutePath().normalize();
    if (!path.startsWith(tree)) {
      return Optional.empty();
    }
    Path dir = Path.of(gitDir).toAbsolutePath().normalize();
    String indexFile = environment.get("GIT_INDEX_FILE");
    Path index = indexFile != null ? Path.of(indexFile).toAbsolutePath() : dir.resolve("index");
    return Optional.of(new Repository(tree, dir, index));
  }

  private static Optional<Repository> above(Path path) throws IOException {
    for (Path dir = path; dir != null; dir = dir.getParent()) {
      Path dotGit = dir.resolve(".git");
      if (Files.isDirectory(dotGit)) {
        return Optional.of(new Repository(dir, dotGit, dotGit.resolve("index")));
      }
      if (Files.isRegularFile(dotGit)) {
        // A linked worktree or a submodule: ".git" names the real folder in one line.
        String line = Files.readString(dotGit).strip();
        if (!line.startsWith("gitdir:")) {
          return Optional.empty();
        }
        Path gitDir = dir.resolve(line.substring("gitdir:".length()).strip()).normalize();
        return Optional.of(new Repository(dir, gitDir, gitDir.resolve("index")));
      }
    }
    return Optional.empty();
  }

  /** 32 bytes per object name in a SHA-256 repository, 20 in the usual SHA-1 one. */
  private static int hashLength(Path gitDir) throws IOException {
    Path common = gitDir;
    Path commonDir = gitDir.resolve("commondir");
    if (Files.isRegularFile(commonDir)) {
      common = gitDir.resolve(Files.readString(commonDir).strip()).normalize();
    }
    Path config = common.resolve("config");
    boolean sha256 = Files.isRegularFile(config) && SHA256.matcher(Files.readString(config)).find();
    return sha256 ? 32 : 20;
  }

  /**
   * The paths of an index file (versions 2 to 4, as git documents its format), or null when it is
   * not one or leaves its entries to a shared index.
   */
  static Set<String> read(byte[] bytes, int hashLength) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    if (bytes.length < 12 || buffer.getInt(0) != SIGNATURE) {
      return null;
    }
    int version = buffer.getInt(4);
    if (version < 2 || version > 4) {
      return null;
    }
    int count = buffer.getInt(8);
    Set<String> paths = new HashSet<>();
    byte[] previous = new byte[0];
    int position = 12;
    for (int i = 0; i < count; i++) {
      int start = position;
      // ctime, mtime, dev, ino, mode, uid, gid and size come first, then the object name.
      position += 40 + hashLength;
      int flags = buffer.getShort(position) & 0xffff;
      position += 2;
      if (version >= 3 && (flags & 0x4000) != 0) {
        position += 2;
      }
      byte[] path;
      if (version == 4) {
        // The path shares a prefix with the one before: how many bytes to drop, then the rest.
        int c = bytes[position++] & 0xff;
        long drop = c & 0x7f;
        while ((c & 0x80) != 0) {
          c = bytes[position++] & 0xff;
          drop = ((drop + 1) << 7) | (c & 0x7f);
        }
        int end = nul(bytes, position);
        int kept = previous.length - (int) drop;
        path = Arrays.copyOf(previous, kept + end - position);
        System.arraycopy(bytes, position, path, kept, end - position);
        position = end + 1;
      } else {
        int end = nul(bytes, position);
        path = Arrays.copyOfRange(bytes, position, end);
        // Entries are padded with one to eight NULs to a multiple of eight bytes.
        position = start + ((position - start + path.length + 8) & ~7);
      }
      paths.add(new String(path, StandardCharsets.UTF_8));
      previous = path;
    }
    while (position + 8 <= bytes.length - hashLength) {
      String signature = new String(bytes, position, 4, StandardCharsets.US_ASCII);
      if (signature.equals("link")) {
        return null;
      }
      position += 8 + buffer.getInt(position + 4);
    }
    return paths;
  }

  private static int nul(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("index entry without an end");
  }
}
