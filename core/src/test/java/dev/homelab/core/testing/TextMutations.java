package dev.homelab.core.testing;

import java.util.Random;

/** Random small edits to YAML text, for tests that feed broken input to the tools. */
public final class TextMutations {

  // Fragments that matter to a YAML parser or to the tools: indicators, tags, anchors, odd scalars.
  private static final String[] FRAGMENTS = {
    ":",
    "- ",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "{",
    "}",
    "[",
    "]",
    "|",
    ">",
    "\t",
    "\n",
    "  ",
    "#",
    "'",
    "\"",
    "?",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "<<: *a\n",
    "\u00e9",
    "\ud83d\ude00",
    "0x1F",
    "1e400",
    "-.inf",
    "~",
    "null",
    "true",
    "=",
    "@",
    "`",
    ",",
    "\\",
    "\r",
    "\u0000",
    "\ufeff"
  };

  private TextMutations() {}

  /** One to four insertions, deletions or replacements at random places. */
  public static String mutate(String text, Random random) {
    StringBuilder mutated = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      int at = mutated.length() == 0 ? 0 : random.nextInt(mutated.length());
      String fragment = FRAGMENTS[random.nextInt(FRAGMENTS.length)];
      switch (random.nextInt(3)) {
        case 0 -> mutated.insert(at, fragment);
        case 1 -> mutated.delete(at, Math.min(mutated.length(), at + 1 + random.nextInt(8)));
        default -> mutated.replace(at, Math.min(mutated.length(), at + 1), fragment);
      }
    }
    return mutated.toString();
  }
}
