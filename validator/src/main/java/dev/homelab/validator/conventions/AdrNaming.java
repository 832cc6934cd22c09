package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Architecture decision records are named {@code ADR-NNN-short-title.md}, each number once. */
final class AdrNaming implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "adr-naming",
          Labels.FAMILY,
          "An ADR file is not named ADR-NNN-short-title.md, or reuses a number.",
          "Decision records in docs/adrs/ are numbered with three digits and a kebab-case title,"
              + " so they sort in the order they were decided and each number means one decision.",
          Severity.ERROR,
          Labels.SINCE,
          "Rename the file to ADR-NNN-short-title.md with the next free number.");

  private static final Pattern NAME = Pattern.compile("ADR-(\\d{3})-[a-z0-9]+(?:-[a-z0-9]+)*\\.md");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings =
        new ArrayList<>(DocNames.misnamed(tree, INFO, "adrs", NAME, "ADR-NNN-short-title.md"));
    Map<String, Path> numbers = new HashMap<>();
    for (Path file : DocNames.files(tree, "adrs")) {
      Matcher matcher = NAME.matcher(file.getFileName().toString());
      if (matcher.matches()) {
        Path first = numbers.putIfAbsent(matcher.group(1), file);
        if (first != null) {
          findings.add(
              tree.atFile(
                  INFO,
                  file,
                  1,
                  1,
                  "ADR number " + matcher.group(1) + " is already used by " + first.getFileName()));
        }
      }
    }
    return findings;
  }
}
