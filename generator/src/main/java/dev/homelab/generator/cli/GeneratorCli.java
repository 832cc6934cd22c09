package dev.homelab.generator.cli;

import dev.homelab.core.cli.CheckSuite;
import dev.homelab.core.cli.Cli;
import dev.homelab.core.cli.CommonOptions;
import dev.homelab.core.cli.ExitCode;
import dev.homelab.core.cli.Timings;
import dev.homelab.core.cli.ToolRun;
import dev.homelab.core.cli.UsageException;
import dev.homelab.core.cli.VersionProvider;
import dev.homelab.core.finding.Report;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.workspace.ProjectPaths;
import dev.homelab.generator.Generator;
import dev.homelab.generator.GeneratorOptions;
import dev.homelab.generator.gate.GateSuites;
import dev.homelab.generator.git.GitCredentials;
import dev.homelab.generator.git.GitOpsException;
import dev.homelab.policy.cli.PolicyDirOption;
import dev.homelab.validator.cli.SchemaOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar generator.jar}: refreshes the Argo CD app-of-apps and commits it. */
@Command(
    name = "generator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = {ApplyCommand.class, StatusCommand.class, CheckCommand.class},
    modelTransformer = GeneratorCli.HideStdinName.class,
    description = {
      "Refreshes the Argo CD app-of-apps under gitops/argocd/ from homelab.yaml, checks it with"
          + " the validator and the policies, and commits it.",
      "Run it anywhere inside the repository; PATHs (a folder or staged files) select the tree"
          + " of the homelab.yaml above them.",
      "A report asked for with --format (other than text) or --output is written on every run:"
          + " the validator and the policies run even when the output is up to date, under"
          + " --check, or when git, the repository's state (such as a detached HEAD to --push)"
          + " or a homelab.yaml that cannot be planned stops the run first. Their errors (or"
          + " findings at --fail-on) exit 1, except in a run that exits 2 for one of the reasons"
          + " below, whatever the report holds.",
      "Exit code 1 also means the run refused: the gate found errors, generated files have local"
          + " edits, an Application would be renamed without --allow-rename or removed without"
          + " --allow-delete, --check found stale output, or git failed (lock held, push"
          + " rejected).",
      "Exit code 2 also means a --repo that cannot be cloned, a tree in a bare repository,"
          + " --push on a detached HEAD, no commit author, commit signing that JGit cannot do"
          + " (commit.gpgSign for OpenPGP or X.509, or for SSH without a usable key), or a"
          + " homelab.yaml that cannot be planned (a component with no manifests for its"
          + " Application)."
    })
public final class GeneratorCli implements Callable<Integer> {

  @Mixin CommonOptions common;

  @Spec CommandSpec spec;

  @Option(
      names = "--repo",
      paramLabel = "PATH|URL",
      description = "Clone this repository into a temporary folder and work there.")
  String repo;

  @Option(
      names = "--author",
      paramLabel = "\"NAME <EMAIL>\"",
      description = "Commit author (default: user.name and user.email from git config).")
  String author;

  @Option(
      names = "--push",
      description =
          "Push the branch to origin after committing; on a non-fast-forward, rebase once and"
              + " retry. Credentials: HOMELAB_GIT_TOKEN for HTTPS, ~/.ssh for SSH.")
  boolean push;

  @Option(
      names = "--check",
      description =
          "Write nothing; exit 1 when the committed output is stale (for CI; in a pre-commit hook,"
              + " the output being committed).")
  boolean check;

  @Option(names = "--dry-run", description = "Write nothing; print the diff a run would make.")
  boolean dryRun;

  @Option(
      names = "--skip-checks",
      description = "Do not run the validator and the policies before writing (prints a warning).")
  boolean skipChecks;

  @Option(
      names = "--allow-rename",
      description =
          "Go ahead when an Application is renamed, which deletes the old one and its resources.")
  boolean allowRename;

  @Option(
      names = "--allow-delete",
      description =
          "Go ahead when a component's Application is removed, which deletes its resources and"
              + " their data.")
  boolean allowDelete;

  @Mixin SchemaOptions schemas;

  @Mixin PolicyDirOption policyDirs;

