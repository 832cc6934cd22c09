package dev.homelab.core.yaml;

import dev.homelab.core.source.Region;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a JSON pointer into a region of the text. Built on demand by composing the file again, so
 * the fast path (a clean file) never pays for position bookkeeping.
 */
final class YamlSourceMap implements SourceMap {

  private final List<Node> documents;

  private YamlSourceMap(List<Node> documents) {
    this.documents = documents;
  }

  static YamlSourceMap of(String text, LoadLimits limits) {
    List<Node> documents = new ArrayList<>();
    if (text != null) {
      Iterator<Node> nodes = Composer.documents(text, limits);
      try {
        while (nodes.hasNext()) {
          documents.add(nodes.next());
        }
      } catch (RuntimeException stoppedAtSyntaxError) {
        // Documents before the error keep their positions; the error itself is already a finding.
      }
    }
    return new YamlSourceMap(documents);
  }

  @Override
  public Region region(int documentIndex, String pointer, boolean preferKey) {
    if (documentIndex < 0 || documentIndex >= documents.size()) {
      return Region.FILE_START;
    }
    Node node = documents.get(documentIndex);
    Node key = null;
    for (String token : Pointer.tokens(pointer)) {
      NodeTuple entry = null;
      Node item = null;
      if (node instanceof MappingNode mapping) {
        entry = find(mapping, token, 0);
      } else if (node instanceof SequenceNode sequence && Pointer.isIndex(token)) {
        int index = Integer.parseInt(token);
        if (index < sequence.getValue().size()) {
          item = sequence.getValue().get(index);
        }
      }
      if (entry != null) {
        key = entry.getKeyNode();
        node = entry.getValueNode();
      } else if (item != null) {
        key = null;
        node = item;
      } else {
        // The rest of the pointer does not exist: point at the deepest node that does, by its key.
        return regionOf(key != null ? key : node);
      }
    }
    return regionOf(preferKey && key != null ? key : node);
  }

  /** The last explicit entry wins, as in the JSON tree; merge keys only fill what is missing. */
  private static NodeTuple find(MappingNode mapping, String key, int depth) {
    NodeTuple found = null;
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar
          && !Tag.MERGE.equals(scalar.getTag())
          && key.equals(scalar.getValue())) {
        found = tuple;
      }
    }
    if (found != null || depth > 16) {
      return found;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar && Tag.MERGE.equals(scalar.getTag())) {
        for (MappingNode source : mergeSources(tuple.getValueNode())) {
          NodeTuple merged = find(source, key, depth + 1);
          if (merged != null) {
            return merged;
          }
        }
      }
    }
    return null;
  }

  static List<MappingNode> mergeSources(Node value) {
    List<MappingNode> sources = new ArrayList<>();
    if (value instanceof MappingNode mapping) {
      sources.add(mapping);
    } else if (value instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        if (item instanceof MappingNode mapping) {
          sources.add(mapping);
        }
      }
    }
    return sources;
  }

  static Region regionOf(Node node) {
    return new Region(
        Composer.line(node.getStartMark()),
        Composer.column(node.getStartMark()),
        Composer.line(node.getEndMark()),
        Composer.column(node.getEndMark()));
  }
}
