package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.workspace.ValuesFile;
import dev.homelab.core.yaml.Document;
import dev.homelab.core.yaml.Pointer;
import dev.homelab.core.yaml.YamlFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Every Helm component has values-homelab.yaml and the values files it lists, every values file is
 * a map, and no script passes {@code helm ... --set}.
 */
final class HelmValuesFile implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "helm-values-file",
          Labels.FAMILY,
          "A Helm component lacks a values file, a values file is not a map, or a script uses --set.",
          "All Helm values live in git: each Helm component's folder holds values-homelab.yaml"
              + " and every other values file homelab.yaml lists for it (helm stops at a listed"
              + " file that is not there), and scripts pass values with -f instead of --set, so"
              + " that what runs is what the repository says. Helm reads the first document of a values file as a map of"
              + " values: one that is a list or a bare value stops `helm template`, so Argo CD"
              + " cannot render the component at all (an empty file is fine). Scripts are shell"
              + " files (by extension or shebang), Makefiles and justfiles.",
          Severity.ERROR,
          Labels.SINCE,
          "Create values-homelab.yaml and each values file the component lists in its folder (or"
              + " drop a listed one from `values`), write values as a map of keys, and move --set"
              + " values into it.");

  private static final Pattern SET_FLAG =
      Pattern.compile("(?<!\\S)--set(?:-string|-file|-json|-literal)?(?=[=\\s]|$)");
  // A Makefile recipe may prefix the command with @ (silent) and - (ignore errors).
  private static final Pattern HELM = Pattern.compile("(?:^|[\\s;&|(`$@])-?helm\\s");

  private static final Pattern SHELL_SHEBANG =
      Pattern.compile("^#!\\s*\\S*/(?:env\\s+)?(?:ba|z|da|k)?sh\\b");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    List<HomeLab.Component> components = tree.lab().components();
    for (int i = 0; i < components.size(); i++) {
      HomeLab.Component component = components.get(i);
      if (!component.isHelm() || !component.deployedByArgoCd()) {
        continue;
      }
      Path folder = tree.config().root().resolve(component.path());
      if (Files.isDirectory(folder)
          && !Files.isRegularFile(folder.resolve(HomeLabConfig.VALUES_FILE))) {
        findings.add(
            tree.inConfigKey(
                INFO,
                Pointer.of("components", i, "chart"),
                "Helm component `"
                    + component.name()
                    + "` has no "
                    + HomeLabConfig.VALUES_FILE
                    + " in "
                    + component.path()
                    + "/"));
      }
      for (int v = 0; v < component.values().size(); v++) {
        String listed = component.values().get(v);
        if (Files.isDirectory(folder)
            && !listed.equals(HomeLabConfig.VALUES_FILE) // reported at the chart above
            && !Files.isRegularFile(folder.resolve(listed))) {
          // The Application passes every listed file to helm, which stops at one that is not there.
          findings.add(
              tree.inConfig(
                  INFO,
                  Pointer.of("components", i, "values", v),
                  "Helm component `"
                      + component.name()
                      + "` lists values file "
                      + listed
                      + ", which "
                      + component.path()
                      + "/ does not have; helm template stops at it, so Argo CD cannot render"
                      + " the chart"));
        }
      }
    }
    for (ValuesFile values : tree.workspace().valuesFiles()) {
      checkIsMap(values.file(), findings);
    }
    for (SourceFile file : tree.workspace().otherFiles()) {
      if (isScript(file)) {
        checkScript(tree, file, findings);
      }
    }
    return findings;
  }

  /** Reports a values file whose first document, the one Helm reads, is a list or a scalar. */
  private static void checkIsMap(YamlFile file, List<Finding> findings) {
    if (file.documents().isEmpty()) {
      return;
    }
    Document first = file.documents().get(0);
    JsonNode root = first.root();
    if (root.isObject() || root.isNull() || root.isMissingNode()) {
      return;
    }
    findings.add(
        Finding.of(
            INFO,
            first.location(),
            "Helm values must be a map of keys, but "
                + file.source().fileName()
                + " holds "
                + (root.isArray() ? "a list" : "a scalar")
                + "; helm template refuses it, so Argo CD cannot render the chart"));
  }

  /** Shell scripts by extension or shebang, Makefiles and justfiles: where helm gets called. */
  static boolean isScript(SourceFile file) {
    String name = file.fileName();
    if (name.endsWith(".sh")
        || name.endsWith(".bash")
        || name.endsWith(".zsh")
        || name.endsWith(".mk")
        || name.equals("Makefile")
        || name.equals("makefile")
        || name.equals("GNUmakefile")
        || name.equalsIgnoreCase("justfile")) {
      return true;
    }
    // Only names without an extension are opened, so docs and data files cost nothing.
    return !name.contains(".") && SHELL_SHEBANG.matcher(firstLine(file.path())).find();
  }

  private static String firstLine(Path path) {
    try (var reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      return line == null ? "" : line;
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  /** Reports each --set of a helm command, following backslash continuations. */
  private static void checkScript(LabTree tree, SourceFile file, List<Finding> findings) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file.path(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return; // an unreadable script is not this rule's finding
    }
    boolean inHelmCommand = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = stripComment(lines.get(i));
      boolean startsHelm = HELM.matcher(line).find();
      if (startsHelm || inHelmCommand) {
        Matcher set = SET_FLAG.matcher(line);
        while (set.find()) {
          findings.add(
              tree.atFile(
                  INFO,
                  file.path(),
                  i + 1,
                  set.start() + 1,
                  "helm is called with "
                      + set.group()
                      + "; put the value in "
                      + HomeLabConfig.VALUES_FILE
                      + " instead"));
        }
      }
      inHelmCommand = (startsHelm || inHelmCommand) && line.stripTrailing().endsWith("\\");
    }
  }

  private static String stripComment(String line) {
    String trimmed = line.stripLeading();
    if (trimmed.startsWith("#")) {
      return "";
    }
    int hash = line.indexOf(" #");
    return hash >= 0 ? line.substring(0, hash) : line;
  }
}
