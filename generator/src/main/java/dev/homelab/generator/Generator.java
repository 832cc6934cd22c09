package dev.homelab.generator;

import static dev.homelab.core.cli.ToolRun.timed;

import dev.homelab.core.cli.ExitCode;
import dev.homelab.core.cli.ToolRun;
import dev.homelab.core.cli.UsageException;
import dev.homelab.core.config.ConfigException;
import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.FailOn;
import dev.homelab.core.finding.Report;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import dev.homelab.generator.gate.GateSuites;
import dev.homelab.generator.git.DiffBase;
import dev.homelab.generator.git.GitOpsException;
import dev.homelab.generator.git.GitOpsRepository;
import dev.homelab.generator.git.PushOutcome;
import dev.homelab.generator.git.RepositoryLock;
import dev.homelab.generator.git.WriteResult;
import dev.homelab.generator.model.AppOfApps;
import dev.homelab.generator.model.ArgoObject;
import dev.homelab.generator.output.ChangeSummary;
import dev.homelab.generator.output.GeneratedOutput;
import dev.homelab.generator.output.PreviousOutput;
import dev.homelab.generator.output.Removals;
import dev.homelab.generator.output.Renames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * One refresh of the app-of-apps: load the lab, plan the Argo CD objects, detect renames, run the
 * gate, write, commit and push. Every step that refuses says why and returns exit code 1 before
 * anything is written.
 */
public final class Generator {
  private final GeneratorOptions options;
  private final PrintWriter out;
  private final PrintWriter err;
  // One lab of several in one run, so the --check verdict names its generated folder.
  private final boolean nameTheLab;
  // Whether the gate ran, and so wrote any report asked for.
  private boolean gateRan;

  public Generator(GeneratorOptions options, PrintWriter out, PrintWriter err) {
    this(options, out, err, false);
  }

  /**
   * Like {@link #Generator(GeneratorOptions, PrintWriter, PrintWriter)}, for one lab of several.
   */
  public Generator(GeneratorOptions options, PrintWriter out, PrintWriter err, boolean nameTheLab) {
    this.options = options;
    this.out = out;
    this.err = err;
    this.nameTheLab = nameTheLab;
  }

  /** Runs the refresh (or {@code --check}) and returns the exit code. */
  public int run() throws Exception {
    Lab opened;
    try {
      opened = timed("load", () -> Lab.open(options));
    } catch (GitOpsException e) {
      if (!options.report()) {
        throw e;
      }
      // A consumer that uploads the report should learn why there is none to upload.
      throw new GitOpsException(
          e.getMessage()
              + "; no report was written for --format or --output, since the gate needs the lab's"
              + " git repository",
          e);
    }
    try (Lab lab = opened) {
      AppOfApps plan;
      SortedMap<String, byte[]> files;
      try {
        plan = timed("plan", () -> AppOfApps.plan(lab.config(), lab.componentFiles()));
        files = timed("render", () -> lab.layout().render(plan));
      } catch (ConfigException | UsageException e) {
        if (!options.report()) {
          throw e;
        }
        return reportUnplannedLab(lab, e);
      }
      try {
        return refresh(lab, plan, files);
      } catch (GitOpsException | UsageException e) {
        if (options.report() && !gateRan) {
          // A refusal by git, or of the repository's state (a detached HEAD to push, no author, a
          // signing JGit cannot do), still leaves the lab to check, and a CI job its report.
          reportBeforeGate(lab, files);
        }
        throw e;
      }
    }
  }

  /**
   * A lab that loads but does not plan (a manifest component without manifests) is still checked as
   * it stands for the report asked for; the plan's error stays the verdict, exit 2.
   */
  private int reportUnplannedLab(Lab lab, Exception planError) throws Exception {
    timed("gate", () -> gatePasses(lab, Map.of(), Set.of(), false));
    if (planError instanceof ConfigException config) {
      // Cli.report would add that nothing was checked, which is no longer so.
      config
          .problems()
          .forEach(problem -> err.println(problem.location() + ": error: " + problem.message()));
      err.println("The lab config is invalid; nothing was written.");
      return ExitCode.USAGE;
    }
    throw planError;
  }

