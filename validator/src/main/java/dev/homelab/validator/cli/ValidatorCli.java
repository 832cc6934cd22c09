package dev.homelab.validator.cli;

import dev.homelab.core.change.BaseRevisionLoader;
import dev.homelab.core.cli.BaseOption;
import dev.homelab.core.cli.CheckSuite;
import dev.homelab.core.cli.Cli;
import dev.homelab.core.cli.CommonOptions;
import dev.homelab.core.cli.RuleListing;
import dev.homelab.core.cli.ToolRun;
import dev.homelab.core.cli.UsageException;
import dev.homelab.core.cli.VersionProvider;
import dev.homelab.validator.Validator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar validator.jar [PATH...]}: schema and convention checks. */
@Command(
    name = "validator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = SchemasCommand.class,
    description = "Checks Kubernetes manifests against their schemas and the lab's conventions.")
public final class ValidatorCli implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Mixin RuleListing ruleListing;

  @Spec CommandSpec spec;

  @Option(
      names = "--checks",
      paramLabel = "FAMILIES",
      split = ",",
      description =
          "Check families, comma-separated: schema, conventions (default: both; conventions"
              + " need a homelab.yaml).")
  List<String> checks = new ArrayList<>();

  @Mixin StrictnessOptions strictness;

  @Mixin SchemaOptions schemas;

  @Mixin BaseOption base;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return Cli.execute(new ValidatorCli(), args);
  }

  @Override
  public Integer call() throws Exception {
    List<CheckSuite> suites = List.of(validator());
    Integer answered = ruleListing.answer(suites, common, spec.commandLine().getOut(), "--checks");
    if (answered != null) {
      return answered;
    }
    return ToolRun.execute(
        "validator", common, suites, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  Validator validator() {
    Set<Validator.Family> families = EnumSet.noneOf(Validator.Family.class);
    for (String check : checks) {
      try {
        families.add(Validator.Family.valueOf(check.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--checks takes schema, conventions or both, not `" + check + "`");
      }
    }
    boolean explicit = !families.isEmpty();
    if (!explicit) {
      families = EnumSet.allOf(Validator.Family.class);
    }
    return new Validator(
        families, explicit, strictness.applyTo(schemas), BaseRevisionLoader.of(base.revision()));
  }
}
