package dev.homelab.core.cli;

import dev.homelab.core.source.IoReasons;
import dev.homelab.core.yaml.LoadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Manifests piped in ({@code helm template ... | homelab validate -}), checked as a file: the one
 * --stdin-name names, in the context of its lab, or a file called {@code <stdin>} on its own.
 *
 * @param path where the content is checked as if it lay (need not exist)
 * @param content what standard input held
 * @param named whether --stdin-name gave the path, which places it in a lab
 */
record StandardInput(Path path, byte[] content, boolean named) {

  /** The path a '-' stands for. */
  static final Path DASH = Path.of("-");

  /** How unnamed standard input is shown in reports, as other linters show it. */
  static final String UNNAMED = "<stdin>";

  /**
   * Standard input, when '-' is among the named paths; empty otherwise.
   *
   * @throws UsageException when '-' is named with other paths or twice, --stdin-name is given
   *     without '-' or names a folder, or the input is larger than one file may be
   */
  static Optional<StandardInput> read(
      List<Path> paths, Path stdinName, Path workingDir, InputStream in) {
    long dashes = paths.stream().filter(DASH::equals).count();
    if (dashes == 0) {
      if (stdinName != null) {
        throw new UsageException("--stdin-name names what - (standard input) is checked as; add -");
      }
      return Optional.empty();
    }
    if (paths.size() > 1) {
      throw new UsageException(
          "- (standard input) is checked on its own; name no other path beside it");
    }
    Path path;
    if (stdinName == null) {
      path = workingDir.resolve(UNNAMED);
    } else {
      path = workingDir.resolve(stdinName).normalize();
      if (Files.isDirectory(path)) {
        throw new UsageException("--stdin-name " + stdinName + " is a folder, not a file");
      }
    }
    return Optional.of(new StandardInput(path, readAll(in), stdinName != null));
  }

  private static byte[] readAll(InputStream in) {
    long limit = LoadLimits.DEFAULT.maxFileBytes();
    byte[] content;
    try {
      // One byte more than a file may hold tells a full-size input from a larger one.
      content = in.readNBytes((int) limit + 1);
    } catch (IOException e) {
      throw new UsageException("cannot read standard input: " + IoReasons.of(e));
    }
    if (content.length > limit) {
      throw new UsageException(
          "standard input holds more than " + limit + " bytes, the limit for one file");
    }
    return content;
  }
}
