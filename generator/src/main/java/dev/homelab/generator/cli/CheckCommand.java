package dev.homelab.generator.cli;

import dev.homelab.core.cli.BaseOption;
import dev.homelab.core.cli.CheckSuite;
import dev.homelab.core.cli.CommonOptions;
import dev.homelab.core.cli.RuleListing;
import dev.homelab.core.cli.ToolRun;
import dev.homelab.core.cli.VersionProvider;
import dev.homelab.generator.gate.GateSuites;
import dev.homelab.policy.cli.PolicyDirOption;
import dev.homelab.validator.cli.SchemaOptions;
import dev.homelab.validator.cli.StrictnessOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code generator.jar check}: the validator and the policies in one JVM and one report, the same
 * checks that gate a refresh, for a pre-commit hook that would otherwise start two JVMs.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs the validator (schemas and conventions) and the lab's policies together, as one report.",
      "Given files inside a tree, checks them in the context of that tree and reports only them.",
      "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error, 3"
          + " internal error."
    })
final class CheckCommand implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Mixin RuleListing ruleListing;

  @Mixin SchemaOptions schemas;

  @Mixin StrictnessOptions strictness;

  @Mixin BaseOption base;

  @Mixin PolicyDirOption policyDirs;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<CheckSuite> suites =
        GateSuites.of(strictness.applyTo(schemas), base.revision(), policyDirs.directories());
    Integer answered =
        ruleListing.answer(suites, common, spec.commandLine().getOut(), "--policy-dir");
    if (answered != null) {
      return answered;
    }
    return ToolRun.execute(
        "check", common, suites, spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
