package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules are type-checked once and kept in the cache folder for later runs. */
class CelRuleEvaluatorTest {

  @TempDir Path cache;

  private List<Path> stored() throws Exception {
    try (Stream<Path> files = Files.list(cache)) {
      return files.toList();
    }
  }

  /** Rules checked by another cel-java must not be read back as if this one had checked them. */
  @Test
  void theCachedRulesAreKeyedByTheCelJavaTheBuildUses() throws Exception {
    String pom = Files.readString(dev.homelab.core.testing.RepoPaths.repoRoot().resolve("pom.xml"));
    java.util.regex.Matcher version =
        java.util.regex.Pattern.compile("<version.cel>([^<]+)</version.cel>").matcher(pom);
    assertThat(version.find()).as("pom.xml names the cel-java version").isTrue();
    assertThat(CelRuleEvaluator.ENVIRONMENT_VERSION)
        .as("bump ENVIRONMENT_VERSION with version.cel")
        .startsWith("cel-java " + version.group(1) + ";");
  }

  @Test
  void aLaterRunLoadsTheCheckedRuleInsteadOfCheckingItAgain() throws Exception {
    assertThat(new CelRuleEvaluator(cache).check("self > 1", 5L))
        .isEqualTo(CelRuleEvaluator.Outcome.HELD);
    assertThat(new CelRuleEvaluator(cache).check("self < 1", 5L))
        .isEqualTo(CelRuleEvaluator.Outcome.FAILED);
    assertThat(stored()).hasSize(2).allMatch(file -> file.toString().endsWith(".pb"));

    // Put the first rule's checked form under the second rule's name: a run that reads the
    // cache now gets the first rule's verdict for the second expression.
    Path first = stored().get(0);
    Path second = stored().get(1);
    byte[] firstBytes = Files.readAllBytes(first);
    byte[] secondBytes = Files.readAllBytes(second);
    Files.write(first, secondBytes);
    Files.write(second, firstBytes);
    assertThat(new CelRuleEvaluator(cache).check("self > 1", 5L))
        .isEqualTo(CelRuleEvaluator.Outcome.FAILED);
  }

  @Test
  void anUnreadableCachedRuleIsCheckedAgainAndReplaced() throws Exception {
    new CelRuleEvaluator(cache).check("self.startsWith('/')", "/api");
    Path file = stored().get(0);
    Files.writeString(file, "not a checked expression");

    assertThat(new CelRuleEvaluator(cache).check("self.startsWith('/')", "api"))
        .isEqualTo(CelRuleEvaluator.Outcome.FAILED);
    assertThat(Files.readString(file)).isNotEqualTo("not a checked expression");
  }

  @Test
  void aRuleThatDoesNotCompileIsNotEvaluatedAndNotStored() throws Exception {
    assertThat(new CelRuleEvaluator(cache).check("quantity(self) > 1", "1Gi"))
        .isEqualTo(CelRuleEvaluator.Outcome.NOT_EVALUATED);
    assertThat(stored()).isEmpty();
  }

  @Test
  void checkingANewRuleDeletesCheckedRulesUnusedForAMonthAndAUseKeepsOne() throws Exception {
    new CelRuleEvaluator(cache).check("self > 1", 5L);
    Path used = stored().get(0);
    new CelRuleEvaluator(cache).check("self < 1", 5L);
    Instant old = Instant.now().minus(Duration.ofDays(45));
    for (Path file : stored()) {
      Files.setLastModifiedTime(file, FileTime.from(old));
    }

    // A later run reads one of them from the cache, then checks a rule it has not seen.
    CelRuleEvaluator later = new CelRuleEvaluator(cache);
    later.check("self > 1", 5L);
    later.check("self == 5", 5L);

    assertThat(stored()).hasSize(2).contains(used);
  }
}
