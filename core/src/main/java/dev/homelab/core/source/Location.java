package dev.homelab.core.source;

import java.util.Comparator;

/** Where a finding points: a file (display path, forward slashes) and a region in it. */
public record Location(String file, Region region) implements Comparable<Location> {

  private static final Comparator<Location> ORDER =
      Comparator.comparing(Location::file).thenComparing(Location::region);

  public static Location fileStart(String file) {
    return new Location(file, Region.FILE_START);
  }

  public int line() {
    return region.line();
  }

  public int column() {
    return region.column();
  }

  @Override
  public int compareTo(Location other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return file + ":" + region.line() + ":" + region.column();
  }
}
