package dev.homelab.core.yaml;

/**
 * One copy of each short string that documents repeat (keys such as {@code metadata}, values such
 * as a namespace): loaded trees stay in memory for the whole run, and on 50k documents the copies
 * took about 65 of the 270 MB that the collector had to move.
 *
 * <p>A direct-mapped cache: a slot keeps the last string that hashed to it. Racing threads can only
 * replace one shared copy with an equal one, and strings are immutable, so no lock is needed.
 */
final class SharedStrings {

  private static final int SLOTS = 1 << 13;
  private static final int MAX_LENGTH = 40;
  private static final String[] CACHE = new String[SLOTS];

  private SharedStrings() {}

  /** {@code value}, or an equal string seen before. */
  static String of(String value) {
    if (value.length() > MAX_LENGTH) {
      return value;
    }
    int hash = value.hashCode();
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    String cached = CACHE[slot];
    if (cached != null && cached.equals(value)) {
      return cached;
    }
    CACHE[slot] = value;
    return value;
  }
}