  /**
   * Hides the shared --stdin-name, which generate refuses with a message of its own, from its help;
   * the option stays, so that passing it gets that message rather than an unknown option's.
   */
  static final class HideStdinName implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec command) {
      OptionSpec stdinName = command.findOption("--stdin-name");
      if (stdinName != null) {
        command.remove(stdinName);
        command.addOption(stdinName.toBuilder().hidden(true).build());
      }
      return command;
    }
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    return Cli.execute(new GeneratorCli(), args);
  }

  /** Runs with the given streams, for tests that drive the CLI in-process. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return Cli.execute(new GeneratorCli(), out, err, args);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (check && (dryRun || push)) {
      throw new UsageException("--check cannot be combined with --dry-run or --push");
    }
    if (dryRun && push) {
      throw new UsageException(
          "--dry-run writes, commits and pushes nothing, so --push would do nothing; leave out one"
              + " or the other");
    }
    if (common.paths().contains(Path.of("-")) || common.stdinName() != null) {
      throw new UsageException(
          "generate reads the lab from its folder; - (standard input) and --stdin-name are for"
              + " validate, policy and check");
    }
    if (ToolRun.namesNoLabFile(common, err)) {
      return ExitCode.CLEAN;
    }
    SortedSet<Path> trees = treesOf(common.paths(), common.labFilesOnly());
    // A hook's --check may name the staged files of several labs; anything else works on one.
    boolean eachLab = check && common.labFilesOnly() && common.config() == null;
    if (trees.size() > 1 && !eachLab) {
      throw new UsageException("the paths belong to different trees: " + trees);
    }
    // A report asked for is written on every run, so a workflow that uploads it always finds it.
    boolean report = !"text".equals(common.format()) || !common.outputs().isEmpty();
    if (report && skipChecks) {
      throw new UsageException(
          "--skip-checks runs no gate, so there is no report for --format or --output to write;"
              + " leave out one or the other");
    }
    if (report && trees.size() > 1) {
      throw new UsageException(
          "a report (--format, --output) covers one lab, and the paths belong to "
              + trees.size()
              + ": "
              + trees);
    }
    List<CheckSuite> suites =
        GateSuites.of(schemas.toOptions(true, false), null, policyDirs.directories());
    Timings.clear();
    try {
      if (trees.size() > 1) {
        int worst = ExitCode.CLEAN;
        for (Path tree : trees) {
          worst = Math.max(worst, generate(tree, suites, false, true, out, err));
        }
        return worst;
      }
      return generate(trees.isEmpty() ? null : trees.first(), suites, report, false, out, err);
    } catch (GitOpsException e) {
      err.println("error: " + e.getMessage());
      return ExitCode.FINDINGS;
    } finally {
      if (common.timings()) {
        Timings.print(err);
      }
    }
  }

  /**
   * One run of the generator on {@code tree} (null: the tree found from here); {@code reportAsked}
   * so that the gate runs even when nothing is written; {@code nameTheLab} when it is one lab of
   * several, so that its messages say which.
   */
  private int generate(
      Path tree,
      List<CheckSuite> suites,
      boolean reportAsked,
      boolean nameTheLab,
      PrintWriter out,
      PrintWriter err)
      throws Exception {
    GeneratorOptions options =
        new GeneratorOptions(
            Path.of("").toAbsolutePath(),
            tree,
            common.config(),
            repo,
            author,
            push,
            check,
            dryRun,
            skipChecks,
            allowRename,
            allowDelete,
            suites,
            reportAsked,
            common.failOn(),
            (report, blocked) -> showGateReport(report, blocked, out, err),
            GitCredentials::fromEnvironment);
    // With a machine-readable format stdout holds the gate's report alone, so messages go to err.
    PrintWriter messages = "text".equals(common.format()) ? out : err;
    return ToolRun.inPool(
        common.threads(), () -> new Generator(options, messages, err, nameTheLab).run());
  }

  /**
   * The trees the paths belong to (the folder of the homelab.yaml above each), so that a pre-commit
   * hook can pass staged file names, leaving out those in no tree when {@code labFilesOnly}; none
   * when no path is given, which leaves the tree found from here.
   */
  static SortedSet<Path> treesOf(List<Path> paths, boolean labFilesOnly) {
    SortedSet<Path> trees = new TreeSet<>();
    for (Path path : paths) {
      // A broken symbolic link that a hook names belongs to the tree it sits in, like any file.
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new UsageException("no such file or folder: " + path);
      }
      Optional<Path> config = ProjectPaths.findConfig(List.of(path));
      if (config.isEmpty() && !labFilesOnly) {
        throw new UsageException("no homelab.yaml in or above " + path);
      }
      config.ifPresent(found -> trees.add(found.toAbsolutePath().normalize().getParent()));
    }
    return trees;
  }

  /**
   * Text goes to stderr, and only when the gate stops the run; other formats always go to stdout,
   * and --output files are always written.
   */
  private void showGateReport(Report report, boolean blocked, PrintWriter out, PrintWriter err)
      throws IOException {
    boolean text = "text".equals(common.format());
    PrintWriter target = !text ? out : blocked ? err : new PrintWriter(Writer.nullWriter());
    ToolRun.write(report, common, target);
    if (!blocked) {
      err.println(
          "Gate passed: "
              + report.count(Severity.ERROR)
              + " errors, "
              + report.count(Severity.WARNING)
              + " warnings, "
              + report.exempted()
              + " exempted in "
              + report.scope().resources()
              + " resources.");
    }
  }
}
