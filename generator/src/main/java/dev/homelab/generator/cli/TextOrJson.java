package dev.homelab.generator.cli;

import dev.homelab.core.cli.UsageException;
import java.util.Locale;

/** The --format of the cluster commands, which print text or json only. */
final class TextOrJson {
  private TextOrJson() {}

  /** Whether {@code format} asks for json; anything but text or json is a usage error. */
  static boolean json(String command, String format) {
    String lower = format.trim().toLowerCase(Locale.ROOT);
    if (!lower.equals("text") && !lower.equals("json")) {
      throw new UsageException(command + " prints text or json, not `" + format + "`");
    }
    return lower.equals("json");
  }
}