  /**
   * The gate's report for a run that git or a usage error stopped before the gate; that error stays
   * the verdict, so the gate's own is not returned.
   */
  private void reportBeforeGate(Lab lab, SortedMap<String, byte[]> files) throws Exception {
    Set<String> stale;
    try {
      stale = PreviousOutput.read(lab.repository(), lab.layout()).staleFiles(files.keySet());
    } catch (GitOpsException e) {
      err.println(
          "note: no report was written for --format or --output, since the generated files that"
              + " git tracks could not be read: "
              + e.getMessage());
      return;
    }
    timed("gate", () -> gatePasses(lab, files, stale, false));
  }

  /** The refresh (or {@code --check}) of the loaded {@code lab} to {@code files}. */
  private int refresh(Lab lab, AppOfApps plan, SortedMap<String, byte[]> files) throws Exception {
    if (options.check()) {
      SortedSet<String> stale =
          PreviousOutput.read(lab.repository(), lab.layout()).staleFiles(files.keySet());
      return withReport(lab, files, stale, checkCommitted(lab, files, stale));
    }
    GitOpsRepository repository = lab.repository();
    repository.printHooksTo(err);
    try (RepositoryLock lock = repository.lock()) {
      lock.staleLockNotice().ifPresent(notice -> err.println("note: " + notice));
      if (options.push() && !options.dryRun() && repository.isDetached()) {
        // The push would otherwise come after the commit, and name the commit as a branch.
        throw new UsageException(
            "--push pushes the checked-out branch, and HEAD is detached; check out the branch"
                + " to update (git switch BRANCH), or leave out --push");
      }
      PreviousOutput previous = PreviousOutput.read(repository, lab.layout());
      SortedSet<String> stale = previous.staleFiles(files.keySet());
      boolean localEdits = reportLocalEdits(lab);
      if (localEdits && !options.dryRun()) {
        return withReport(lab, files, stale, ExitCode.FINDINGS);
      }
      PersonIdent author = options.dryRun() ? null : repository.resolveAuthor(options.author());
      if (author != null) {
        repository.requireSigningPossible(author);
      }
      if (!refuseForeignFiles(previous, files)) {
        return withReport(lab, files, stale, ExitCode.FINDINGS);
      }
      // The gate guards writes; with nothing to write, it runs only for a report asked for.
      if (repository.pendingChanges(files, stale, DiffBase.WORKING_TREE).isEmpty()) {
        out.println("The app-of-apps under " + lab.layout().generatedFolder() + " is up to date.");
        int verdict =
            withReport(lab, files, stale, localEdits ? ExitCode.FINDINGS : ExitCode.CLEAN);
        return verdict == ExitCode.CLEAN && options.push() && !options.dryRun()
            ? push(lab)
            : verdict;
      }
      Map<String, ArgoObject> before = previous.objects();
      List<String> renames =
          Renames.detect(before.values(), plan.objects()).stream()
              .map(Renames.Rename::describe)
              .toList();
      List<String> removals =
          Removals.detect(before.values(), plan.objects()).stream()
              .map(Removals.Removal::describe)
              .toList();
      if (!deletionsAllowed(renames, options.allowRename(), "rename", "--allow-rename")
          || !deletionsAllowed(removals, options.allowDelete(), "remove", "--allow-delete")) {
        return withReport(lab, files, stale, ExitCode.FINDINGS);
      }
      if (!options.dryRun()) {
        // Checked before the gate and the write, so a refusal leaves no file changed.
        repository.requireReadyToCommit();
      }
      if (!timed("gate", () -> gatePasses(lab, files, stale, true))) {
        return ExitCode.FINDINGS;
      }
      if (options.dryRun()) {
        out.print(repository.diff(files, stale, DiffBase.WORKING_TREE));
        return localEdits ? ExitCode.FINDINGS : ExitCode.CLEAN;
      }
      WriteResult written = timed("write", () -> repository.writeAll(files, stale));
      timed(
          "commit",
          () -> commit(lab, ChangeSummary.between(before, plan.objects()), written, author));
      return options.push() ? timed("push", () -> push(lab)) : ExitCode.CLEAN;
    }
  }

  /**
   * A run that writes nothing still runs the gate when a report is asked for, so the report exists
   * and says something; its errors (or findings at --fail-on) turn {@code verdict} into 1.
   */
  private int withReport(Lab lab, Map<String, byte[]> files, Set<String> stale, int verdict)
      throws Exception {
    if (!options.report() || timed("gate", () -> gatePasses(lab, files, stale, false))) {
      return verdict;
    }
    return ExitCode.FINDINGS;
  }

