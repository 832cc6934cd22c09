package dev.homelab.policy.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The JSON fixtures under src/test/resources/dev/homelab/policy/wasm. */
final class TestResources {
  static final String ROOT = "/dev/homelab/policy/wasm/";

  private TestResources() {}

  static byte[] bytes(String name) {
    try (InputStream in = TestResources.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static JsonNode json(String name) {
    return Json.parse(text(name), name);
  }

  static Path path(String name) {
    try {
      return Path.of(TestResources.class.getResource(ROOT + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The lab config and index every case runs with unless it brings its own index. */
  static JsonNode data() {
    return json("data.json");
  }

  /** Every case file, by "policy/name", in sorted order. */
  static Map<String, JsonNode> cases() {
    Path root = path("cases");
    Map<String, JsonNode> cases = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".json")).toList();
      for (Path file : list) {
        String name = root.relativize(file).toString().replace('\\', '/').replace(".json", "");
        cases.put(name, Json.parse(Files.readString(file), name));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }
}
