package dev.homelab.core.cli;

import dev.homelab.core.ToolInfo;
import dev.homelab.core.change.BaseTree;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.discovery.FileDiscovery;
import dev.homelab.core.discovery.IgnoreRules;
import dev.homelab.core.finding.CoreRules;
import dev.homelab.core.finding.Exemptions;
import dev.homelab.core.finding.FailOn;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.Report;
import dev.homelab.core.finding.Restatements;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.render.Renderer;
import dev.homelab.core.render.Renderers;
import dev.homelab.core.source.FileModes;
import dev.homelab.core.source.IoReasons;
import dev.homelab.core.workspace.ProjectPaths;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

/**
 * The pipeline every command shares: find the tree, load it, run the checks, apply exemptions,
 * render, and decide the exit code.
 */
public final class ToolRun {

  /** What a run produced, for callers (the generator's gate) that act on it. */
  public record Outcome(Workspace workspace, Report report, int exitCode) {}

  private ToolRun() {}

  /** Runs the command's checks and writes the report to {@code out} and to every --output file. */
  public static int execute(
      String tool, CommonOptions options, List<CheckSuite> suites, PrintWriter out, PrintWriter err)
      throws Exception {
    Timings.clear();
    // Read before the work, so a mistyped option fails at once rather than after a full run.
    int threads = options.threads();
    FailOn failOn = options.failOn();
    options.format();
    options.outputs();
    if (namesNoLabFile(options, err)) {
      write(
          new Report(
              tool,
              ToolInfo.version(),
              catalogue(suites),
              List.of(),
              new Report.Scope(List.of(), 0)),
          options,
          out);
      return ExitCode.CLEAN;
    }
    Report report =
        inPool(
            threads,
            () -> {
              Plan plan = plan(options, err);
              if (plan.parts().size() == 1) {
                return checkPart(tool, plan.parts().get(0), plan, options, suites, err);
              }
              // One lab after the other, as the suites share a base revision that follows the lab
              // being checked; each lab's notes on stderr start with its folder.
              List<Report> reports = new ArrayList<>();
              for (Part part : plan.parts()) {
                PrintWriter labErr = prefixed(err, plan.shown(part.tree()) + "/: ");
                reports.add(checkPart(tool, part, plan, options, suites, labErr));
              }
              return Report.merged(reports);
            });
    timed(
        "render",
        () -> {
          write(report, options, out);
          return null;
        });
    if (options.timings()) {
      Timings.print(err);
    }
    return report.fails(failOn) ? ExitCode.FINDINGS : ExitCode.CLEAN;
  }

  /** One lab's checks, with what they say on {@code err}, and its report. */
  private static Report checkPart(
      String tool,
      Part part,
      Plan plan,
      CommonOptions options,
      List<CheckSuite> suites,
      PrintWriter err)
      throws Exception {
    Scan scan = timed("load", () -> scan(part, plan, suites, err));
    if (!plan.overlay().isEmpty() && !scan.focus().isEmpty()) {
      refuseBaseRevision(scan, suites);
    }
    printNotes(scan.workspace(), suites, !options.labFilesOnly(), err);
    Scan withIgnores = leftOutByIgnoreFiles(scan, err);
    Scan reported = timed("focus", () -> widened(withIgnores, suites, err));
    return check(tool, reported, suites);
  }