  /** {@code --check}: the committed output must equal what this run would write. */
  private int checkCommitted(Lab lab, SortedMap<String, byte[]> files, Set<String> stale) {
    GitOpsRepository repository = lab.repository();
    SortedSet<String> differing = repository.pendingChanges(files, stale, DiffBase.INDEX);
    String which = nameTheLab ? " under " + lab.layout().generatedFolder() : "";
    if (differing.isEmpty()) {
      out.println("The committed app-of-apps" + which + " is up to date.");
      return ExitCode.CLEAN;
    }
    differing.forEach(path -> err.println("stale: " + path));
    err.println(
        "The committed app-of-apps"
            + which
            + " is stale ("
            + differing.size()
            + (differing.size() == 1 ? " file" : " files")
            + "); run "
            + GeneratedOutput.RUN_HINT
            // The run commits on its own, so the advice stops at running it.
            + ", which writes the refreshed files and commits them itself.");
    return ExitCode.FINDINGS;
  }

  /** Names the generated files edited by hand, which a run would overwrite; true if any. */
  private boolean reportLocalEdits(Lab lab) {
    SortedSet<String> dirty = lab.repository().dirtyPaths(lab.layout().ownedPaths());
    if (dirty.isEmpty()) {
      return false;
    }
    // A dry run goes on to print its diff, but promises none: a later refusal leaves it out.
    err.println(
        options.dryRun()
            ? "error: the generated files have uncommitted local edits, so a run without --dry-run"
                + " refuses:"
            : "error: the generated files have uncommitted local edits:");
    dirty.forEach(path -> err.println("  " + path));
    int untracked = lab.repository().untrackedPaths(dirty).size();
    // An untracked file is not rewritten, but the generator's commit would take it in.
    String why =
        untracked == 0
            ? "the generator rewrites these files and would lose the edits."
            : untracked == dirty.size()
                ? "the generator's commit would take in these untracked files."
                : "the generator rewrites the edited files and would lose the edits, and its commit"
                    + " would take in the untracked ones.";
    err.println(
        "Commit, stash or discard them ("
            + lab.repository().discardCommand(options.workingDir(), dirty)
            + "); "
            + why);
    return true;
  }

  private boolean refuseForeignFiles(PreviousOutput previous, Map<String, byte[]> files) {
    List<String> blocking = previous.foreignFiles().stream().filter(files::containsKey).toList();
    previous.foreignFiles().stream()
        .filter(path -> !files.containsKey(path))
        .forEach(path -> err.println("note: " + path + " has no generator header; left alone"));
    if (blocking.isEmpty()) {
      return true;
    }
    err.println("error: these files lack the generator's header, so they are not overwritten:");
    blocking.forEach(path -> err.println("  " + path));
    err.println("Move or delete them if the generator should own them.");
    return false;
  }

  /**
   * Whether Applications may go that take what they deployed with them: each is described as a
   * warning when {@code allowed}, else as an error, and the run refused unless the option is given.
   */
  private boolean deletionsAllowed(
      List<String> descriptions, boolean allowed, String verb, String option) {
    descriptions.forEach(
        description -> err.println((allowed ? "warning: " : "error: ") + description));
    if (descriptions.isEmpty() || allowed) {
      return true;
    }
    err.println(
        "Refusing to "
            + verb
            + " "
            + descriptions.size()
            + " Application(s); nothing was written. Pass "
            + option
            + " to go ahead.");
    return false;
  }

  /**
   * Runs the suites over the tree as it will be after the write; errors stop the run, which says
   * that nothing was written when it was {@code writing}.
   */
  private boolean gatePasses(Lab lab, Map<String, byte[]> files, Set<String> stale, boolean writing)
      throws Exception {
    if (options.skipChecks()) {
      err.println(
          "WARNING: --skip-checks: "
              + GateSuites.describe(options.suites())
              + " did NOT run over "
              + lab.repository().pathOf(lab.config().root())
              + " and the generated Applications; errors in them will be committed unchecked.");
      return true;
    }
    Path workTree = lab.repository().workTree();
    Map<Path, byte[]> overlay = new LinkedHashMap<>();
    files.forEach((path, bytes) -> overlay.put(workTree.resolve(path), bytes));
    Set<Path> hidden = new HashSet<>();
    stale.forEach(path -> hidden.add(workTree.resolve(path)));
    hidden.addAll(
        ToolRun.ownFiles(
            options.suites(), List.of(lab.config().root()), lab.config(), workTree, err));
    Workspace workspace =
        WorkspaceLoader.load(
            new WorkspaceLoader.Request(List.of(lab.config().root()), lab.config().file(), workTree)
                .withOverlay(overlay, hidden),
            lab.config());
    ToolRun.printNotes(workspace, options.suites(), err);
    Report report = ToolRun.check("generator", workspace, options.suites());
    gateRan = true;
    boolean blocked = report.fails(FailOn.ERROR) || report.fails(options.failOn());
    options.reporter().show(report, blocked);
    if (blocked) {
      err.println(
          writing
              ? "The gate found problems; nothing was written or committed."
              : "The gate found problems.");
    }
    return !blocked;
  }

