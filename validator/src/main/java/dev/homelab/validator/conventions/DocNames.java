package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Lists the files of one docs folder (adrs/, runbooks/) for the naming rules. */
final class DocNames {

  private DocNames() {}

  /**
   * The regular files of docs/<folder>, sorted, leaving out the README and hidden files (such as
   * the .gitkeep of an empty folder); empty when the folder does not exist.
   */
  static List<Path> files(LabTree tree, String folder) {
    Path dir = tree.config().root().resolve(tree.lab().docsPath()).resolve(folder).normalize();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equalsIgnoreCase("README.md"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  static List<Finding> misnamed(
      LabTree tree, RuleInfo rule, String folder, Pattern pattern, String expected) {
    List<Finding> findings = new ArrayList<>();
    for (Path file : files(tree, folder)) {
      String name = file.getFileName().toString();
      if (!pattern.matcher(name).matches()) {
        findings.add(tree.atFile(rule, file, 1, 1, "`" + name + "` does not follow " + expected));
      }
    }
    return findings;
  }
}
