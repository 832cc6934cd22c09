package dev.homelab.generator.cli;

import dev.homelab.core.cli.ExitCode;
import dev.homelab.core.cli.UsageException;
import dev.homelab.core.cli.VersionProvider;
import dev.homelab.generator.cluster.ArgoCdCluster;
import dev.homelab.generator.cluster.ArgoCdClusterException;
import dev.homelab.generator.cluster.ArgoCdClusterException.Reason;
import dev.homelab.generator.cluster.StatusJson;
import dev.homelab.generator.cluster.StatusReport;
import dev.homelab.generator.cluster.StatusTable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generator.jar status}: every Application's sync and health, as a table. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints the sync and health status of every Argo CD Application.",
      "Exit codes: 0 all Synced and Healthy, 1 anything OutOfSync, Degraded, still progressing or"
          + " with a sync requested or running"
          + " (or the API server could not be reached, with --wait only once the wait is over), 2"
          + " usage or configuration error (such as no usable kubeconfig), 3 internal error."
    })
final class StatusCommand implements Callable<Integer> {
  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
  // A longer wait is almost surely a typo, and a far longer one overflows the deadline's nanos.
  private static final Duration MAX_WAIT = Duration.ofHours(24);

  @Mixin LabLocation location;

  @Mixin ClusterOutput output;

  @Mixin KubeconfigOptions kubeconfig;

  @Spec CommandSpec spec;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      defaultValue = "0",
      description =
          "Poll until everything settles or this much time passed, e.g. 90s or 5m, at most 24h (0,"
              + " the default, reads once); an API server that cannot be reached yet, such as one"
              + " still starting, is polled again too.")
  String waitOption;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (a table and a verdict, the default) or json (one object on stdout, messages on"
              + " stderr).")
  String format;

  @Override
  public Integer call() throws Exception {
    Duration wait = parse(waitOption);
    boolean json = TextOrJson.json("status", format);
    String namespace =
        location
            .load(false)
            .map(c -> c.lab().argocd().namespace())
            .orElse(ArgoCdCluster.DEFAULT_NAMESPACE);
    try (ArgoCdCluster cluster = kubeconfig.connect(namespace)) {
      StatusReport report =
          cluster.status(wait, output.quiet() ? note -> {} : spec.commandLine().getErr()::println);
      boolean unsettledOnly = output.quiet();
      spec.commandLine()
          .getOut()
          .print(
              json
                  ? StatusJson.render(report, unsettledOnly)
                  : StatusTable.render(report, unsettledOnly));
      return report.exitCode();
    } catch (ArgoCdClusterException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return e.reason() == Reason.KUBECONFIG ? ExitCode.USAGE : ExitCode.FINDINGS;
    }
  }

  static Duration parse(String text) {
    String trimmed = text.trim();
    Matcher simple = SIMPLE_DURATION.matcher(trimmed.toLowerCase(Locale.ROOT));
    Duration duration = null;
    try {
      if (trimmed.equals("0")) {
        duration = Duration.ZERO;
      } else if (simple.matches()) {
        long amount = Long.parseLong(simple.group(1));
        duration =
            switch (simple.group(2)) {
              case "ms" -> Duration.ofMillis(amount);
              case "s" -> Duration.ofSeconds(amount);
              case "m" -> Duration.ofMinutes(amount);
              default -> Duration.ofHours(amount);
            };
      } else {
        duration = Duration.parse(trimmed);
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // Digits beyond a long, or beyond what a Duration holds, are far past the cap.
      duration = MAX_WAIT.plusDays(1);
    } catch (DateTimeParseException e) {
      // Falls through to the usage error below.
    }
    if (duration == null || duration.isNegative()) {
      throw new UsageException(
          "--wait takes a duration such as 90s, 5m, 1h or PT2M30S, not `" + text + "`");
    }
    if (duration.compareTo(MAX_WAIT) > 0) {
      throw new UsageException("--wait is at most 24h, not `" + text + "`");
    }
    return duration;
  }
}
