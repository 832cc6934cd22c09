package dev.homelab.core.yaml;

import java.io.StringReader;
import java.util.Iterator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;

/** SnakeYAML's node composer, configured once with the loader's limits. */
final class Composer {

  private Composer() {}

  /** Lazily composes the documents of {@code text}; syntax errors surface while iterating. */
  static Iterator<Node> documents(String text, LoadLimits limits) {
    return new Yaml(options(limits)).composeAll(new StringReader(text)).iterator();
  }

  /** Lazily parses {@code text} into events, the cheaper path that the loader takes. */
  static Iterator<Event> events(String text, LoadLimits limits) {
    return new Yaml(options(limits)).parse(new StringReader(text)).iterator();
  }

  private static LoaderOptions options(LoadLimits limits) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(limits.maxAliases());
    options.setNestingDepthLimit(limits.maxNestingDepth());
    options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes() + 1));
    options.setAllowDuplicateKeys(true);
    options.setProcessComments(false);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  static int line(Mark mark) {
    return mark.getLine() + 1;
  }

  static int column(Mark mark) {
    return mark.getColumn() + 1;
  }
}
