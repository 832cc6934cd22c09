package dev.homelab.validator.cli;

import dev.homelab.core.cli.ExitCode;
import dev.homelab.core.cli.VersionProvider;
import dev.homelab.validator.schema.SchemaExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validator.jar schemas export DIR}: the embedded schemas in kubeconform's layouts. */
@Command(
    name = "schemas",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with the embedded Kubernetes and CRD schemas.",
    subcommands = SchemasCommand.Export.class)
final class SchemasCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCode.USAGE;
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Writes the embedded Kubernetes 1.34 schemas to DIR in kubeconform's standalone-strict"
            + " layout (DIR/v1.34.0-standalone-strict/<kind>-<group>-<version>.json) and the"
            + " embedded CRD schemas in the CRDs catalog's (DIR/<group>/<kind>_<version>.json),"
            + " so kubeconform -schema-location can use exactly the same schemas.",
        "Exit codes: 0 written, 2 usage error (such as a DIR that is a file or cannot be"
            + " written), 3 internal error."
      })
  static final class Export implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Folder to write into.")
    Path directory;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      int written = SchemaExport.write(directory);
      spec.commandLine().getOut().println("wrote " + written + " schemas to " + directory);
      return ExitCode.CLEAN;
    }
  }
}
