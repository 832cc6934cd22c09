package dev.homelab.policy.cli;

import dev.homelab.core.change.BaseRevisionLoader;
import dev.homelab.core.cli.BaseOption;
import dev.homelab.core.cli.CheckSuite;
import dev.homelab.core.cli.Cli;
import dev.homelab.core.cli.CommonOptions;
import dev.homelab.core.cli.RuleListing;
import dev.homelab.core.cli.ToolRun;
import dev.homelab.core.cli.VersionProvider;
import dev.homelab.policy.PolicyCheck;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar policy.jar [PATH...]}: the lab's Rego policies, evaluated in the JVM. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Evaluates the lab's security and reliability policies over the manifests.")
public final class PolicyCli implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Mixin RuleListing ruleListing;

  @Mixin BaseOption base;

  @Spec CommandSpec spec;

  @Mixin PolicyDirOption policyDirs;

  @Option(
      names = "--no-bundled",
      description = "Evaluate only the --policy-dir policies, not the lab's own.")
  boolean noBundled;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return Cli.execute(new PolicyCli(), args);
  }

  @Override
  public Integer call() throws Exception {
    List<CheckSuite> suites =
        List.of(
            PolicyCheck.withCustom(
                policyDirs.directories(), !noBundled, BaseRevisionLoader.of(base.revision())));
    Integer answered =
        ruleListing.answer(
            suites, common, spec.commandLine().getOut(), "--policy-dir", "--no-bundled");
    if (answered != null) {
      return answered;
    }
    return ToolRun.execute(
        "policy", common, suites, spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
