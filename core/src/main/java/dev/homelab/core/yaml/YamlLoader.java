package dev.homelab.core.yaml;

import dev.homelab.core.finding.CoreRules;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.source.IoReasons;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.Region;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.source.Utf8;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import tools.jackson.databind.JsonNode;

/**
 * Reads YAML and JSON files into documents. Never throws for bad input: every problem becomes a
 * finding with the file and the best position known.
 */
public final class YamlLoader {

  private static final int BINARY_SNIFF_BYTES = 8000;

  private final LoadLimits limits;

  public YamlLoader() {
    this(LoadLimits.DEFAULT);
  }

  public YamlLoader(LoadLimits limits) {
    this.limits = limits;
  }

  public YamlFile load(SourceFile source) {
    long size;
    byte[] bytes;
    try {
      size = Files.size(source.path());
      if (size > limits.maxFileBytes()) {
        YamlFile file = new YamlFile(source, null, limits);
        file.add(
            fileFinding(
                CoreRules.FILE_TOO_LARGE,
                source,
                "file is "
                    + size
                    + " bytes, more than the limit of "
                    + limits.maxFileBytes()
                    + " bytes"));
        return file;
      }
      bytes = Files.readAllBytes(source.path());
    } catch (IOException | SecurityException e) {
      YamlFile file = new YamlFile(source, null, limits);
      file.add(
          fileFinding(CoreRules.UNREADABLE_FILE, source, "cannot read file: " + IoReasons.of(e)));
      return file;
    }
    return load(source, bytes);
  }

  /** Loads already-read bytes, as if they were the content of {@code source}. */
  public YamlFile load(SourceFile source, byte[] bytes) {
    String wide = wideEncoding(bytes);
    if (wide != null) {
      YamlFile file = new YamlFile(source, null, limits);
      file.add(
          fileFinding(
              CoreRules.INVALID_UTF8,
              source,
              "file is encoded as " + wide + ", not UTF-8; re-save it as UTF-8"));
      return file;
    }
    if (isBinary(bytes)) {
      YamlFile file = new YamlFile(source, null, limits);
      file.add(fileFinding(CoreRules.BINARY_FILE, source, "file contains NUL bytes"));
      return file;
    }
    String text;
    try {
      text = Utf8.decode(bytes);
    } catch (Utf8.InvalidUtf8Exception e) {
      YamlFile file = new YamlFile(source, null, limits);
      file.add(
          Finding.of(
              CoreRules.INVALID_UTF8, new Location(source.displayPath(), e.at()), e.getMessage()));
      return file;
    }
    return parse(source, withoutDocumentByteOrderMarks(text));
  }

  /** Parses text that is already decoded. */
  public YamlFile parse(SourceFile source, String text) {
    YamlFile file = new YamlFile(source, text, limits);
    if (source.fileName().toLowerCase(Locale.ROOT).endsWith(".json")) {
      JsonSourceReader.read(file, limits);
      return file;
    }
    EventTreeBuilder builder = new EventTreeBuilder(limits);
    Iterator<Event> events = Composer.events(text, limits);
    int index = 0;
    Region documentStart = null;
    Event first = null;
    boolean skipping = false;
    try {
      while (events.hasNext()) {
        Event event = events.next();
        switch (event.getEventId()) {
          case StreamStart, StreamEnd -> {}
          case DocumentStart -> {
            builder.reset();
            first = null;
            skipping = false;
            directive(file, (DocumentStartEvent) event);
          }
          case DocumentEnd -> {
            JsonNode root = builder.root();
            if (!skipping && root != null && !isEmptyDocument(root, first)) {
              file.add(new Document(file, index, root, documentStart));
            }
            reportDuplicates(file, builder);
            index++;
          }
          default -> {
            if (first == null) {
              first = event;
              documentStart =
                  Region.point(
                      Composer.line(event.getStartMark()), Composer.column(event.getStartMark()));
            }
            if (!skipping) {
              try {
                builder.accept(event);
              } catch (EventTreeBuilder.RefusedInput e) {
                file.add(
                    Finding.of(e.rule, new Location(source.displayPath(), e.at), e.getMessage()));
                skipping = true;
              }
            }
          }
        }
      }
    } catch (MarkedYAMLException e) {
      reportDuplicates(file, builder);
      file.add(syntaxError(source, text, e));
    } catch (YAMLException e) {
      file.add(limitError(source, documentStart == null ? Region.FILE_START : documentStart, e));
    } catch (StackOverflowError e) {
      file.add(
          Finding.of(
              CoreRules.YAML_ALIAS_LIMIT,
              new Location(
                  source.displayPath(), documentStart == null ? Region.FILE_START : documentStart),
              "the document nests too deeply to read"));
    }
    separators(file, text);
    return file;
  }

