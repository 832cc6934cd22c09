package dev.homelab.core.docs;

import dev.homelab.core.finding.Exemptions;
import dev.homelab.core.finding.Restatements;
import dev.homelab.core.finding.RuleInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The rule reference in docs/rules/: one page per rule, generated from its metadata, plus an index.
 * {@link #stale} lists what differs from the files on disk, which is how CI catches drift.
 */
public final class RuleReference {

  public static final String HEADER =
      "<!-- Generated from the rule's metadata by the homelab toolkit; do not edit."
          + " Regenerate with scripts/update-docs.sh. -->";
  public static final String INDEX = "README.md";

  private RuleReference() {}

  /** Every page by file name, the index included. */
  public static Map<String, String> pages(List<RuleInfo> rules) {
    Map<String, RuleInfo> byId = new TreeMap<>();
    for (RuleInfo rule : rules) {
      RuleInfo previous = byId.put(rule.id(), rule);
      if (previous != null && !previous.equals(rule)) {
        throw new IllegalStateException("two rules share the id " + rule.id());
      }
    }
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put(INDEX, index(byId.values()));
    byId.values().forEach(rule -> pages.put(rule.id() + ".md", page(rule)));
    return pages;
  }

  static String page(RuleInfo rule) {
    return HEADER
        + "\n\n# `"
        + rule.id()
        + "`\n\n"
        + rule.summary()
        + "\n\n| | |\n|---|---|\n| Family | "
        + rule.family()
        + " |\n| Default severity | "
        + rule.severity().label()
        + " |\n| Since | "
        + rule.since()
        + " |\n\n## Why\n\n"
        + (rule.description().isEmpty() ? rule.summary() : rule.description())
        + "\n\n## How to fix\n\n"
        + rule.remediation()
        + Restatements.note(rule).map(note -> "\n\n## In check\n\n" + note).orElse("")
        + "\n\n## Exempting\n\n"
        + exempting(rule);
  }

  /** How to exempt the rule's findings, by the selectors that can reach where they are. */
  private static String exempting(RuleInfo rule) {
    String entry = "```yaml\nexemptions:\n  - rule: " + rule.id() + "\n";
    String rest = "    reason: <why this is acceptable>\n    until: 2027-01-31\n```\n";
    return switch (rule.reportedIn()) {
      case LAB_NAMESPACES ->
          "Its findings are on namespaces in homelab.yaml, where no annotation reaches, so"
              + " exempt them in homelab.yaml by the namespace's name, optionally until a"
              + " date:\n\n"
              + entry
              + "    kind: Namespace\n    name: <namespace name or glob>\n"
              + rest;
      case LAB_CONFIG ->
          "Its findings are in homelab.yaml and belong to no object, where no annotation"
              + " reaches, so exempt them in homelab.yaml by that file, optionally until a"
              + " date:\n\n"
              + entry
              + "    file: homelab.yaml\n"
              + rest;
      case OBJECTS_OR_FILES ->
          "A finding on an object: on the object, with the reason as the value:\n\n```yaml\n"
              + "metadata:\n  annotations:\n    "
              + Exemptions.ANNOTATION_PREFIX
              + rule.id()
              + ": \"<why this is acceptable>\"\n```\n\nOr in homelab.yaml, optionally until a"
              + " date, by the object's name or, for a finding on a file (one that belongs to no"
              + " object), by the file's path relative to homelab.yaml's folder:\n\n"
              + entry
              + "    name: <resource name or glob>    # or file: <path or glob>\n"
              + rest;
    };
  }

  static String index(Iterable<RuleInfo> rules) {
    Map<String, List<RuleInfo>> byFamily = new TreeMap<>();
    for (RuleInfo rule : rules) {
      byFamily.computeIfAbsent(rule.family(), f -> new ArrayList<>()).add(rule);
    }
    StringBuilder index = new StringBuilder(HEADER).append("\n\n# Rule reference\n");
    for (Map.Entry<String, List<RuleInfo>> family : byFamily.entrySet()) {
      index
          .append("\n## ")
          .append(family.getKey())
          .append("\n\n| rule | severity | summary |\n|---|---|---|\n");
      family.getValue().sort(Comparator.comparing(RuleInfo::id));
      for (RuleInfo rule : family.getValue()) {
        index
            .append("| [`")
            .append(rule.id())
            .append("`](")
            .append(rule.id())
            .append(".md) | ")
            .append(rule.severity().label())
            .append(" | ")
            .append(rule.summary())
            .append(" |\n");
      }
    }
    return index.toString();
  }

  /** Writes every page, and deletes generated pages whose rule is gone. */
  public static void write(Path directory, List<RuleInfo> rules) throws IOException {
    Files.createDirectories(directory);
    Map<String, String> pages = pages(rules);
    for (Path orphan : orphans(directory, pages)) {
      Files.delete(orphan);
    }
    for (Map.Entry<String, String> page : pages.entrySet()) {
      Files.writeString(directory.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** The pages that are missing, differ, or have no rule any more; empty when docs are current. */
  public static List<String> stale(Path directory, List<RuleInfo> rules) throws IOException {
    List<String> stale = new ArrayList<>();
    Map<String, String> pages = pages(rules);
    for (Map.Entry<String, String> page : pages.entrySet()) {
      Path file = directory.resolve(page.getKey());
      if (!Files.isRegularFile(file)) {
        stale.add(page.getKey() + " is missing");
      } else if (!Files.readString(file, StandardCharsets.UTF_8).equals(page.getValue())) {
        stale.add(page.getKey() + " is out of date");
      }
    }
    for (Path orphan : orphans(directory, pages)) {
      stale.add(orphan.getFileName() + " documents no rule");
    }
    return stale;
  }

  private static List<Path> orphans(Path directory, Map<String, String> pages) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> orphans = new ArrayList<>();
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".md")
            && !pages.containsKey(name)
            && Files.readString(file, StandardCharsets.UTF_8).startsWith(HEADER)) {
          orphans.add(file);
        }
      }
      return orphans;
    }
  }
}
