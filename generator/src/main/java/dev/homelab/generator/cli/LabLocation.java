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
      description =
          "The folder of homelab.yaml, or the file itself (default: the lab found from here).")
  Path tree;

  @Option(names = "--config", paramLabel = "FILE", description = "homelab.yaml to use.")
  Path config;

  /** The lab config, or empty when none is given or found and {@code required} is false. */
  Optional<HomeLabConfig> load(boolean required) throws ConfigException {
    Path workingDir = Path.of("").toAbsolutePath();
    if (config != null) {
      // The loader names a folder or a missing file as such, as for the other commands' --config.
      return Optional.of(ConfigLoader.load(config, ProjectPaths.displayRoot(config, workingDir)));
    }
    Path file;
    if (tree != null && Files.isRegularFile(tree)) {
      if (!tree.getFileName().toString().equals(HomeLabConfig.FILE_NAME)) {
        throw new UsageException(
            tree
                + " is a file; name the folder that holds homelab.yaml, or pass the file with"
                + " --config");
      }
      file = tree;
    } else {
      Optional<Path> folder =
          tree != null ? Optional.of(tree) : ProjectPaths.defaultTree(workingDir);
      file = folder.map(f -> f.resolve(HomeLabConfig.FILE_NAME)).orElse(null);
    }
    if (file == null || !Files.isRegularFile(file)) {
      if (required || tree != null) {
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
