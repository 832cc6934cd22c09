package dev.homelab.generator;

import dev.homelab.core.cli.UsageException;
import dev.homelab.core.config.ConfigException;
import dev.homelab.core.config.ConfigLoader;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.config.OutputPaths;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.workspace.ProjectPaths;
import dev.homelab.generator.git.GitCredentials;
import dev.homelab.generator.git.GitOpsException;
import dev.homelab.generator.git.GitOpsRepository;
import dev.homelab.generator.model.ComponentFiles;
import dev.homelab.generator.output.GeneratedOutput;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The lab a run works on: its loaded homelab.yaml, the git repository holding it (opened where it
 * is, or cloned for {@code --repo}), and where the generated files go in that repository.
 */
final class Lab implements AutoCloseable {

  private final HomeLabConfig config;
  private final ComponentFiles componentFiles;
  private final GitOpsRepository repository;
  private final GeneratedOutput layout;
  private final GitCredentials credentials;

  private Lab(
      HomeLabConfig config,
      ComponentFiles componentFiles,
      GitOpsRepository repository,
      GeneratedOutput layout,
      GitCredentials credentials) {
    this.config = config;
    this.componentFiles = componentFiles;
    this.repository = repository;
    this.layout = layout;
    this.credentials = credentials;
  }

  static Lab open(GeneratorOptions options) throws ConfigException {
    GitCredentials credentials = options.credentials().get();
    CompletableFuture<GitOpsRepository> repository = null;
    try {
      Path tree;
      if (options.repo() != null) {
        if (options.tree() != null || options.config() != null) {
          throw new UsageException(
              "--repo finds the tree in the clone; do not pass PATH or --config");
        }
        repository = CompletableFuture.completedFuture(cloneRepo(options.repo(), credentials));
        tree = findTree(repository.join().workTree(), credentials.redact(options.repo()));
      } else {
        tree =
            options.tree() != null
                ? options.tree().toAbsolutePath().normalize()
                : findTree(options.workingDir(), options.workingDir().toString());
        // Loading homelab.yaml is mostly JVM warm-up (YAML, JSON Schema, Jackson), so the
        // repository is opened and the tree's files are found on the other core meanwhile.
        repository = CompletableFuture.supplyAsync(() -> GitOpsRepository.open(tree));
      }
      Path configFile =
          (options.config() != null ? options.config() : tree.resolve(HomeLabConfig.FILE_NAME))
              .toAbsolutePath()
              .normalize();
      if (!Files.isRegularFile(configFile)) {
        throw new UsageException("no " + HomeLabConfig.FILE_NAME + " at " + configFile);
      }
      CompletableFuture<List<SourceFile>> discovered =
          CompletableFuture.supplyAsync(() -> ComponentFiles.discover(configFile.getParent()));
      HomeLabConfig config =
          ConfigLoader.load(configFile, ProjectPaths.displayRoot(configFile, options.workingDir()));
      GitOpsRepository opened = join(repository);
      ComponentFiles files = ComponentFiles.classify(config, join(discovered));
      Lab lab = new Lab(config, files, opened, layout(config, opened), credentials);
      repository = null;
      return lab;
    } finally {
      if (repository != null) {
        repository.thenAccept(GitOpsRepository::close);
        credentials.close();
      }
    }
  }

  /** The --repo clone; a repository that cannot be cloned is a usage error of the option. */
  private static GitOpsRepository cloneRepo(String repo, GitCredentials credentials) {
    try {
      return GitOpsRepository.cloneFrom(repo, credentials);
    } catch (GitOpsException e) {
      throw new UsageException("--repo: " + e.getMessage());
    }
  }

  /** The result of work done on another thread, with its failure as if it happened here. */
  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw new GitOpsException("could not list the files of the tree: " + io.getCause(), io);
      }
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static Path findTree(Path start, String where) {
    return ProjectPaths.defaultTree(start)
        .orElseThrow(() -> new UsageException(ProjectPaths.noDefaultTree(where)));
  }

  /** A generated file must land in the repository the generator commits to, at the key's line. */
  private static GeneratedOutput layout(HomeLabConfig config, GitOpsRepository repository)
      throws ConfigException {
    List<ConfigException.Problem> outside = OutputPaths.outside(config, repository.workTree());
    if (!outside.isEmpty()) {
      throw new ConfigException(outside);
    }
    return new GeneratedOutput(
        repository.pathOf(OutputPaths.generated(config)),
        repository.pathOf(OutputPaths.diagram(config)),
        repository.pathOf(config.file()));
  }

  HomeLabConfig config() {
    return config;
  }

  /** The manifests in each component's folder. */
  ComponentFiles componentFiles() {
    return componentFiles;
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
