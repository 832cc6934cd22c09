package dev.homelab.core.yaml;

import java.util.Arrays;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * A reader whose marks count lines as editors, GitHub and the rest of the toolkit do. SnakeYAML,
 * like go-yaml, also breaks lines at NEL, LS and PS, so a value holding one moved every later
 * finding down a line; the parse itself is left as it is.
 */
final class EditorLineReader extends StreamReader {

  /** Code point index at which each line starts, counting only CR, LF and CRLF as breaks. */
  private final int[] lineStarts;

  private EditorLineReader(String text) {
    super(text);
    this.lineStarts = lineStarts(text);
  }

  /** The plain reader unless the text holds a break that only YAML counts. */
  static StreamReader of(String text) {
    return hasYamlOnlyBreak(text) ? new EditorLineReader(text) : new StreamReader(text);
  }

  @Override
  public Mark getMark() {
    Mark mark = super.getMark();
    int index = mark.getIndex();
    int line = lineOf(index);
    if (line == mark.getLine()) {
      return mark;
    }
    return new Mark(
        mark.getName(), index, line, index - lineStarts[line], mark.getBuffer(), mark.getPointer());
  }

  private int lineOf(int index) {
    int found = Arrays.binarySearch(lineStarts, index);
    return found >= 0 ? found : -found - 2;
  }

  private static boolean hasYamlOnlyBreak(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\u0085' && (c == '\u0085' || c == '\u2028' || c == '\u2029')) {
        return true;
      }
    }
    return false;
  }

  private static int[] lineStarts(String text) {
    int[] starts = new int[16];
    int lines = 1;
    int index = 0;
    for (int i = 0; i < text.length(); index++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      boolean crlf = c == '\r' && i < text.length() && text.charAt(i) == '\n';
      if (c == '\n' || (c == '\r' && !crlf)) {
        if (lines == starts.length) {
          starts = Arrays.copyOf(starts, lines * 2);
        }
        starts[lines++] = index + 1;
      }
    }
    return Arrays.copyOf(starts, lines);
  }
}