  /**
   * kubectl and Argo CD cut the stream at each {@code ---} line before YAML reads it, so a
   * directive is left alone in the piece before its {@code ---}, which go-yaml refuses.
   */
  private static void directive(YamlFile file, DocumentStartEvent event) {
    boolean tags = event.getTags() != null && !event.getTags().isEmpty();
    if (event.getVersion() == null && !tags) {
      return;
    }
    Mark at = event.getStartMark();
    file.add(
        Finding.of(
            CoreRules.YAML_SYNTAX_ERROR,
            new Location(
                file.source().displayPath(), Region.point(Composer.line(at), Composer.column(at))),
            "kubectl and Argo CD refuse a %"
                + (event.getVersion() != null ? "YAML" : "TAG")
                + " directive: they split the file at each `---` line before reading it as YAML,"
                + " which leaves the directive without its document; remove it"));
  }

  /**
   * kubectl and Argo CD refuse a line that starts with {@code ---} and goes on with more than a
   * comment (apimachinery's YAMLReader), though YAML allows a document to start there.
   */
  private static void separators(YamlFile file, String text) {
    int at = text.startsWith("---") ? 0 : text.indexOf("\n---");
    while (at >= 0) {
      int start = text.charAt(at) == '\n' ? at + 1 : at;
      int end = text.indexOf('\n', start);
      String line = text.substring(start + 3, end < 0 ? text.length() : end);
      String rest = line.strip();
      if (!rest.isEmpty() && rest.charAt(0) != '#') {
        int number = 1;
        for (int i = 0; i < start; i++) {
          number += text.charAt(i) == '\n' ? 1 : 0;
        }
        file.add(
            Finding.of(
                CoreRules.YAML_SYNTAX_ERROR,
                new Location(
                    file.source().displayPath(),
                    Region.point(number, 4 + line.indexOf(rest.charAt(0)))),
                "kubectl and Argo CD refuse `"
                    + rest
                    + "` after `---`, where only a comment may follow; start the document on the"
                    + " next line"));
      }
      at = end < 0 ? -1 : text.indexOf("\n---", end);
    }
  }

  private static void reportDuplicates(YamlFile file, EventTreeBuilder builder) {
    for (EventTreeBuilder.DuplicateKey duplicate : builder.duplicates()) {
      file.add(
          Finding.of(
              CoreRules.DUPLICATE_KEY,
              new Location(file.source().displayPath(), duplicate.second()),
              "duplicate key `"
                  + duplicate.key()
                  + "` (first defined at line "
                  + duplicate.firstLine()
                  + ")"));
    }
    builder.duplicates().clear();
  }

  private static boolean isEmptyDocument(JsonNode root, Event first) {
    return root.isNull() && first instanceof ScalarEvent scalar && scalar.getValue().isEmpty();
  }

  /**
   * Drops a byte-order mark at the start of the file or of a document after a {@code ---} line,
   * where concatenated files leave one; kubectl's splitter hands each piece to a YAML reader that
   * skips it there.
   */
  static String withoutDocumentByteOrderMarks(String text) {
    if (text.indexOf('\uFEFF') < 0) {
      return text;
    }
    StringBuilder kept = new StringBuilder(text.length());
    boolean afterSeparator = true;
    for (String line : text.split("(?<=\r\n|\r(?!\n)|\n)", -1)) {
      String content = afterSeparator && line.startsWith("\uFEFF") ? line.substring(1) : line;
      kept.append(content);
      String rest = content.startsWith("---") ? content.substring(3).strip() : null;
      afterSeparator = rest != null && (rest.isEmpty() || rest.charAt(0) == '#');
    }
    return kept.toString();
  }