  /**
   * Says on {@code err} which named files the ignore files leave out, and by which .homelabignore
   * line, since a hook's run over them alone would otherwise report 0 files and look clean; that
   * line's findings (component-ignored) are reported with the named files.
   */
  static Scan leftOutByIgnoreFiles(Scan scan, PrintWriter err) {
    if (scan.focus().isEmpty()) {
      return scan;
    }
    Workspace workspace = scan.workspace();
    Set<Path> loaded = workspace.foundPaths();
    Path top = workspace.displayRoot().toAbsolutePath().normalize();
    Map<IgnoreRules.Line, List<Path>> byLine = new TreeMap<>(IGNORE_LINE_ORDER);
    List<Path> otherwise = new ArrayList<>();
    for (Path named : scan.focus()) {
      if (!Files.isRegularFile(named, LinkOption.NOFOLLOW_LINKS)
          || !named.startsWith(top)
          || loaded.contains(named)) {
        continue;
      }
      IgnoreRules.leavingOut(top, named, false)
          .ifPresentOrElse(
              line -> byLine.computeIfAbsent(line, l -> new ArrayList<>()).add(named),
              () -> otherwise.add(named));
    }
    if (byLine.isEmpty() && otherwise.isEmpty()) {
      return scan;
    }
    List<Path> focus = new ArrayList<>(scan.focus());
    if (err != null) {
      byLine.forEach(
          (line, files) ->
              err.println(
                  "note: `"
                      + line.text()
                      + "` at "
                      + shownFrom(top, line.file())
                      + ":"
                      + line.number()
                      + " leaves out "
                      + named(files, top)));
      if (!otherwise.isEmpty()) {
        err.println(
            "note: git's ignore files or a .git, target or node_modules folder leave out "
                + named(otherwise, top));
      }
      err.flush();
    }
    byLine.keySet().forEach(line -> focus.add(line.file()));
    return new Scan(workspace, List.copyOf(focus));
  }

  private static final Comparator<IgnoreRules.Line> IGNORE_LINE_ORDER =
      Comparator.comparing((IgnoreRules.Line line) -> line.file())
          .thenComparingInt(IgnoreRules.Line::number);

  /** "1 named file, which is not checked: a" or "3 named files, which are not checked: ...". */
  private static String named(List<Path> files, Path top) {
    List<String> shown = files.stream().sorted().limit(3).map(f -> shownFrom(top, f)).toList();
    return files.size()
        + (files.size() == 1
            ? " named file, which is not checked: "
            : " named files, which are not checked: ")
        + String.join(", ", shown)
        + (files.size() > 3 ? ", ..." : "");
  }

  private static String shownFrom(Path top, Path file) {
    return top.relativize(file).toString().replace('\\', '/');
  }

  /**
   * A base revision is compared with the files on disk, which would miss what standard input
   * changes in the file it stands for, so the two are refused together rather than half-checked.
   */
  private static void refuseBaseRevision(Scan scan, List<CheckSuite> suites) throws Exception {
    for (CheckSuite suite : suites) {
      if (suite.baseTree(scan.workspace(), scan::inFocus).isPresent()) {
        throw new UsageException(
            "--base compares the files on disk with the revision, so it cannot take standard"
                + " input (-) checked as a file of the lab; save the file and name it instead");
      }
    }
  }

  /** Work that may throw, for the pool and timing helpers. */
  public interface Work<T> {
    T run() throws Exception;
  }

