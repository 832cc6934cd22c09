package dev.homelab.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Random damage to YAML text, small edits or a node of the wrong type, for tests that feed broken
 * input to the tools.
 */
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

  // Values of every YAML type, including numbers beyond int and strings that look like numbers.
  private static final Object[] VALUES = {
    "text",
    "80true00",
    7,
    -1,
    0,
    99999999999L,
    1.5,
    true,
    null,
    List.of(),
    List.of("a", 1),
    Map.of(),
    Map.of("k", "v"),
    "",
    "Host(`x`)",
    "1Gi",
    "*"
  };

  private TextMutations() {}

  /** The two kinds of damage, for tests that try each. */
  public enum Kind {
    EDIT(TextMutations::edit),
    RETYPE(TextMutations::retype);

    private final BiFunction<String, Random, String> mutation;

    Kind(BiFunction<String, Random, String> mutation) {
      this.mutation = mutation;
    }

    public String apply(String text, Random random) {
      return mutation.apply(text, random);
    }
  }

  /**
   * The text with one node of one document replaced by a value of another type, written back as
   * YAML; text that does not parse is returned unchanged.
   */
  public static String retype(String text, Random random) {
    Yaml yaml = new Yaml(blockStyle());
    List<Object> documents = new ArrayList<>();
    try {
      yaml.loadAll(text).forEach(documents::add);
    } catch (RuntimeException e) {
      return text;
    }
    List<Runnable> slots = new ArrayList<>();
    Object value = VALUES[random.nextInt(VALUES.length)];
    documents.forEach(document -> slots(document, value, slots));
    if (slots.isEmpty()) {
      return text;
    }
    slots.get(random.nextInt(slots.size())).run();
    return yaml.dumpAll(documents.iterator());
  }

  @SuppressWarnings("unchecked")
  private static void slots(Object node, Object value, List<Runnable> slots) {
    if (node instanceof Map<?, ?> map) {
      for (Object key : List.copyOf(map.keySet())) {
        slots.add(() -> ((Map<Object, Object>) map).put(key, value));
        slots(map.get(key), value, slots);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        int index = i;
        slots.add(() -> ((List<Object>) list).set(index, value));
        slots(list.get(i), value, slots);
      }
    }
  }

  private static DumperOptions blockStyle() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return options;
  }

  /** One to four insertions, deletions or replacements at random places. */
  public static String edit(String text, Random random) {
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