  private static Finding syntaxError(SourceFile source, String text, MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    String context = e.getContext();
    String parser = context == null ? problem : problem + " (" + context + ")";
    boolean unclosed =
        context != null
            && (context.contains("quoted scalar")
                || context.contains("flow sequence")
                || context.contains("flow mapping"))
            && e.getContextMark() != null;
    // An unclosed quote or bracket is reported where it opens, not where the file ran out.
    Mark mark = unclosed || e.getProblemMark() == null ? e.getContextMark() : e.getProblemMark();
    Region at =
        mark == null ? Region.FILE_START : Region.point(Composer.line(mark), Composer.column(mark));
    String message;
    if (problem.contains("\\t") || problem.contains("'\t'")) {
      message = "a tab character cannot start a token; indent with spaces";
    } else if (problem.startsWith("expected <block end>")) {
      message =
          "this line is indented differently from the entries it belongs with (" + parser + ")";
    } else if (problem.equals("mapping values are not allowed here")) {
      message =
          "`: ` cannot appear here: quote a value that contains it, or check that the key above"
              + " has its colon and this line its indentation ("
              + parser
              + ")";
    } else if (unclosed && context.contains("quoted scalar")) {
      message = "this quoted value is never closed (" + parser + ")";
    } else if (problem.startsWith("expected '<document start>'") && mark != null) {
      int end = documentEndBefore(text, Composer.line(mark));
      message =
          end > 0
              ? "kubectl and Argo CD stop reading at the `...` on line "
                  + end
                  + " and drop what follows; put a `---` line before this one ("
                  + parser
                  + ")"
              : "a document holds one value, and this line starts another; separate them with a"
                  + " `---` line ("
                  + parser
                  + ")";
    } else if (unclosed) {
      message =
          "this `"
              + (context.contains("sequence") ? "[" : "{")
              + "` is never closed ("
              + parser
              + ")";
    } else {
      message = parser;
    }
    return Finding.of(CoreRules.YAML_SYNTAX_ERROR, new Location(source.displayPath(), at), message);
  }

  /**
   * The line of the {@code ...} marker that ends the document before {@code line}, skipping blank
   * and comment lines, or 0 when the line before is something else.
   */
  private static int documentEndBefore(String text, int line) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = Math.min(line - 1, lines.length) - 1; i >= 0; i--) {
      String content = lines[i].strip();
      if (content.startsWith("...")
          && (content.length() == 3 || content.substring(3).strip().startsWith("#"))) {
        return i + 1;
      }
      if (!content.isEmpty() && content.charAt(0) != '#') {
        return 0;
      }
    }
    return 0;
  }

  private static Finding limitError(SourceFile source, Region at, YAMLException e) {
    String message = e.getMessage() == null ? "limit exceeded" : e.getMessage();
    RuleInfo rule =
        message.contains("code points") ? CoreRules.FILE_TOO_LARGE : CoreRules.YAML_ALIAS_LIMIT;
    return Finding.of(rule, new Location(source.displayPath(), at), message);
  }

  private static Finding fileFinding(RuleInfo rule, SourceFile source, String message) {
    return Finding.of(rule, Location.fileStart(source.displayPath()), message);
  }

  /**
   * UTF-16 or UTF-32, told by the byte-order mark or the pattern of zero bytes in the first
   * characters as YAML's spec does it (section 5.2), else null. Editors and PowerShell's {@code >}
   * on Windows write these, and they would otherwise read as a binary file.
   */
  static String wideEncoding(byte[] bytes) {
    if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF) || startsWith(bytes, 0x00, 0x00, 0x00, -1)) {
      return "UTF-32BE";
    }
    if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00) || startsWith(bytes, -1, 0x00, 0x00, 0x00)) {
      return "UTF-32LE";
    }
    if (startsWith(bytes, 0xFE, 0xFF) || startsWith(bytes, 0x00, -1, 0x00, -1)) {
      return "UTF-16BE";
    }
    if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, -1, 0x00, -1, 0x00)) {
      return "UTF-16LE";
    }
    return null;
  }

  /** Whether the bytes start with the pattern, where -1 stands for any byte but zero. */
  private static boolean startsWith(byte[] bytes, int... pattern) {
    if (bytes.length < pattern.length) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      int b = bytes[i] & 0xff;
      if (pattern[i] == -1 ? b == 0 : b != pattern[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBinary(byte[] bytes) {
    int end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
    for (int i = 0; i < end; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
