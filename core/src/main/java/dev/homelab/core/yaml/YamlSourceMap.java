package dev.homelab.core.yaml;

import dev.homelab.core.source.Region;
import java.util.ArrayList;
import java.util.Collections;
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

  private final List<Node> documents = new ArrayList<>();
  private final Iterator<Node> remaining;
  private boolean exhausted;

  private YamlSourceMap(Iterator<Node> remaining) {
    this.remaining = remaining;
  }

  static YamlSourceMap of(String text, LoadLimits limits) {
    return new YamlSourceMap(
        text == null ? Collections.emptyIterator() : Composer.documents(text, limits));
  }

  /**
   * The document at {@code index}, composing the file only up to it: a finding in the first
   * document of a long file does not pay for the rest. Null past the last document.
   */
  private synchronized Node document(int index) {
    try {
      while (!exhausted && documents.size() <= index && remaining.hasNext()) {
        documents.add(remaining.next());
      }
    } catch (RuntimeException stoppedAtSyntaxError) {
      // Documents before the error keep their positions; the error itself is already a finding.
      exhausted = true;
    }
    return index < documents.size() ? documents.get(index) : null;
  }

  @Override
  public Region region(int documentIndex, String pointer, boolean preferKey) {
    Node node = documentIndex < 0 ? null : document(documentIndex);
    if (node == null) {
      return Region.FILE_START;
    }
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
          && key.equals(keyOf(scalar))) {
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

  /**
   * The key as the loader stored it: a plain {@code on} is the key {@code true}, as in Kubernetes.
   */
  private static String keyOf(ScalarNode scalar) {
    if (!scalar.isPlain()) {
      return scalar.getValue();
    }
    try {
      return Scalars.key(null, true, scalar.getValue());
    } catch (Scalars.NotJson refusedDocumentHasNoFindings) {
      return scalar.getValue();
    }
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
