package dev.homelab.generator.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * Renders one file's change in the format of {@code git diff}, so that {@code git apply} takes it.
 */
final class UnifiedDiff {
  private static final int CONTEXT_LINES = 3;

  private UnifiedDiff() {}

  /**
   * The diff of one path from {@code before} to {@code after}; either may be null for a file that
   * does not exist on that side.
   */
  static String render(String path, byte[] before, byte[] after) {
    StringBuilder header = new StringBuilder();
    header.append("diff --git a/").append(path).append(" b/").append(path).append('\n');
    if (before == null) {
      header.append("new file mode 100644\n");
    } else if (after == null) {
      header.append("deleted file mode 100644\n");
    }
    String from = before == null ? "/dev/null" : "a/" + path;
    String to = after == null ? "/dev/null" : "b/" + path;
    byte[] a = before == null ? new byte[0] : before;
    byte[] b = after == null ? new byte[0] : after;
    if (RawText.isBinary(a) || RawText.isBinary(b)) {
      return header
          .append("Binary files ")
          .append(from)
          .append(" and ")
          .append(to)
          .append(" differ\n")
          .toString();
    }
    header.append("--- ").append(from).append('\n').append("+++ ").append(to).append('\n');
    RawText oldText = new RawText(a);
    RawText newText = new RawText(b);
    EditList edits =
        DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
            .diff(RawTextComparator.DEFAULT, oldText, newText);
    ByteArrayOutputStream hunks = new ByteArrayOutputStream();
    try (DiffFormatter formatter = new DiffFormatter(hunks)) {
      formatter.setContext(CONTEXT_LINES);
      formatter.format(edits, oldText, newText);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return header.append(hunks.toString(StandardCharsets.UTF_8)).toString();
  }
}
