package dev.homelab.core.yaml;

import dev.homelab.core.finding.CoreRules;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.Region;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON file with Jackson's streaming parser, recording each node's region as it goes. JSON
 * is not read as YAML because YAML 1.1 refuses some valid JSON (the {@code \/} escape).
 */
final class JsonSourceReader {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Map<String, Region> values = new HashMap<>();
  private final Map<String, Region> keys = new HashMap<>();
  private final YamlFile file;
  private final LoadLimits limits;
  private int nodes;

  private JsonSourceReader(YamlFile file, LoadLimits limits) {
    this.file = file;
    this.limits = limits;
  }

  static void read(YamlFile file, LoadLimits limits) {
    new JsonSourceReader(file, limits).read();
  }

  private void read() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(limits.maxNestingDepth()).build())
            .build();
    try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), file.text())) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return;
      }
      TokenStreamLocation start = parser.currentTokenLocation();
      JsonNode root = value(parser, Pointer.ROOT);
      if (parser.nextToken() != null) {
        fail(parser.currentTokenLocation(), "unexpected content after the JSON value");
        return;
      }
      Region region = Region.point(start.getLineNr(), start.getColumnNr());
      file.add(new Document(file, 0, root, region));
      file.sourceMap(this::region);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String message = e.getOriginalMessage();
      if (message != null && message.contains("Nesting depth")) {
        file.add(
            Finding.of(
                CoreRules.YAML_ALIAS_LIMIT,
                location(at),
                "the document nests deeper than " + limits.maxNestingDepth() + " levels"));
      } else {
        fail(at, message == null ? "invalid JSON" : firstLine(message));
      }
    } catch (LimitException e) {
      file.add(Finding.of(CoreRules.YAML_ALIAS_LIMIT, location(e.at), e.getMessage()));
    }
  }

  private JsonNode value(JsonParser parser, String pointer) {
    if (++nodes > limits.maxNodesPerDocument()) {
      throw new LimitException(
          "the document has more than " + limits.maxNodesPerDocument() + " nodes",
          parser.currentTokenLocation());
    }
    TokenStreamLocation start = parser.currentTokenLocation();
    JsonNode node =
        switch (parser.currentToken()) {
          case START_OBJECT -> object(parser, pointer);
          case START_ARRAY -> array(parser, pointer);
          case VALUE_STRING -> JSON.stringNode(parser.getString());
          case VALUE_NUMBER_INT ->
              JSON.numberNode(parser.getBigIntegerValue()).isIntegralNumber()
                  ? integer(parser)
                  : JSON.nullNode();
          case VALUE_NUMBER_FLOAT -> JSON.numberNode(parser.getDoubleValue());
          case VALUE_TRUE -> JSON.booleanNode(true);
          case VALUE_FALSE -> JSON.booleanNode(false);
          default -> JSON.nullNode();
        };
    TokenStreamLocation end = parser.currentLocation();
    values.put(pointer, span(start, end));
    return node;
  }

  private static JsonNode integer(JsonParser parser) {
    return switch (parser.getNumberType()) {
      case INT -> JSON.numberNode(parser.getIntValue());
      case LONG -> JSON.numberNode(parser.getLongValue());
      default -> JSON.numberNode(parser.getBigIntegerValue());
    };
  }

  private ObjectNode object(JsonParser parser, String pointer) {
    ObjectNode object = JSON.objectNode();
    Set<String> seen = new HashSet<>();
    Map<String, Integer> firstLines = new HashMap<>();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      TokenStreamLocation keyStart = parser.currentTokenLocation();
      Region keyRegion =
          new Region(
              keyStart.getLineNr(),
              keyStart.getColumnNr(),
              keyStart.getLineNr(),
              keyStart.getColumnNr() + name.length() + 2);
      if (!seen.add(name)) {
        file.add(
            Finding.of(
                CoreRules.DUPLICATE_KEY,
                new Location(file.source().displayPath(), keyRegion),
                "duplicate key `"
                    + name
                    + "` (first defined at line "
                    + firstLines.get(name)
                    + ")"));
      } else {
        firstLines.put(name, keyStart.getLineNr());
      }
      String child = Pointer.append(pointer, name);
      keys.put(child, keyRegion);
      parser.nextToken();
      object.set(name, value(parser, child));
    }
    return object;
  }

  private ArrayNode array(JsonParser parser, String pointer) {
    ArrayNode array = JSON.arrayNode();
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(value(parser, Pointer.append(pointer, index++)));
    }
    return array;
  }

  private Region region(int documentIndex, String pointer, boolean preferKey) {
    if (documentIndex != 0) {
      return Region.FILE_START;
    }
    List<String> tokens = Pointer.tokens(pointer);
    String current = pointer;
    int depth = tokens.size();
    while (depth > 0 && !values.containsKey(current)) {
      current = Pointer.parent(current);
      depth--;
    }
    boolean exact = depth == tokens.size();
    Region key = keys.get(current);
    if (key != null && (!exact || preferKey)) {
      return key;
    }
    return values.getOrDefault(current, Region.FILE_START);
  }

  private void fail(TokenStreamLocation at, String message) {
    file.add(Finding.of(CoreRules.YAML_SYNTAX_ERROR, location(at), message));
  }

  private Location location(TokenStreamLocation at) {
    Region region =
        at == null || at.getLineNr() < 1
            ? Region.FILE_START
            : Region.point(at.getLineNr(), Math.max(1, at.getColumnNr()));
    return new Location(file.source().displayPath(), region);
  }

  private static Region span(TokenStreamLocation start, TokenStreamLocation end) {
    return new Region(start.getLineNr(), start.getColumnNr(), end.getLineNr(), end.getColumnNr());
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static final class LimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient TokenStreamLocation at;

    LimitException(String message, TokenStreamLocation at) {
      super(message);
      this.at = at;
    }
  }
}
