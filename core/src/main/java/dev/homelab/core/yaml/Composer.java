package dev.homelab.core.yaml;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.resolver.Resolver;

/** SnakeYAML's node composer, configured once with the loader's limits. */
final class Composer {

  private Composer() {}

  /** Lazily composes the documents of {@code text}; syntax errors surface while iterating. */
  static Iterator<Node> documents(String text, LoadLimits limits) {
    LoaderOptions options = options(limits);
    org.yaml.snakeyaml.composer.Composer composer =
        new org.yaml.snakeyaml.composer.Composer(
            new ParserImpl(EditorLineReader.of(text), options), new Resolver(), options);
    return lazily(composer::checkNode, composer::getNode);
  }

  /**
   * Lazily parses {@code text} into events, the cheaper path that the loader takes. The parser is
   * made directly: a {@link Yaml} facade per file built a constructor and resolver it never used.
   */
  static Iterator<Event> events(String text, LoadLimits limits) {
    Parser parser = new ParserImpl(EditorLineReader.of(text), options(limits));
    return lazily(() -> parser.peekEvent() != null, parser::getEvent);
  }

  /** An iterator over what SnakeYAML hands out one at a time; null from {@code next} is the end. */
  private static <T> Iterator<T> lazily(BooleanSupplier more, Supplier<T> next) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return more.getAsBoolean();
      }

      @Override
      public T next() {
        T item = next.get();
        if (item == null) {
          throw new NoSuchElementException();
        }
        return item;
      }
    };
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
