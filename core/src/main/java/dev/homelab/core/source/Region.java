package dev.homelab.core.source;

/**
 * A span of text, 1-based. The end is exclusive: {@code endColumn} is the column just after the
 * last character, as SARIF expects.
 */
public record Region(int line, int column, int endLine, int endColumn)
    implements Comparable<Region> {

  /** The first character of a file, for findings about a file as a whole. */
  public static final Region FILE_START = new Region(1, 1, 1, 1);

  public Region {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column);
    }
    if (endLine < line || (endLine == line && endColumn < column)) {
      endLine = line;
      endColumn = column;
    }
  }

  public static Region point(int line, int column) {
    return new Region(line, column, line, column);
  }

  @Override
  public int compareTo(Region other) {
    int c = Integer.compare(line, other.line);
    if (c == 0) c = Integer.compare(column, other.column);
    if (c == 0) c = Integer.compare(endLine, other.endLine);
    if (c == 0) c = Integer.compare(endColumn, other.endColumn);
    return c;
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
