package dev.homelab.core.yaml;

import dev.homelab.core.finding.CoreRules;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.source.Region;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds JSON trees straight from SnakeYAML's parser events, skipping the intermediate node tree:
 * that halves the work per document. Aliases share the anchored subtree and are charged its size
 * against the node budget, so billion-laughs input is refused without being expanded.
 */
final class EventTreeBuilder {

  /** A repeated key, reported at the second occurrence. */
  record DuplicateKey(String key, Region second, int firstLine) {}

  /** The document cannot be read, under {@code rule}; {@code at} is where it was noticed. */
  static final class RefusedInput extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient RuleInfo rule;
    final transient Region at;

    RefusedInput(RuleInfo rule, String message, Region at) {
      super(message);
      this.rule = rule;
      this.at = at;
    }
  }

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * Most mappings in a manifest hold one to three keys (labels, resources, a port); sizing their
   * tables for that instead of sixteen keys took the tables of 50k documents from 34 to 15 MB.
   */
  private static final int SMALL_MAPPING = 4;

  private static final class Frame {
    final JsonNode container;
    final String anchor;
    final Map<String, Integer> keyLines;
    List<JsonNode> merges;
    String pendingKey;
    boolean pendingMerge;
    int size = 1;

    Frame(JsonNode container, String anchor) {
      this.container = container;
      this.anchor = anchor;
      this.keyLines = container.isObject() ? new HashMap<>() : null;
    }
  }

  private record Anchored(JsonNode node, int size) {}

  private final LoadLimits limits;
  private final Deque<Frame> stack = new ArrayDeque<>();
  private final Map<String, Anchored> anchors = new HashMap<>();
  private final List<DuplicateKey> duplicates = new ArrayList<>();
  private JsonNode root;
  private int produced;
  private int collectionAliases;

  EventTreeBuilder(LoadLimits limits) {
    this.limits = limits;
  }

  /** Starts a new document; anchors do not cross documents. */
  void reset() {
    stack.clear();
    anchors.clear();
    root = null;
    produced = 0;
    collectionAliases = 0;
  }

  List<DuplicateKey> duplicates() {
    return duplicates;
  }

  /** The finished document, or null while it is still open. */
  JsonNode root() {
    return root;
  }

  /** Feeds one event of the current document. */
  void accept(Event event) {
    switch (event.getEventId()) {
      case Scalar -> scalar((ScalarEvent) event);
      case MappingStart -> open(event, new ObjectNode(JSON, new LinkedHashMap<>(SMALL_MAPPING)));
      case SequenceStart -> open(event, JSON.arrayNode());
      case MappingEnd, SequenceEnd -> close();
      case Alias -> alias((AliasEvent) event);
      default -> {
        // Stream and document boundaries are handled by the caller.
      }
    }
  }

  private void scalar(ScalarEvent event) {
    Frame parent = stack.peek();
    if (parent != null
        && parent.container.isObject()
        && parent.pendingKey == null
        && !parent.pendingMerge) {
      key(parent, event);
      return;
    }
    budget(1, event.getStartMark());
    JsonNode value;
    try {
      value = Scalars.value(event.getTag(), isPlain(event), SharedStrings.of(event.getValue()));
    } catch (Scalars.NotJson e) {
      throw notJson(e, event);
    }
    if (event.getAnchor() != null) {
      anchors.put(event.getAnchor(), new Anchored(value, 1));
    }
    add(value, 1);
  }

  private void key(Frame parent, ScalarEvent event) {
    if (event.isPlain() && event.getTag() == null && event.getValue().equals("<<")) {
      parent.pendingMerge = true;
      return;
    }
    String key;
    try {
      key = SharedStrings.of(Scalars.key(event.getTag(), isPlain(event), event.getValue()));
    } catch (Scalars.NotJson e) {
      throw notJson(e, event);
    }
    Integer firstLine = parent.keyLines.putIfAbsent(key, Composer.line(event.getStartMark()));
    if (firstLine != null) {
      duplicates.add(
          new DuplicateKey(key, region(event.getStartMark(), event.getEndMark()), firstLine));
    }
    parent.pendingKey = key;
  }

  private void open(Event event, JsonNode container) {
    if (stack.size() >= limits.maxNestingDepth()) {
      throw new RefusedInput(
          CoreRules.YAML_ALIAS_LIMIT,
          "the document nests deeper than " + limits.maxNestingDepth() + " levels",
          region(event.getStartMark(), event.getStartMark()));
    }
    Frame parent = stack.peek();
    if (parent != null
        && parent.container.isObject()
        && parent.pendingKey == null
        && !parent.pendingMerge) {
      throw collectionKey(container.isObject() ? "mapping" : "list", event.getStartMark());
    }
    budget(1, event.getStartMark());
    stack.push(new Frame(container, ((CollectionStartEvent) event).getAnchor()));
  }

  private void close() {
    Frame frame = stack.pop();
    if (frame.merges != null) {
      ObjectNode object = (ObjectNode) frame.container;
      for (JsonNode merge : frame.merges) {
        for (JsonNode source : merge.isArray() ? merge : List.of(merge)) {
          if (source.isObject()) {
            for (Map.Entry<String, JsonNode> entry : source.properties()) {
              if (!object.has(entry.getKey())) {
                object.set(entry.getKey(), entry.getValue());
              }
            }
          }
        }
      }
    }
    if (frame.anchor != null) {
      anchors.put(frame.anchor, new Anchored(frame.container, frame.size));
    }
    add(frame.container, frame.size);
  }

  private void alias(AliasEvent event) {
    Anchored anchored = anchors.get(event.getAnchor());
    Region at = region(event.getStartMark(), event.getEndMark());
    if (anchored == null) {
      boolean open = stack.stream().anyMatch(f -> event.getAnchor().equals(f.anchor));
      // A recursive alias expands without end; a missing anchor is plain bad YAML.
      throw new RefusedInput(
          open ? CoreRules.YAML_ALIAS_LIMIT : CoreRules.YAML_SYNTAX_ERROR,
          open
              ? "an alias refers to one of its own ancestors"
              : "alias *" + event.getAnchor() + " refers to no anchor",
          at);
    }
    if (anchored.node.isContainer() && ++collectionAliases > limits.maxAliases()) {
      throw new RefusedInput(
          CoreRules.YAML_ALIAS_LIMIT,
          "the file uses more than " + limits.maxAliases() + " aliases to collections",
          at);
    }
    budget(anchored.size, event.getStartMark());
    Frame parent = stack.peek();
    if (parent != null
        && parent.container.isObject()
        && parent.pendingKey == null
        && !parent.pendingMerge) {
      if (anchored.node.isContainer()) {
        throw collectionKey(anchored.node.isObject() ? "mapping" : "list", event.getStartMark());
      }
      try {
        parent.pendingKey = Scalars.key(anchored.node, "*" + event.getAnchor());
      } catch (Scalars.NotJson e) {
        throw notJson(e, event);
      }
      return;
    }
    add(anchored.node, anchored.size);
  }

  private void add(JsonNode value, int size) {
    Frame parent = stack.peek();
    if (parent == null) {
      root = value;
      return;
    }
    parent.size += size;
    if (parent.container instanceof ArrayNode array) {
      array.add(value);
    } else if (parent.pendingMerge) {
      if (parent.merges == null) {
        parent.merges = new ArrayList<>();
      }
      parent.merges.add(value);
      parent.pendingMerge = false;
    } else {
      ((ObjectNode) parent.container).set(parent.pendingKey, value);
      parent.pendingKey = null;
    }
  }

  private void budget(int nodes, Mark at) {
    produced += nodes;
    if (produced > limits.maxNodesPerDocument()) {
      throw new RefusedInput(
          CoreRules.YAML_ALIAS_LIMIT,
          "the document expands to more than "
              + limits.maxNodesPerDocument()
              + " nodes once aliases are resolved",
          region(at, at));
    }
  }

  /** Kubernetes turns YAML into JSON, whose keys are strings, so it refuses such a key too. */
  private static RefusedInput collectionKey(String what, Mark at) {
    return new RefusedInput(
        CoreRules.YAML_SYNTAX_ERROR,
        "a " + what + " is used as a mapping key; Kubernetes only reads plain keys",
        region(at, at));
  }

  /** An untagged plain scalar, the only kind that go-yaml resolves to a type by its text. */
  private static boolean isPlain(ScalarEvent event) {
    return event.getTag() == null && event.getImplicit().canOmitTagInPlainScalar();
  }

  /** kubectl and Argo CD refuse the whole document when it cannot become JSON. */
  private static RefusedInput notJson(Scalars.NotJson e, Event event) {
    return new RefusedInput(
        CoreRules.YAML_SYNTAX_ERROR,
        e.getMessage(),
        region(event.getStartMark(), event.getEndMark()));
  }

  static Region region(Mark start, Mark end) {
    return new Region(
        Composer.line(start), Composer.column(start), Composer.line(end), Composer.column(end));
  }
}
