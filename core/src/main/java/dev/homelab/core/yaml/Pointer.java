package dev.homelab.core.yaml;

import java.util.ArrayList;
import java.util.List;

/** JSON Pointers (RFC 6901): the one way findings, schema errors and policies name a node. */
public final class Pointer {

  public static final String ROOT = "";

  private Pointer() {}

  /** Builds a pointer from keys and array indices, escaping as RFC 6901 requires. */
  public static String of(Object... tokens) {
    StringBuilder pointer = new StringBuilder();
    for (Object token : tokens) {
      pointer.append('/').append(escape(String.valueOf(token)));
    }
    return pointer.toString();
  }

  public static String of(List<?> tokens) {
    return of(tokens.toArray());
  }

  public static String append(String base, Object token) {
    return base + "/" + escape(String.valueOf(token));
  }

  public static List<String> tokens(String pointer) {
    List<String> tokens = new ArrayList<>();
    if (pointer == null || pointer.isEmpty()) {
      return tokens;
    }
    if (pointer.charAt(0) != '/') {
      throw new IllegalArgumentException("a JSON pointer starts with '/': " + pointer);
    }
    int start = 1;
    while (true) {
      int slash = pointer.indexOf('/', start);
      String raw = slash < 0 ? pointer.substring(start) : pointer.substring(start, slash);
      tokens.add(unescape(raw));
      if (slash < 0) {
        return tokens;
      }
      start = slash + 1;
    }
  }

  /** The parent pointer, or the root for a top-level key. */
  public static String parent(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash <= 0 ? ROOT : pointer.substring(0, slash);
  }

  /** Reads a pointer the way people write field paths: {@code spec.containers[0].image}. */
  public static String toFieldPath(String pointer) {
    StringBuilder path = new StringBuilder();
    for (String token : tokens(pointer)) {
      if (isIndex(token)) {
        path.append('[').append(token).append(']');
      } else {
        if (path.length() > 0) {
          path.append('.');
        }
        boolean plain = token.matches("[A-Za-z0-9_-]+");
        path.append(plain ? token : "\"" + token + "\"");
      }
    }
    return path.length() == 0 ? "(document)" : path.toString();
  }

  static boolean isIndex(String token) {
    if (token.isEmpty() || token.length() > 9) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      if (!Character.isDigit(token.charAt(i))) {
        return false;
      }
    }
    return token.length() == 1 || token.charAt(0) != '0';
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
