package dev.homelab.policy.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The Wasm module and entry points of an OPA bundle ({@code opa build -t wasm}: a gzipped tar with
 * {@code /policy.wasm} and {@code /.manifest}), or of a bare {@code .wasm} file.
 */
record OpaBundle(byte[] wasm, List<String> entrypoints) {
  private static final byte[] WASM_MAGIC = {0, 'a', 's', 'm'};
  private static final int BLOCK = 512;

  static OpaBundle read(byte[] wasmOrBundle, String what) {
    if (startsWith(wasmOrBundle, WASM_MAGIC)) {
      return new OpaBundle(wasmOrBundle, List.of());
    }
    if (wasmOrBundle.length > 2
        && (wasmOrBundle[0] & 0xff) == 0x1f
        && (wasmOrBundle[1] & 0xff) == 0x8b) {
      return fromTarGz(wasmOrBundle, what);
    }
    throw new PolicyException(what + " is neither a Wasm module nor a gzipped OPA bundle");
  }

  private static OpaBundle fromTarGz(byte[] bytes, String what) {
    Map<String, byte[]> files;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      files = untar(in.readAllBytes(), what);
    } catch (IOException e) {
      throw new PolicyException(what + " is not a readable OPA bundle: " + e.getMessage(), e);
    }
    byte[] wasm = files.get("policy.wasm");
    if (wasm == null) {
      throw new PolicyException(
          what + " has no /policy.wasm; build it with opa build -t wasm -e <entrypoint>");
    }
    List<String> entrypoints = new ArrayList<>();
    byte[] manifest = files.get(".manifest");
    if (manifest != null) {
      JsonNode root =
          Json.parse(new String(manifest, StandardCharsets.UTF_8), what + " /.manifest");
      for (JsonNode module : root.path("wasm")) {
        if (module.path("entrypoint").isTextual()) {
          entrypoints.add(module.path("entrypoint").asText());
        }
      }
    }
    return new OpaBundle(wasm, List.copyOf(entrypoints));
  }

  // Regular files by name without a leading slash; PAX and GNU long names are honoured.
  private static Map<String, byte[]> untar(byte[] tar, String what) {
    Map<String, byte[]> files = new HashMap<>();
    String longName = null;
    int pos = 0;
    while (pos + BLOCK <= tar.length) {
      if (isZero(tar, pos)) {
        break;
      }
      String name = field(tar, pos, 100);
      String prefix = field(tar, pos + 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      long size = octal(tar, pos + 124, 12, what);
      char type = (char) tar[pos + 156];
      int start = pos + BLOCK;
      if (size > tar.length - start) {
        throw new PolicyException(what + " is a truncated tar archive");
      }
      byte[] content = Arrays.copyOfRange(tar, start, start + (int) size);
      pos = start + (int) ((size + BLOCK - 1) / BLOCK) * BLOCK;
      if (type == 'x') {
        longName = paxPath(content);
        continue;
      }
      if (type == 'L') {
        longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
        continue;
      }
      if (longName != null) {
        name = longName;
        longName = null;
      }
      if (type == '0' || type == '\0') {
        files.put(name.startsWith("/") ? name.substring(1) : name, content);
      }
    }
    return files;
  }

  private static String paxPath(byte[] content) {
    for (String record : new String(content, StandardCharsets.UTF_8).split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, byte[] magic) {
    if (bytes.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (bytes[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZero(byte[] tar, int pos) {
    for (int i = pos; i < pos + BLOCK; i++) {
      if (tar[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static String field(byte[] tar, int pos, int length) {
    int end = pos;
    while (end < pos + length && tar[end] != 0) {
      end++;
    }
    return new String(tar, pos, end - pos, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] tar, int pos, int length, String what) {
    String digits = field(tar, pos, length).trim();
    try {
      return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    } catch (NumberFormatException e) {
      throw new PolicyException(what + " has a tar header with an unreadable size", e);
    }
  }
}
