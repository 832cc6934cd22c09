package dev.homelab.generator.output;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a tree of maps, lists, strings, integers and booleans as block-style YAML, keeping map
 * order as given, so that equal input always gives identical bytes.
 *
 * <p>A string is written plain unless YAML would read it as something else (a number, a boolean,
 * null, an alias, a flow collection...), in which case it is double-quoted.
 */
public final class YamlEmitter {
  private static final String INDENT = "  ";
  // YAML 1.1 and 1.2 scalars that a plain string must not look like.
  private static final Pattern RESERVED =
      Pattern.compile(
          "(?i)~|null|true|false|yes|no|on|off|y|n"
              + "|[-+]?(\\d[\\d_]*)?\\.?\\d[\\d_]*([eE][-+]?\\d+)?"
              + "|[-+]?0[xo][0-9a-f_]+|[-+]?\\.(inf|nan)|\\d+(:\\d+)+(\\.\\d*)?");
  private static final String SPECIAL_FIRST = "-?:,[]{}#&*!|>'\"%@`";

  private YamlEmitter() {}

  /** One YAML document for {@code root}, ending with a newline. */
  public static String document(Map<String, ?> root) {
    StringBuilder out = new StringBuilder();
    writeMap(root, 0, out);
    return out.toString();
  }

  private static void writeMap(Map<String, ?> map, int depth, StringBuilder out) {
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      out.append(INDENT.repeat(depth)).append(scalar(entry.getKey())).append(':');
      writeValue(entry.getValue(), depth, out);
    }
  }

  /** Writes what follows {@code key:} or {@code -}: an inline scalar or a nested block. */
  private static void writeValue(Object value, int depth, StringBuilder out) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      out.append('\n');
      writeMap(cast(map), depth + 1, out);
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      out.append('\n');
      writeList(list, depth + 1, out);
    } else {
      out.append(' ').append(inline(value)).append('\n');
    }
  }

  private static void writeList(List<?> list, int depth, StringBuilder out) {
    for (Object item : list) {
      out.append(INDENT.repeat(depth)).append("- ");
      if (item instanceof Map<?, ?> map && !map.isEmpty()) {
        // The first key shares the dash's line; the others line up under it.
        StringBuilder nested = new StringBuilder();
        writeMap(cast(map), depth + 1, nested);
        out.append(nested.substring(INDENT.length() * (depth + 1)));
      } else if (item instanceof List<?> inner && !inner.isEmpty()) {
        throw new IllegalArgumentException("lists of lists are not emitted: " + list);
      } else {
        out.append(inline(item)).append('\n');
      }
    }
  }

  private static String inline(Object value) {
    if (value instanceof Map<?, ?>) {
      return "{}";
    }
    if (value instanceof List<?>) {
      return "[]";
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof String text) {
      return scalar(text);
    }
    throw new IllegalArgumentException(
        "cannot emit " + (value == null ? "null" : value.getClass().getName()));
  }

  static String scalar(String text) {
    return needsQuotes(text) ? quoted(text) : text;
  }

  private static boolean needsQuotes(String text) {
    if (text.isEmpty()
        || (mayBeReserved(text) && RESERVED.matcher(text).matches())
        || SPECIAL_FIRST.indexOf(text.charAt(0)) >= 0
        || Character.isWhitespace(text.charAt(0))
        || Character.isWhitespace(text.charAt(text.length() - 1))
        || text.contains(": ")
        || text.contains(" #")
        || text.endsWith(":")) {
      return true;
    }
    return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }

  // Every reserved scalar is a short word or starts like a number, so most strings skip the regex.
  private static boolean mayBeReserved(String text) {
    return text.length() <= 5 || "0123456789+-.".indexOf(text.charAt(0)) >= 0;
  }

  private static String quoted(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> cast(Map<?, ?> map) {
    return (Map<String, ?>) map;
  }
}
