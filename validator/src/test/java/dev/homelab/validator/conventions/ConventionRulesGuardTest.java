package dev.homelab.validator.conventions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.testing.RepoPaths;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the catalogue honest: every rule in {@link ConventionRules#ALL} has complete metadata, a
 * fixture folder that marks at least one of its findings, and a fixture test, so that adding a rule
 * without them fails the build with a message naming the rule and what it lacks.
 */
class ConventionRulesGuardTest {

  private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
  private static final String TEST_PACKAGE = "dev.homelab.validator.conventions.";

  @Test
  void idsAreKebabCaseUniqueAndSorted() {
    List<String> ids = ConventionRules.ALL.stream().map(rule -> rule.info().id()).toList();
    assertThat(ids).as("convention rules").isNotEmpty();
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (!KEBAB.matcher(id).matches()) {
        problems.add(id + ": id is not kebab-case");
      }
      if (!seen.add(id)) {
        problems.add(id + ": id is registered twice");
      }
    }
    for (int i = 1; i < ids.size(); i++) {
      if (ids.get(i - 1).compareTo(ids.get(i)) > 0) {
        problems.add(ids.get(i) + ": id is listed after " + ids.get(i - 1));
      }
    }
    assertThat(problems).as("problems in ConventionRules.ALL").isEmpty();
  }

  @Test
  void registryRefusesTwoRulesWithOneId() {
    assertThatThrownBy(() -> ConventionRules.registry(new HostPattern(), new HostPattern()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("host-pattern");
  }

  @TestFactory
  Stream<DynamicTest> everyRuleHasMetadataFixtureAndTest() {
    return ConventionRules.ALL.stream()
        .map(ConventionRule::info)
        .map(info -> DynamicTest.dynamicTest(info.id(), () -> assertComplete(info)));
  }

  private static void assertComplete(RuleInfo info) throws Exception {
    List<String> missing = new ArrayList<>();
    missing.addAll(metadataProblems(info));
    missing.addAll(fixtureProblems(info.id()));
    missing.addAll(testClassProblems(info.id()));
    assertThat(missing).as("rule " + info.id() + " is incomplete").isEmpty();
  }

  private static List<String> metadataProblems(RuleInfo info) {
    List<String> problems = new ArrayList<>();
    if (!Labels.FAMILY.equals(info.family())) {
      problems.add("family is `" + info.family() + "`, not `" + Labels.FAMILY + "`");
    }
    if (isBlank(info.summary())) {
      problems.add("no summary");
    } else if (!info.summary().endsWith(".")) {
      problems.add("summary does not end with a period");
    } else if (info.summary().length() > 100) {
      problems.add("summary is longer than the 100 columns --explain prints it in");
    }
    if (isBlank(info.description())) {
      problems.add("no description");
    }
    if (info.severity() == null) {
      problems.add("no severity");
    }
    if (isBlank(info.since())) {
      problems.add("no since");
    } else if (!VERSION.matcher(info.since()).matches()) {
      problems.add("since `" + info.since() + "` is not a version such as 0.1.0");
    }
    if (isBlank(info.remediation())) {
      problems.add("no remediation");
    } else if (!info.remediation().endsWith(".")) {
      problems.add("remediation does not end with a period");
    }
    return problems;
  }

  private static List<String> fixtureProblems(String id) throws Exception {
    Path fixture =
        RepoPaths.repoRoot().resolve("validator/src/test/resources/conventions").resolve(id);
    if (!Files.isDirectory(fixture)) {
      return List.of("no fixture folder validator/src/test/resources/conventions/" + id + "/");
    }
    if (RuleFixtureTest.markers(fixture, id).isEmpty()) {
      return List.of("no `expect: " + id + "` marker in its fixture folder");
    }
    return List.of();
  }

  private static List<String> testClassProblems(String id) throws Exception {
    String name = TEST_PACKAGE + pascalCase(id) + "Test";
    Class<?> type;
    try {
      type = Class.forName(name);
    } catch (ClassNotFoundException e) {
      return List.of("no test class " + name);
    }
    if (!RuleFixtureTest.class.isAssignableFrom(type)) {
      return List.of(name + " does not extend RuleFixtureTest");
    }
    Constructor<?> constructor = type.getDeclaredConstructor();
    constructor.setAccessible(true);
    String tested = ((RuleFixtureTest) constructor.newInstance()).ruleId();
    if (!id.equals(tested)) {
      return List.of(name + " tests `" + tested + "` instead");
    }
    return List.of();
  }

  static String pascalCase(String id) {
    StringBuilder name = new StringBuilder();
    for (String word : id.split("-")) {
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.toString();
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
