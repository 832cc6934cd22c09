package dev.homelab.core.yaml;

import dev.homelab.core.source.Location;
import dev.homelab.core.source.Region;
import tools.jackson.databind.JsonNode;

/**
 * One YAML document (or one JSON file) as a JSON tree. Positions are not stored per node: they are
 * looked up through the file's source map when a finding needs one.
 */
public final class Document {

  private final YamlFile file;
  private final int index;
  private final JsonNode root;
  private final Region region;

  Document(YamlFile file, int index, JsonNode root, Region region) {
    this.file = file;
    this.index = index;
    this.root = root;
    this.region = region;
  }

  public YamlFile file() {
    return file;
  }

  /** Position of this document in its file's stream, counting from 0. */
  public int index() {
    return index;
  }

  public JsonNode root() {
    return root;
  }

  /** Where the document starts, for findings about the document as a whole. */
  public Location location() {
    return new Location(file.source().displayPath(), Region.point(region.line(), region.column()));
  }

  /** The value at {@code pointer}, or the deepest existing node on the way to it. */
  public Location locate(String pointer) {
    return file.locate(index, pointer, false);
  }

  /**
   * The key of the property at {@code pointer} (for unknown or misspelt fields), or the value when
   * the pointer names an array item.
   */
  public Location locateKey(String pointer) {
    return file.locate(index, pointer, true);
  }
}
