package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.cli.Cli;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.validator.cli.ValidatorCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The schema acceptance suite: each file under {@code acceptance/} states its exit code ({@code #
 * exit: N}), extra options ({@code # args: ...}) and every expected finding as {@code # expect:
 * rule@column} on the reported line, one or more per line. The validator runs in-process, offline,
 * schema checks only.
 */
class SchemaAcceptanceTest {

  private static final Path CASES =
      RepoPaths.repoRoot().resolve("validator/src/test/resources/acceptance");
  private static final Pattern EXPECT = Pattern.compile("# expect: ([a-z0-9-]+)@(\\d+)");

  @TempDir Path cache;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(CASES)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void givesTheExpectedExitCodeAndPositions(String name) throws Exception {
    Path file = CASES.resolve(name);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>();
    int expectedExit = -1;
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("# args:")) {
        args.addAll(Arrays.asList(line.substring("# args:".length()).trim().split("\\s+")));
      } else if (line.startsWith("# exit:")) {
        expectedExit = Integer.parseInt(line.substring("# exit:".length()).trim());
      }
      Matcher marker = EXPECT.matcher(line);
      while (marker.find()) {
        expected.add((i + 1) + ":" + marker.group(2) + " " + marker.group(1));
      }
    }
    args.addAll(
        List.of(
            "--format",
            "json",
            "--checks",
            "schema",
            "--offline",
            "--no-catalog",
            "--cache-dir",
            cache.toString(),
            file.toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Cli.execute(
            new ValidatorCli(),
            new PrintWriter(out),
            new PrintWriter(err),
            args.toArray(String[]::new));

    assertThat(err.toString()).as("stderr").isEmpty();
    JsonNode report = JsonMapper.builder().build().readTree(out.toString());
    List<String> actual = new ArrayList<>();
    for (JsonNode finding : report.get("findings")) {
      actual.add(
          finding.get("line").asInt()
              + ":"
              + finding.get("column").asInt()
              + " "
              + finding.get("rule").asString());
    }
    assertThat(actual).as(out.toString()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(exit).as("exit code").isEqualTo(expectedExit);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void messagesAreReadableNotValidatorDumps(String name) throws Exception {
    StringWriter out = new StringWriter();
    Cli.execute(
        new ValidatorCli(),
        new PrintWriter(out),
        new PrintWriter(new StringWriter()),
        "--format",
        "json",
        "--checks",
        "schema",
        "--offline",
        "--no-catalog",
        "--cache-dir",
        cache.toString(),
        CASES.resolve(name).toString());
    for (JsonNode finding : JsonMapper.builder().build().readTree(out.toString()).get("findings")) {
      String message = finding.get("message").asString();
      assertThat(message).doesNotContain("$.").doesNotContain("#/$defs").doesNotStartWith("/");
    }
  }
}