  private Optional<ObjectId> commit(
      Lab lab, ChangeSummary summary, WriteResult written, PersonIdent author) {
    String message = summary.commitMessage(written.changed());
    Optional<ObjectId> commit;
    try {
      commit = lab.repository().commit(lab.layout().ownedPaths(), message, author);
    } catch (GitOpsException e) {
      // The commit puts the index back itself; the files go back too, so no half-done run remains.
      try {
        lab.repository().undo(written);
      } catch (GitOpsException undoing) {
        throw new GitOpsException(
            e.getMessage()
                + "; putting the generated files back failed too: "
                + undoing.getMessage(),
            e);
      }
      throw new GitOpsException(
          e.getMessage() + "; the generated files were put back as they were", e);
    }
    if (commit.isEmpty()) {
      out.println("Nothing to commit.");
      return commit;
    }
    String id = commit.get().abbreviate(10).name();
    boolean detached = lab.repository().isDetached();
    out.println(
        "Committed "
            + id
            + " on "
            + (detached ? "a detached HEAD" : lab.repository().currentBranch())
            + ": "
            + message.strip());
    noteUncommittedSources(lab);
    if (lab.repository().isTemporaryClone() && !options.push()) {
      err.println(
          "note: the commit was made in a temporary clone and is discarded; add --push to publish it.");
    } else if (detached) {
      // After the next checkout only HEAD's reflog knows the commit, until git prunes it.
      err.println(
          "note: HEAD is detached, so commit "
              + id
              + " is on no branch and the next checkout leaves it behind; keep it with "
              + lab.repository().git(options.workingDir())
              + " branch <name> "
              + id);
    }
    return commit;
  }

  /**
   * Names homelab.yaml and the component folders when they hold changes git does not have: the
   * commit takes only the generated files, whose Applications would then point at none of them.
   */
  private void noteUncommittedSources(Lab lab) {
    GitOpsRepository repository = lab.repository();
    List<String> sources = new ArrayList<>();
    sources.add(repository.pathOf(lab.config().file()));
    for (HomeLab.Component component : lab.config().lab().components()) {
      Path folder = lab.config().root().resolve(component.path());
      if (component.deployedByArgoCd() && folder.normalize().startsWith(repository.workTree())) {
        try {
          sources.add(repository.pathOf(folder));
        } catch (IllegalArgumentException topOfTheRepository) {
          // A component at the repository's top is covered by homelab.yaml's own entry.
        }
      }
    }
    SortedSet<String> uncommitted = repository.dirtyPaths(sources);
    if (uncommitted.isEmpty()) {
      return;
    }
    List<String> shown = uncommitted.stream().limit(5).toList();
    err.println(
        "note: the commit holds only the generated files, and Argo CD syncs what git holds; commit"
            + " the lab's files they follow too: "
            + String.join(", ", shown)
            + (uncommitted.size() > shown.size()
                ? " and " + (uncommitted.size() - shown.size()) + " more"
                : ""));
  }

  private int push(Lab lab) {
    String branch = lab.repository().currentBranch();
    PushOutcome outcome = lab.repository().push("origin", branch, lab.credentials());
    outcome.notices().forEach(notice -> err.println("note: " + notice));
    out.println(
        outcome.alreadyUpToDate()
            ? "origin/" + branch + " is already up to date."
            : "Pushed "
                + outcome.commit().abbreviate(10).name()
                + " to origin/"
                + branch
                + (outcome.rebased() ? " after rebasing onto the newer remote branch." : "."));
    return ExitCode.CLEAN;
  }
}
