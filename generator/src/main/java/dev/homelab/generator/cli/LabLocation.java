package dev.homelab.generator.cli;

import dev.homelab.core.cli.UsageException;
import dev.homelab.core.config.ConfigException;
import dev.homelab.core.config.ConfigLoader;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.workspace.ProjectPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Where {@code apply} and {@code status} find homelab.yaml: PATH, --config, or the default tree.
 */
final class LabLocation {
  @Parameters(
      paramLabel = "PATH",
      arity = "0..1",
      description = "The folder of homelab.yaml (default: the lab found from here).")
  Path tree;

  @Option(names = "--config", paramLabel = "FILE", description = "homelab.yaml to use.")
  Path config;

  /** The lab config, or empty when none is given or found and {@code required} is false. */
  Optional<HomeLabConfig> load(boolean required) throws ConfigException {
    Path workingDir = Path.of("").toAbsolutePath();
    Path file = config;
    if (file == null) {
      Optional<Path> folder =
          tree != null ? Optional.of(tree) : ProjectPaths.defaultTree(workingDir);
      file = folder.map(f -> f.resolve(HomeLabConfig.FILE_NAME)).orElse(null);
    }
    if (file == null || !Files.isRegularFile(file)) {
      if (required || tree != null || config != null) {
        throw new UsageException(
            "no homelab.yaml "
                + (file == null ? "found from " + workingDir : "at " + file)
                + "; pass PATH or --config");
      }
      return Optional.empty();
    }
    return Optional.of(ConfigLoader.load(file, ProjectPaths.displayRoot(file, workingDir)));
  }
}