  /** Runs {@code work} so that its parallel streams use {@code threads} threads. */
  public static <T> T inPool(int threads, Work<T> work) throws Exception {
    if (threads == Runtime.getRuntime().availableProcessors()) {
      return work.run();
    }
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      return pool.submit(
              () -> {
                try {
                  return work.run();
                } catch (Exception e) {
                  throw new CompletionException(e);
                }
              })
          .get();
    } catch (ExecutionException e) {
      throw thrownBy(e);
    } finally {
      pool.shutdown();
    }
  }

  /** What the work inside a pool or stream threw, without the wrappers that carried it out. */
  private static Exception thrownBy(Exception wrapper) {
    Throwable cause = wrapper;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof Exception exception ? exception : wrapper;
  }

  /** Runs {@code work} and records its duration under {@code phase}. */
  public static <T> T timed(String phase, Work<T> work) throws Exception {
    long start = System.nanoTime();
    try {
      return work.run();
    } finally {
      Timings.record(phase, Duration.ofNanos(System.nanoTime() - start), "");
    }
  }

  /**
   * What a run checks: the loaded workspace, and the files to report on. When the paths named are
   * files or folders inside a tree with homelab.yaml, the whole tree is loaded, so that rules that
   * look across objects see their context, but only findings in the named paths are reported: that
   * is what a pre-commit hook passing the staged files needs.
   */
  public record Scan(Workspace workspace, List<Path> focus) {

    /** Whether findings in {@code displayPath} are reported. */
    public boolean inFocus(String displayPath) {
      if (focus.isEmpty()) {
        return true;
      }
      Path file = workspace.displayRoot().resolve(displayPath).toAbsolutePath().normalize();
      return focus.stream().anyMatch(file::startsWith);
    }
  }

  /**
   * What a run over some files reports on, since a change can reach beyond them: the whole tree
   * when the config is among them or a suite says so, else those files and any a suite finds newly
   * broken by the change. Why goes to {@code err}, since the report's scope alone would not say.
   */
  static Scan widened(Scan scan, List<CheckSuite> suites, PrintWriter err) throws Exception {
    if (scan.focus().isEmpty()) {
      return scan;
    }
    // The lab config decides how every file is checked, so a change to it reaches them all.
    Optional<String> reason =
        scan.workspace()
            .config()
            .map(config -> config.file().toAbsolutePath().normalize())
            .filter(config -> scan.focus().stream().anyMatch(config::startsWith))
            .map(
                config ->
                    config.getFileName() + " is among the files, and every file depends on it");
    for (CheckSuite suite : suites) {
      if (reason.isPresent()) {
        break;
      }
      reason =
          suite
              .reasonToReportWholeTree(scan.workspace(), scan::inFocus)
              .map(why -> suite.name() + ": " + why);
    }
    if (reason.isPresent()) {
      err.println(reason.get() + "; reporting on the whole tree");
      err.flush();
      return new Scan(scan.workspace(), List.of());
    }
    Optional<BaseTree> base = Optional.empty();
    for (CheckSuite suite : suites) {
      if (base.isEmpty()) {
        base = suite.baseTree(scan.workspace(), scan::inFocus);
      }
    }
    if (base.isEmpty()) {
      return scan;
    }
    Set<String> reached = new TreeSet<>();
    for (CheckSuite suite : suites) {
      reached.addAll(suite.filesAlsoReported(scan.workspace(), base.get()));
    }
    if (reached.isEmpty()) {
      return scan;
    }
    err.println(
        "the change causes new findings in "
            + reached.size()
            + " file(s) it does not touch ("
            + String.join(", ", reached.stream().limit(3).toList())
            + (reached.size() > 3 ? ", ..." : "")
            + "); reporting on them too");
    err.flush();
    List<Path> focus = new ArrayList<>(scan.focus());
    Path displayRoot = scan.workspace().displayRoot();
    reached.forEach(file -> focus.add(displayRoot.resolve(file).toAbsolutePath().normalize()));
    return new Scan(scan.workspace(), List.copyOf(focus));
  }

  /** Loads the paths of {@code options}, or the default tree when none are given. */
  public static Workspace load(CommonOptions options) throws Exception {
    return scan(options).workspace();
  }

  public static Scan scan(CommonOptions options) throws Exception {
    return scan(options, List.of(), null);
  }

  /**
   * Like {@link #scan(CommonOptions)}, letting {@code suites} prepare once the config is found, and
   * saying on {@code err} (when not null) which named paths it leaves out. When the paths belong to
   * several labs, this is the first lab's scan; {@link #execute} checks each.
   */
  static Scan scan(CommonOptions options, List<CheckSuite> suites, PrintWriter err)
      throws Exception {
    Plan plan = plan(options, err);
    return scan(plan.parts().get(0), plan, suites, err);
  }

  /**
   * What a run loads, lab by lab, and where it shows paths from.
   *
   * @param parts one per lab the named paths belong to, sorted by config (one, with no config, when
   *     they belong to none)
   * @param overlay files read from elsewhere than disk (standard input), by the path they stand for
   * @param unplaced those of them that have no name, so lie in no folder
   */
  record Plan(Path displayRoot, List<Part> parts, Map<Path, byte[]> overlay, Set<Path> unplaced) {

    Plan(Path displayRoot, List<Part> parts) {
      this(displayRoot, parts, Map.of());
    }

    Plan(Path displayRoot, List<Part> parts, Map<Path, byte[]> overlay) {
      this(displayRoot, parts, overlay, Set.of());
    }

    /** A folder as the report shows it: relative to the display root, {@code .} for the root. */
    String shown(Path folder) {
      if (!folder.startsWith(displayRoot)) {
        return folder.toString();
      }
      String relative = displayRoot.relativize(folder).toString();
      return relative.isEmpty() ? "." : relative;
    }
  }

  /**
   * One lab's share of a run.
   *
   * @param config its homelab.yaml, or null when none was found or given
   * @param load the paths to load
   * @param focus the paths to report on, or empty for everything loaded
   */
  record Part(Path config, List<Path> load, List<Path> focus) {

    /**
     * The part that loads the tree of {@code config}, with any of {@code named} outside it, and
     * reports on {@code named}.
     */
    static Part ofLab(Path config, List<Path> named) {
      Path tree = config.toAbsolutePath().normalize().getParent();
      List<Path> load = new ArrayList<>(List.of(tree));
      named.stream().filter(p -> !p.startsWith(tree)).forEach(load::add);
      return new Part(
          config, List.copyOf(load), named.contains(tree) ? List.of() : List.copyOf(named));
    }

    Path tree() {
      return config.toAbsolutePath().normalize().getParent();
    }
  }

  /**
   * Splits the named paths (or the default tree) by lab, and says on {@code err} (when not null)
   * which it leaves out: paths beside the lab in its repository, or in no lab.
   */
  private static Plan plan(CommonOptions options, PrintWriter err)
      throws FileDiscovery.NoSuchPathException {
    Path workingDir = Path.of("").toAbsolutePath();
    Optional<StandardInput> stdin =
        StandardInput.read(options.paths(), options.stdinName(), workingDir, System.in);
    if (stdin.isPresent()) {
      return plan(stdin.get(), options.config(), workingDir);
    }
    List<Path> paths = new ArrayList<>();
    for (Path path : options.paths()) {
      paths.add(path.toAbsolutePath().normalize());
    }
    if (paths.isEmpty()) {
      paths.add(
          ProjectPaths.defaultTree(workingDir)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "no path given, and "
                              + ProjectPaths.noDefaultTree(workingDir.toString()))));
    }
    for (Path path : paths) {
      // A broken symbolic link is there for git, which commits it; the walk reports it as such.
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileDiscovery.NoSuchPathException(path);
      }
    }
    Path displayRoot = ProjectPaths.displayRoot(paths.get(0), workingDir);
    Path config =
        options.config() != null ? options.config() : ProjectPaths.findConfig(paths).orElse(null);
    // Files named beside the tree found from the others are never the lab's (a staged workflow).
    Optional<Path> lab = Optional.ofNullable(config);
    List<Path> outside =
        options.config() == null ? outsideTheLab(paths, lab, options.labFilesOnly()) : List.of();
    if (!outside.isEmpty()) {
      List<Path> inside = paths.stream().filter(p -> !outside.contains(p)).toList();
      // The paths may belong to several labs (a hook's staged files, or two labs named), each
      // checked with its own config. Only the paths beside the first lab are looked up, so a run
      // over one lab's files does no more.
      Map<Path, List<Path>> byLab = otherLabs(outside);
      if (byLab.isEmpty()) {
        note(err, outside, List.of(config.getParent()), displayRoot);
        return new Plan(displayRoot, List.of(Part.ofLab(config, inside)));
      }
      byLab.merge(
          config.toAbsolutePath().normalize(),
          inside,
          (others, first) -> Stream.concat(first.stream(), others.stream()).toList());
      List<Path> inNoLab =
          outside.stream()
              .filter(p -> byLab.values().stream().noneMatch(named -> named.contains(p)))
              .toList();
      if (!inNoLab.isEmpty()) {
        note(err, inNoLab, byLab.keySet().stream().map(Path::getParent).toList(), displayRoot);
      }
      List<Part> parts = new ArrayList<>();
      byLab.forEach((labConfig, named) -> parts.add(Part.ofLab(labConfig, named)));
      return new Plan(displayRoot, List.copyOf(parts));
    }
    if (config != null) {
      Path tree = config.toAbsolutePath().normalize().getParent();
      // Files outside the tree (with --config) load beside it, so the tree's own keep their
      // context; a path above the tree loads it whole already.
      boolean someInside = paths.stream().anyMatch(p -> p.startsWith(tree));
      boolean noneAbove = paths.stream().noneMatch(p -> tree.startsWith(p) && !p.equals(tree));
      if (someInside && noneAbove) {
        return new Plan(displayRoot, List.of(Part.ofLab(config, paths)));
      }
    }
    return new Plan(displayRoot, List.of(new Part(config, List.copyOf(paths), List.of())));
  }

  /**
   * Standard input checked as one file: when --stdin-name places it in a lab, in that lab's context
   * as a named file is, reporting on it alone; otherwise on its own, with {@code config} if given,
   * else the config of the lab a run without paths would check.
   */
  private static Plan plan(StandardInput stdin, Path config, Path workingDir) {
    Path file = stdin.path();
    Map<Path, byte[]> overlay = Map.of(file, stdin.content());
    if (!stdin.named()) {
      Path lab =
          config != null
              ? config
              : ProjectPaths.defaultTree(workingDir)
                  .flatMap(tree -> ProjectPaths.findConfig(List.of(tree)))
                  .orElse(null);
      return new Plan(
          workingDir, List.of(new Part(lab, List.of(file), List.of())), overlay, Set.of(file));
    }
    Path displayRoot = ProjectPaths.displayRoot(file, workingDir);
    Path lab = config != null ? config : ProjectPaths.findConfig(List.of(file)).orElse(null);
    if (lab != null && file.startsWith(lab.toAbsolutePath().normalize().getParent())) {
      return new Plan(displayRoot, List.of(Part.ofLab(lab, List.of(file))), overlay);
    }
    return new Plan(displayRoot, List.of(new Part(lab, List.of(file), List.of())), overlay);
  }

  /**
   * The paths among {@code outside} that belong to a lab (the nearest homelab.yaml above them), by
   * that lab's config, sorted.
   */
  private static Map<Path, List<Path>> otherLabs(List<Path> outside) {
    Map<Path, List<Path>> byLab = new TreeMap<>();
    for (Path path : outside) {
      ProjectPaths.findConfig(List.of(path))
          .ifPresent(
              config ->
                  byLab
                      .computeIfAbsent(config.toAbsolutePath().normalize(), c -> new ArrayList<>())
                      .add(path));
    }
    return byLab;
  }

  /** Loads one lab's share of a run, letting {@code suites} prepare once its config is known. */
  private static Scan scan(Part part, Plan plan, List<CheckSuite> suites, PrintWriter err)
      throws Exception {
    Path displayRoot = plan.displayRoot();
    Path config = part.config();
    List<Path> load = part.load();
    if (config != null) {
      for (CheckSuite suite : suites) {
        suite.prepare(config);
      }
    }
    WorkspaceLoader.Request request = new WorkspaceLoader.Request(load, config, displayRoot);
    // The plan has looked for the config already; unnamed standard input must not find one.
    HomeLabConfig labConfig = config == null ? null : WorkspaceLoader.loadConfig(request);
    Set<Path> own = ownFiles(suites, load, labConfig, displayRoot, err);
    boolean overlaid = !own.isEmpty() || !plan.overlay().isEmpty();
    if (overlaid) {
      request = request.withOverlay(plan.overlay(), own).withUnplaced(plan.unplaced());
    }
    Workspace workspace = WorkspaceLoader.load(request, labConfig);
    return new Scan(workspace, part.focus());
  }

  /**
   * The files under {@code load} that the suites read as their own input (a schema folder inside
   * the tree), to be left out of it, saying once on {@code err} (when not null) for each kind.
   */
  public static Set<Path> ownFiles(
      List<CheckSuite> suites,
      List<Path> load,
      HomeLabConfig config,
      Path displayRoot,
      PrintWriter err) {
    Set<Path> own = new HashSet<>();
    for (CheckSuite suite : suites) {
      for (CheckSuite.OwnFiles files : suite.ownFilesUnder(load, config)) {
        if (files.files().isEmpty()) {
          continue;
        }
        own.addAll(files.files());
        if (err != null) {
          List<String> shown =
              files.files().stream()
                  .map(p -> p.startsWith(displayRoot) ? displayRoot.relativize(p) : p)
                  .map(Path::toString)
                  .sorted()
                  .toList();
          err.println(
              "note: "
                  + shown.size()
                  + " file(s) are "
                  + files.what()
                  + ", not manifests, and are not checked as such: "
                  + String.join(", ", shown.stream().limit(3).toList())
                  + (shown.size() > 3 ? ", ..." : ""));
          err.flush();
        }
      }
    }
    return own;
  }

  /**
   * Named paths in the repository of {@code lab} but outside its tree, as a pre-commit hook passes
   * a workflow or the framework's own config beside the lab's files: Argo CD syncs none of them.
   * With {@code labFilesOnly}, any named path outside the tree is one.
   */
  private static List<Path> outsideTheLab(
      List<Path> paths, Optional<Path> lab, boolean labFilesOnly) {
    if (lab.isEmpty()) {
      return List.of();
    }
    Path tree = lab.get().toAbsolutePath().normalize().getParent();
    if (labFilesOnly) {
      return paths.stream().filter(p -> !p.startsWith(tree)).toList();
    }
    Optional<Path> repository = FileDiscovery.workTreeOf(tree);
    if (repository.isEmpty()) {
      return List.of();
    }
    return paths.stream()
        .filter(p -> !p.startsWith(tree) && p.startsWith(repository.get()))
        .toList();
  }

  /**
   * Says on {@code err} what {@code suites} note about checking {@code workspace}, as a run does.
   */
  public static void printNotes(Workspace workspace, List<CheckSuite> suites, PrintWriter err) {
    printNotes(workspace, suites, true, err);
  }

  /**
   * Says on stderr that nothing was found to check (unless a hook's file list may well hold no lab
   * file), which checks a tree without homelab.yaml did not get, and what else the suites note
   * about how they check it, so that nothing passes unnoticed.
   */
  private static void printNotes(
      Workspace workspace, List<CheckSuite> suites, boolean noteNoFiles, PrintWriter err) {
    if (err == null) {
      return;
    }
    if (workspace.files().isEmpty()) {
      if (noteNoFiles) {
        err.println("note: no .yaml or .yml file under the checked paths, so nothing was checked");
        err.flush();
      }
      return;
    }
    for (CheckSuite suite : suites) {
      if (workspace.config().isEmpty()) {
        suite
            .skippedWithoutConfig()
            .ifPresent(
                skipped ->
                    err.println(
                        "note: no homelab.yaml above the checked paths, so "
                            + skipped
                            + " were not checked (pass --config to check them)"));
      }
      suite.notes(workspace).forEach(note -> err.println("note: " + note));
    }
    err.flush();
  }

  private static void note(
      PrintWriter err, List<Path> outside, List<Path> trees, Path displayRoot) {
    if (err == null) {
      return;
    }
    List<String> shown =
        outside.stream()
            .limit(3)
            .map(
                p ->
                    p.startsWith(displayRoot) ? displayRoot.relativize(p).toString() : p.toString())
            .toList();
    List<String> shownTrees =
        trees.stream()
            .map(tree -> (tree.startsWith(displayRoot) ? displayRoot.relativize(tree) : tree) + "/")
            .toList();
    err.println(
        outside.size()
            + (trees.size() == 1
                ? " named path(s) lie outside the lab's tree ("
                : " named path(s) lie outside the labs' trees (")
            + String.join(", ", shownTrees)
            + "), which Argo CD does not sync, and are not checked: "
            + String.join(", ", shown)
            + (outside.size() > 3 ? ", ..." : ""));
    err.flush();
  }

  /**
   * {@code err} with {@code prefix} at the start of each line, so that the notes of one lab of
   * several say which lab they are about.
   */
  private static PrintWriter prefixed(PrintWriter err, String prefix) {
    return new PrintWriter(
        new Writer() {
          private boolean lineStart = true;

          @Override
          public void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
              if (lineStart) {
                err.write(prefix);
                lineStart = false;
              }
              err.write(chars[i]);
              lineStart = chars[i] == '\n';
            }
          }

          @Override
          public void flush() {
            err.flush();
          }

          @Override
          public void close() {
            flush();
          }
        });
  }

  /** A suite's findings, timed; a checked exception comes out wrapped, for the stream. */
  private static List<Finding> timedCheck(CheckSuite suite, Scan scan) {
    try {
      return timed("check " + suite.name(), () -> suite.check(scan.workspace(), scan::inFocus));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  /** Runs the suites over a loaded workspace and builds the report with exemptions applied. */
  public static Report check(String tool, Workspace workspace, List<CheckSuite> suites)
      throws Exception {
    return check(tool, new Scan(workspace, List.of()), suites);
  }

  /** Like {@link #check(String, Workspace, List)}, reporting only findings in the scan's focus. */
  public static Report check(String tool, Scan scan, List<CheckSuite> suites) throws Exception {
    Workspace workspace = scan.workspace();
    List<Finding> findings = new ArrayList<>(workspace.loadFindings());
    List<RuleInfo> catalogue = catalogue(suites);
    // Side by side, as a parallel stream so that --threads holds: on a cold JVM each suite is
    // mostly class loading and interpreted code, so one after the other left a core idle.
    try {
      findings.addAll(
          suites.parallelStream().flatMap(suite -> timedCheck(suite, scan).stream()).toList());
    } catch (CompletionException e) {
      throw thrownBy(e);
    }
    Exemptions exemptions =
        Exemptions.of(
            workspace.config().orElse(null),
            workspace.resources(),
            workspace.displayRoot(),
            today());
    // After exemptions, so that an exemption of either rule of a restated pair silences the fact.
    List<Finding> applied =
        Restatements.fold(exemptions.apply(findings, catalogue), catalogue).stream()
            .filter(f -> scan.inFocus(f.location().file()))
            .toList();
    List<String> files =
        workspace.files().stream()
            .map(f -> f.source().displayPath())
            .filter(scan::inFocus)
            .toList();
    long resources = workspace.resources().stream().filter(r -> scan.inFocus(r.file())).count();
    return new Report(
        tool, ToolInfo.version(), catalogue, applied, new Report.Scope(files, (int) resources));
  }

  /** The rules a run can report: the core's, then each suite's, the first of an id winning. */
  private static List<RuleInfo> catalogue(List<CheckSuite> suites) {
    Map<String, RuleInfo> catalogue = new LinkedHashMap<>();
    CoreRules.ALL.forEach(rule -> catalogue.put(rule.id(), rule));
    suites.forEach(suite -> suite.rules().forEach(rule -> catalogue.putIfAbsent(rule.id(), rule)));
    return List.copyOf(catalogue.values());
  }

  /**
   * Whether a hook's run (--lab-files-only) names only files in no lab, with no homelab.yaml above
   * any of them: Argo CD syncs none of them, so there is nothing to check, and {@code err} says so.
   */
  public static boolean namesNoLabFile(CommonOptions options, PrintWriter err) {
    List<Path> paths = options.paths();
    if (!options.labFilesOnly()
        || options.config() != null
        || paths.isEmpty()
        || !paths.stream().allMatch(path -> Files.exists(path))
        || ProjectPaths.findConfig(paths).isPresent()) {
      return false;
    }
    err.println(
        paths.size()
            + " named path(s) belong to no lab (no homelab.yaml above them), and Argo CD syncs"
            + " none of them; nothing to check");
    err.flush();
    return true;
  }

  /**
   * Renders to stdout in --format and to each --output file, each file written atomically. Every
   * file is written to its temporary sibling first, and a device or pipe straight away before
   * stdout, so one that cannot be written leaves no report behind, not even on stdout.
   */
  public static void write(Report report, CommonOptions options, PrintWriter out)
      throws IOException {
    Report shown = options.quiet() ? report.errorsOnly() : report;
    Map<Path, String> outputs = options.outputs();
    String format = options.format();
    // Colour only on a terminal; System.console() is null when stdout is piped or redirected.
    boolean color =
        !options.noColor() && System.getenv("NO_COLOR") == null && System.console() != null;
    Renderer renderer = Renderers.forFormat(format, color).orElseThrow();
    StringBuilder text = new StringBuilder();
    renderer.render(shown, text);
    List<StagedFile> staged = new ArrayList<>();
    try {
      for (Map.Entry<Path, String> output : outputs.entrySet()) {
        StringBuilder content = new StringBuilder();
        Renderers.forFormat(output.getValue(), false).orElseThrow().render(shown, content);
        try {
          staged.add(StagedFile.stage(output.getKey(), content.toString()));
        } catch (IOException e) {
          throw cannotWrite(output.getValue(), output.getKey(), e);
        }
      }
      // A device cannot be staged, so it is written first: one that refuses (a full disk,
      // /dev/full) stops the run before stdout and the files.
      for (StagedFile file : staged) {
        if (file.direct()) {
          commit(file, outputs);
        }
      }
      out.print(text);
      out.flush();
      for (StagedFile file : staged) {
        if (!file.direct()) {
          commit(file, outputs);
        }
      }
    } finally {
      for (StagedFile file : staged) {
        file.discard();
      }
    }
  }

  private static void commit(StagedFile file, Map<Path, String> outputs) {
    try {
      file.commit();
    } catch (IOException e) {
      throw cannotWrite(outputs.get(file.named()), file.named(), e);
    }
  }

  private static UsageException cannotWrite(String format, Path file, IOException e) {
    return new UsageException(
        "--output "
            + format
            + "="
            + file
            + ": cannot write the report there ("
            + IoReasons.of(e)
            + ")");
  }

  /**
   * A report written beside its file, to be moved over it. A file reached through a symbolic link
   * is written where the link points, as a shell redirection would; a device or a pipe, such as
   * /dev/null or a process substitution, is written to directly, since it cannot be replaced.
   *
   * @param temp the temporary sibling, or null when the report goes straight to the target
   * @param madeFolders the folders made for it, outermost first, removed again unless it lands
   */
  private record StagedFile(
      Path named, Path target, Path temp, String content, List<Path> madeFolders) {

    static StagedFile stage(Path named, String content) throws IOException {
      Path absolute = named.toAbsolutePath();
      if (Files.isDirectory(absolute)) {
        throw new FileSystemException(absolute.toString(), null, "it is a folder");
      }
      if (Files.exists(absolute)) {
        if (!Files.isRegularFile(absolute)) {
          return new StagedFile(named, absolute, null, content, new ArrayList<>());
        }
        absolute = absolute.toRealPath();
      }
      boolean replacing = Files.exists(absolute);
      StagedFile staged = new StagedFile(named, absolute, null, content, new ArrayList<>());
      try {
        staged.makeFolders(absolute.getParent());
        staged = new StagedFile(named, absolute, newSibling(absolute), content, staged.madeFolders);
        try (Writer writer = Files.newBufferedWriter(staged.temp, StandardCharsets.UTF_8)) {
          writer.write(content);
        }
        if (replacing) {
          FileModes.copy(absolute, staged.temp);
        }
      } catch (IOException e) {
        staged.discard();
        throw e;
      }
      return staged;
    }

    private void makeFolders(Path folder) throws IOException {
      List<Path> missing = new ArrayList<>();
      for (Path at = folder; at != null && !Files.isDirectory(at); at = at.getParent()) {
        missing.add(0, at);
      }
      for (Path at : missing) {
        Files.createDirectory(at);
        madeFolders.add(at);
      }
    }

    /** Whether the report goes straight into a device or pipe instead of a staged file. */
    boolean direct() {
      return temp == null;
    }

    void commit() throws IOException {
      if (direct()) {
        try (Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
          writer.write(content);
        }
      } else {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      madeFolders.clear();
    }

    /**
     * Removes what a report that did not land left behind; best effort, as its own error is told.
     */
    void discard() {
      try {
        if (temp != null) {
          Files.deleteIfExists(temp);
        }
        for (int i = madeFolders.size() - 1; i >= 0; i--) {
          Files.deleteIfExists(madeFolders.get(i));
        }
      } catch (IOException e) {
        // A folder another process has filled since is left alone.
      }
    }
  }

  /** A new empty file beside {@code file}; created exclusively, so it never follows a link. */
  private static Path newSibling(Path file) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path temp =
          file.resolveSibling(
              "." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
      try {
        return Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 9) {
          throw e;
        }
      }
    }
  }

  static LocalDate today() {
    String fixed = System.getProperty("homelab.today");
    return fixed != null ? LocalDate.parse(fixed) : LocalDate.now();
  }
}
