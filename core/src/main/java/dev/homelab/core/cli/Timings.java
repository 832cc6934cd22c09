package dev.homelab.core.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Phase timings of one run, printed to stderr with --timings; the benchmarks read them. Recording
 * is cheap and always on, so the code paths are the same with and without the option.
 */
public final class Timings {

  private record Entry(String phase, Duration duration, String detail) {}

  private static final List<Entry> ENTRIES = new ArrayList<>();

  private Timings() {}

  public static synchronized void record(String phase, Duration duration, String detail) {
    ENTRIES.add(new Entry(phase, duration, detail));
  }

  /** Forgets earlier runs in this JVM (tests run many), before a command starts timing. */
  public static synchronized void clear() {
    ENTRIES.clear();
  }

  /** Prints every recorded phase, for --timings. */
  public static synchronized void print(PrintWriter err) {
    for (Entry entry : ENTRIES) {
      err.println(
          String.format(
              Locale.ROOT,
              "timing: %-24s %8.1f ms%s",
              entry.phase(),
              entry.duration().toNanos() / 1e6,
              entry.detail().isEmpty() ? "" : "  " + entry.detail()));
    }
    err.flush();
  }
}
