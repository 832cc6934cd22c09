package dev.homelab.generator.git;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@link GitOpsRepository#writeAll} did, as repository paths.
 *
 * @param written files created or replaced because their bytes differed
 * @param deleted files removed
 * @param unchanged files left alone because they already held the proposed bytes
 * @param previous the bytes each written or deleted file held before, for {@link
 *     GitOpsRepository#undo}; a written file missing here did not exist
 */
public record WriteResult(
    SortedSet<String> written,
    SortedSet<String> deleted,
    SortedSet<String> unchanged,
    SortedMap<String, byte[]> previous) {
  public WriteResult {
    written = Collections.unmodifiableSortedSet(new TreeSet<>(written));
    deleted = Collections.unmodifiableSortedSet(new TreeSet<>(deleted));
    unchanged = Collections.unmodifiableSortedSet(new TreeSet<>(unchanged));
    previous = Collections.unmodifiableSortedMap(new TreeMap<>(previous));
  }

  /** Every path whose content on disk changed. */
  public SortedSet<String> changed() {
    TreeSet<String> all = new TreeSet<>(written);
    all.addAll(deleted);
    return Collections.unmodifiableSortedSet(all);
  }
}
