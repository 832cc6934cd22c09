package dev.homelab.core.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;

/** File modes carried over when a file is replaced by a new one written beside it. */
public final class FileModes {

  private FileModes() {}

  /**
   * Gives {@code to} the POSIX permissions of {@code from}, so that replacing a file keeps the mode
   * its owner set rather than the umask's; a no-op where the file system has no POSIX modes.
   */
  public static void copy(Path from, Path to) throws IOException {
    PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    PosixFileAttributeView sink = Files.getFileAttributeView(to, PosixFileAttributeView.class);
    if (source != null && sink != null) {
      sink.setPermissions(source.readAttributes().permissions());
    }
  }
}
