package dev.homelab.validator.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.change.BaseRevision;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.testing.GitRepos;
import dev.homelab.core.testing.LabFixtures;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Trees;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs one convention rule over its fixture folder, {@code
 * validator/src/test/resources/conventions/<rule-id>/}, and checks that it reports exactly the
 * lines marked {@code # expect: <rule-id>} (or {@code <!-- expect: <rule-id> -->} in Markdown),
 * once per mention, and nothing else ({@code # expect-next: <rule-id>} marks the line below, in
 * files such as .homelabignore whose lines cannot end in a comment). A fixture with a {@code
 * gitops/} folder is a whole repository (for rules that read docs/ beside the tree, or the tree's
 * place in it), made a git repository when no {@code base/} made it one already; otherwise the
 * folder is the tree, and gets the shared test config when it has no homelab.yaml. A fixture with a
 * {@code base/} folder is for a rule that compares with {@code --base}: the test commits {@code
 * base/} (with the fixture's config) to a real git repository first, lays the rest of the fixture
 * over it, and compares with HEAD. Each rule's test is an empty subclass.
 */
abstract class RuleFixtureTest {

  private static final Pattern EXPECT =
      Pattern.compile("expect:\\s*([a-z0-9-]+(?:[ ,]+[a-z0-9-]+)*)");

  /** A marker for the line below, in files whose lines cannot end in a comment. */
  private static final Pattern EXPECT_NEXT =
      Pattern.compile("expect-next:\\s*([a-z0-9-]+(?:[ ,]+[a-z0-9-]+)*)");

  @TempDir Path repository;

  /** The id of the rule under test; also the name of its fixture folder. */
  protected abstract String ruleId();

  @Test
  void reportsExactlyTheMarkedLines() throws Exception {
    Path fixture =
        RepoPaths.repoRoot().resolve("validator/src/test/resources/conventions").resolve(ruleId());
    assertThat(fixture).as("fixture folder of " + ruleId()).isDirectory();
    Path base = fixture.resolve("base");
    if (Files.isDirectory(base)) {
      commitBase(fixture, base);
    }
    Trees.copy(fixture, repository);
    Trees.deleteRecursively(repository.resolve("base"));
    Path tree =
        Files.isDirectory(repository.resolve("gitops")) ? repository.resolve("gitops") : repository;
    if (tree != repository && !Files.isDirectory(repository.resolve(".git"))) {
      GitRepos.init(repository);
    }
    if (!Files.exists(tree.resolve("homelab.yaml"))) {
      Trees.write(tree, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    }
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(tree), null, repository));
    assertThat(workspace.loadFindings()).as("the fixture itself must load cleanly").isEmpty();
    HomeLabConfig config = workspace.config().orElseThrow();
    BaseRevision baseRevision =
        Files.isDirectory(base) ? BaseRevision.load(config, "HEAD").orElseThrow() : null;
    ConventionRule rule =
        ConventionRules.ALL.stream()
            .filter(r -> r.info().id().equals(ruleId()))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no rule " + ruleId() + " in ConventionRules.ALL"));

    List<String> actual = new ArrayList<>();
    for (Finding finding : rule.check(new LabTree(workspace, config, baseRevision))) {
      assertThat(finding.ruleId()).isEqualTo(ruleId());
      assertReportedWhereDeclared(rule.info().reportedIn(), finding);
      actual.add(finding.location().file() + ":" + finding.location().line());
    }
    List<String> expected = markers(repository, ruleId());
    assertThat(expected).as("the fixture must mark at least one expected finding").isNotEmpty();
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** The rule's metadata says where its findings are, so that its page offers what selects them. */
  private static void assertReportedWhereDeclared(RuleInfo.ReportedIn where, Finding finding) {
    String file = Path.of(finding.location().file()).getFileName().toString();
    switch (where) {
      case LAB_NAMESPACES -> {
        assertThat(file).as("declared LAB_NAMESPACES").isEqualTo("homelab.yaml");
        assertThat(finding.resource().kind()).isEqualTo("Namespace");
      }
      case LAB_CONFIG -> {
        assertThat(file).as("declared LAB_CONFIG").isEqualTo("homelab.yaml");
        assertThat(finding.resource()).isNull();
      }
      case OBJECTS_OR_FILES -> {}
    }
  }

  /** Commits {@code base} as the whole tree, with the fixture's config when it has none. */
  private void commitBase(Path fixture, Path base) throws Exception {
    Trees.copy(base, repository);
    if (!Files.exists(repository.resolve("homelab.yaml"))) {
      Path config = fixture.resolve("homelab.yaml");
      Trees.write(
          repository,
          "homelab.yaml",
          Files.exists(config) ? Files.readString(config) : LabFixtures.MINIMAL_CONFIG);
    }
    GitRepos.commitAll(repository, "base");
    try (Stream<Path> files = Files.list(repository)) {
      for (Path file : files.filter(f -> !f.getFileName().toString().equals(".git")).toList()) {
        Trees.deleteRecursively(file);
      }
    }
  }

  /** Every {@code file:line} under {@code root} that marks a finding of {@code ruleId}. */
  static List<String> markers(Path root, String ruleId) throws IOException {
    List<String> expected = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !root.relativize(f).startsWith(".git"))
              .sorted()
              .toList()) {
        List<String> lines;
        try {
          lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException notText) {
          continue;
        }
        for (int i = 0; i < lines.size(); i++) {
          for (Pattern marker : List.of(EXPECT, EXPECT_NEXT)) {
            Matcher matcher = marker.matcher(lines.get(i));
            int line = marker == EXPECT ? i + 1 : i + 2;
            if (matcher.find()) {
              for (String id : matcher.group(1).split("[ ,]+")) {
                if (id.equals(ruleId)) {
                  expected.add(root.relativize(file).toString().replace('\\', '/') + ":" + line);
                }
              }
            }
          }
        }
      }
    }
    return expected;
  }
}
