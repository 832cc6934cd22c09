package dev.homelab.validator.cli;

import dev.homelab.core.cli.CheckSuite;
import dev.homelab.core.cli.Cli;
import dev.homelab.core.cli.CommonOptions;
import dev.homelab.core.cli.ToolRun;
import dev.homelab.core.cli.VersionProvider;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar validator.jar [PATH...]}: schema and convention checks. */
@Command(
    name = "validator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Checks Kubernetes manifests against their schemas and the lab's conventions.")
public final class ValidatorCli implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return Cli.execute(new ValidatorCli(), args);
  }

  @Override
  public Integer call() throws Exception {
    List<CheckSuite> suites = List.of();
    return ToolRun.execute("validator", common, suites, spec.commandLine().getOut());
  }
}
