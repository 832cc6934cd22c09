package dev.homelab.generator;

import dev.homelab.core.cli.UsageException;
import dev.homelab.core.config.ConfigException;
import dev.homelab.core.config.ConfigLoader;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.workspace.ProjectPaths;
import dev.homelab.generator.git.GitCredentials;
import dev.homelab.generator.git.GitOpsRepository;
import dev.homelab.generator.output.GeneratedOutput;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lab a run works on: its loaded homelab.yaml, the git repository holding it (opened where it
 * is, or cloned for {@code --repo}), and where the generated files go in that repository.
 */
final class Lab implements AutoCloseable {
  static final String DIAGRAM = "diagrams/app-of-apps.md";

  private final HomeLabConfig config;
  private final GitOpsRepository repository;
  private final GeneratedOutput layout;
  private final GitCredentials credentials;

  private Lab(
      HomeLabConfig config,
      GitOpsRepository repository,
      GeneratedOutput layout,
      GitCredentials credentials) {
    this.config = config;
    this.repository = repository;
    this.layout = layout;
    this.credentials = credentials;
  }

  static Lab open(GeneratorOptions options) throws ConfigException {
    GitCredentials credentials = options.credentials().get();
    GitOpsRepository repository = null;
    try {
      Path tree;
      if (options.repo() != null) {
        if (options.tree() != null || options.config() != null) {
          throw new UsageException(
              "--repo finds the tree in the clone; do not pass PATH or --config");
        }
        repository = GitOpsRepository.cloneFrom(options.repo(), credentials);
        tree = findTree(repository.workTree(), options.repo());
      } else {
        tree =
            options.tree() != null
                ? options.tree().toAbsolutePath().normalize()
                : findTree(options.workingDir(), options.workingDir().toString());
        repository = GitOpsRepository.open(tree);
      }
      Path configFile =
          options.config() != null ? options.config() : tree.resolve(HomeLabConfig.FILE_NAME);
      if (!Files.isRegularFile(configFile)) {
        throw new UsageException("no " + HomeLabConfig.FILE_NAME + " at " + configFile);
      }
      HomeLabConfig config = ConfigLoader.load(configFile, repository.workTree());
      Lab lab = new Lab(config, repository, layout(config, repository), credentials);
      repository = null;
      return lab;
    } finally {
      if (repository != null) {
        repository.close();
        credentials.close();
      }
    }
  }

  private static Path findTree(Path start, String where) {
    return ProjectPaths.defaultTree(start)
        .orElseThrow(
            () ->
                new UsageException(
                    "no gitops/ folder with " + HomeLabConfig.FILE_NAME + " found from " + where));
  }

  private static GeneratedOutput layout(HomeLabConfig config, GitOpsRepository repository) {
    Path root = config.root();
    Path generated = root.resolve(config.lab().generatedPath()).normalize();
    Path diagram = root.resolve(config.lab().docsPath()).resolve(DIAGRAM).normalize();
    Path workTree = repository.workTree();
    for (Path path : new Path[] {generated, diagram}) {
      if (!path.startsWith(workTree) || path.equals(workTree)) {
        throw new UsageException(
            "generatedPath and docsPath in "
                + config.file()
                + " must stay inside the repository "
                + workTree
                + ", but lead to "
                + path);
      }
    }
    return new GeneratedOutput(
        repository.pathOf(generated), repository.pathOf(diagram), repository.pathOf(config.file()));
  }

  HomeLabConfig config() {
    return config;
  }

  GitOpsRepository repository() {
    return repository;
  }

  GeneratedOutput layout() {
    return layout;
  }

  GitCredentials credentials() {
    return credentials;
  }

  @Override
  public void close() {
    try {
      repository.close();
    } finally {
      credentials.close();
    }
  }
}
