package dev.homelab.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One run of a tool's command in this JVM with {@code --format json}, and what it printed. */
public record JsonReportRun(int exit, String out, String err) {

  /**
   * Runs {@code command} (a picocli command object) with {@code --format json} and {@code args}.
   */
  public static JsonReportRun of(Object command, List<String> args) {
    List<String> all = new ArrayList<>(List.of("--format", "json"));
    all.addAll(args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Cli.execute(
            command, new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    return new JsonReportRun(exit, out.toString(), err.toString());
  }

  /** The findings of one rule, as {@code file: message}; the run must have ended with 0 or 1. */
  public List<String> findings(String rule) {
    assertThat(exit).as(err + out).isIn(0, 1);
    List<String> found = new ArrayList<>();
    for (JsonNode finding : JsonMapper.builder().build().readTree(out).path("findings")) {
      if (finding.path("rule").asString().equals(rule)) {
        found.add(finding.path("file").asString() + ": " + finding.path("message").asString());
      }
    }
    return found;
  }
}
