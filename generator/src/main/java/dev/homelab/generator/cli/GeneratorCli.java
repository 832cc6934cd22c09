package dev.homelab.generator.cli;

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

/** {@code java -jar generator.jar}: refreshes the Argo CD app-of-apps and commits it. */
@Command(
    name = "generator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Refreshes the Argo CD app-of-apps from homelab.yaml and commits it.")
public final class GeneratorCli implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return Cli.execute(new GeneratorCli(), args);
  }

  @Override
  public Integer call() throws Exception {
    List<CheckSuite> suites = List.of();
    return ToolRun.execute(
        "generator", common, suites, spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
