package dev.homelab.core.source;

import java.nio.file.Path;

/**
 * A file found by discovery: where it is on disk and the path shown to users (relative to the
 * repository or working directory, with forward slashes).
 */
public record SourceFile(Path path, String displayPath) implements Comparable<SourceFile> {

  @Override
  public int compareTo(SourceFile other) {
    return displayPath.compareTo(other.displayPath);
  }

  public String fileName() {
    Path name = path.getFileName();
    return name == null ? displayPath : name.toString();
  }
}
