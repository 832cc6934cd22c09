package dev.homelab.core.finding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The ids of every rule the toolkit ships (core, validator and bundled policies), so that a tool
 * can tell a misspelt rule id from one of another tool's rules. The list is a resource because no
 * single jar below the generator carries every rule; RuleReferenceTest keeps it current.
 */
public final class ToolkitRules {

  static final String RESOURCE = "/dev/homelab/core/finding/toolkit-rules.txt";

  private ToolkitRules() {}

  private static final class Holder {
    static final Set<String> IDS = load();
  }

  public static Set<String> ids() {
    return Holder.IDS;
  }

  private static Set<String> load() {
    try (InputStream in = ToolkitRules.class.getResourceAsStream(RESOURCE)) {
      return Set.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
