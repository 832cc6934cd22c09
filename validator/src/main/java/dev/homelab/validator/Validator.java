package dev.homelab.validator;

import dev.homelab.core.cli.BaseTree;
import dev.homelab.core.cli.CheckSuite;
import dev.homelab.core.cli.Timings;
import dev.homelab.core.cli.UsageException;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.validator.base.BaseRevision;
import dev.homelab.validator.conventions.ConventionRule;
import dev.homelab.validator.conventions.ConventionRules;
import dev.homelab.validator.conventions.LabTree;
import dev.homelab.validator.schema.SchemaCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The validator's pipeline: schema validation of every object, then the lab's conventions. Files
 * were already discovered and loaded into the workspace; exemptions and rendering happen after.
 */
public final class Validator implements CheckSuite {

  /** The check families that --checks selects. */
  public enum Family {
    SCHEMA,
    CONVENTIONS
  }

  private final Set<Family> families;
  private final boolean conventionsRequested;
  private final SchemaCheck schemaCheck;
  private final String baseRevision;
  private Path loadedFor;
  private CompletableFuture<BaseRevision> loading;
  // Keyed by identity: a workspace does not define equality.
  private final Map<Workspace, List<Finding>> conventionFindings = new ConcurrentHashMap<>();

  /**
   * @param families what to run; conventions run only when the tree has a homelab.yaml, unless they
   *     were asked for explicitly, in which case a missing config is a usage error
   */
  public Validator(Set<Family> families, boolean explicit, SchemaCheck.Options schemaOptions) {
    this(families, explicit, schemaOptions, null);
  }

  /**
   * @param baseRevision a git revision to compare objects with (for changes the API server
   *     refuses), or null for none
   */
  public Validator(
      Set<Family> families,
      boolean explicit,
      SchemaCheck.Options schemaOptions,
      String baseRevision) {
    this.families = families.isEmpty() ? EnumSet.noneOf(Family.class) : EnumSet.copyOf(families);
    this.conventionsRequested = explicit && families.contains(Family.CONVENTIONS);
    this.schemaCheck = new SchemaCheck(schemaOptions);
    this.baseRevision = baseRevision;
  }

  public static Validator defaults() {
    return new Validator(EnumSet.allOf(Family.class), false, SchemaCheck.Options.defaults());
  }

  @Override
  public String name() {
    return "validator";
  }

  @Override
  public List<RuleInfo> rules() {
    List<RuleInfo> rules = new ArrayList<>();
    if (families.contains(Family.SCHEMA)) {
      rules.addAll(schemaCheck.rules());
    }
    if (families.contains(Family.CONVENTIONS)) {
      rules.addAll(ConventionRules.infos());
    }
    return rules;
  }

  /**
   * A CRD among the files validates objects of its kinds in every file, and the lab config decides
   * how every file is checked. With a base revision, the files changed since count as named (a run
   * by hand may name fewer), and a change that removes an object is checked for what refers to it.
   */
  @Override
  public Optional<String> reasonToReportWholeTree(Workspace workspace, Predicate<String> inFocus) {
    BaseRevision base = base(workspace);
    if (families.contains(Family.SCHEMA)) {
      Optional<String> definition =
          ChangeReach.definitionAmong(workspace, inFocus, "is among the files");
      if (definition.isEmpty() && base != null) {
        definition =
            ChangeReach.definitionAmong(
                workspace,
                ChangeReach.changedSince(workspace, base),
                "changed since " + base.revision());
      }
      if (definition.isPresent()) {
        return definition;
      }
    }
    if (base == null) {
      return Optional.empty();
    }
    return ChangeReach.configChanged(workspace, base)
        .or(() -> ChangeReach.removedObjects(workspace, base));
  }

  /**
   * With a base revision and a lab config: the tree as the revision has it, built from the files
   * loaded already with the changed ones put back as they were there.
   */
  @Override
  public Optional<BaseTree> baseTree(Workspace workspace, Predicate<String> inFocus)
      throws IOException {
    BaseRevision base = base(workspace);
    if (base == null) {
      return Optional.empty();
    }
    return Optional.of(
        new BaseTree(
            ChangeReach.earlierTree(workspace, base),
            ChangeReach.untouched(workspace, base, inFocus)));
  }

  /** The untouched files where the conventions find something they do not find on the base tree. */
  @Override
  public List<String> filesAlsoReported(Workspace workspace, BaseTree earlier) {
    if (!families.contains(Family.CONVENTIONS) || workspace.config().isEmpty()) {
      return List.of();
    }
    HomeLabConfig config = workspace.config().get();
    CompletableFuture<List<Finding>> before =
        CompletableFuture.supplyAsync(
            () -> conventions(new LabTree(earlier.workspace(), config, null)));
    List<Finding> now = conventions(new LabTree(workspace, config, base(workspace)));
    return earlier.filesWithNewFindings(now, before.join());
  }

  /** The base revision, for a run with one and a lab config; null otherwise. */
  private BaseRevision base(Workspace workspace) {
    if (baseRevision == null || workspace.config().isEmpty()) {
      return null;
    }
    return joined(base(workspace.config().get().file()));
  }

  @Override
  public List<Finding> check(Workspace workspace) {
    return check(workspace, file -> true);
  }

  /** Schema checks only the files in focus; conventions compare files, so they see the tree. */
  @Override
  public List<Finding> check(Workspace workspace, Predicate<String> inFocus) {
    Optional<HomeLabConfig> config = workspace.config();
    // The base revision loads on the other core (from the moment the config was found, through
    // prepare) while the tree loads and the schemas are checked; both families use it (the CRDs'
    // transition rules, and the conventions on changed objects).
    CompletableFuture<BaseRevision> base =
        config.isPresent() ? base(config.get().file()) : CompletableFuture.completedFuture(null);
    List<Finding> findings = new ArrayList<>();
    if (families.contains(Family.SCHEMA)) {
      findings.addAll(schemaCheck.check(workspace, inFocus, () -> joined(base)));
    }
    if (families.contains(Family.CONVENTIONS) && config.isEmpty() && conventionsRequested) {
      throw new UsageException(
          "--checks conventions needs a homelab.yaml; pass --config or check a tree that has one");
    }
    if (families.contains(Family.CONVENTIONS) && config.isPresent()) {
      findings.addAll(conventions(new LabTree(workspace, config.get(), joined(base))));
    }
    return findings;
  }

  /** The conventions' findings on a tree, once per workspace: a focused run needs them first. */
  private List<Finding> conventions(LabTree tree) {
    List<Finding> known = conventionFindings.get(tree.workspace());
    if (known != null) {
      return known;
    }
    List<Finding> findings = new ArrayList<>();
    for (ConventionRule rule : ConventionRules.ALL) {
      findings.addAll(rule.check(tree));
    }
    List<Finding> earlier = conventionFindings.putIfAbsent(tree.workspace(), List.copyOf(findings));
    return earlier != null ? earlier : conventionFindings.get(tree.workspace());
  }

  /** The base revision, with a usage error or a failure rethrown as the loader threw it. */
  private static BaseRevision joined(CompletableFuture<BaseRevision> base) {
    try {
      return base.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Starts loading the base revision while the tree loads. */
  @Override
  public void prepare(Path configFile) {
    base(configFile);
  }

  /**
   * The base revision of the tree of {@code configFile}, loading on another thread; loaded once,
   * since the focus decisions and the checks all need it.
   */
  private synchronized CompletableFuture<BaseRevision> base(Path configFile) {
    if (baseRevision == null) {
      return CompletableFuture.completedFuture(null);
    }
    Path file = configFile.toAbsolutePath().normalize();
    if (!file.equals(loadedFor)) {
      loadedFor = file;
      loading = CompletableFuture.supplyAsync(() -> load(file));
    }
    return loading;
  }

  private BaseRevision load(Path configFile) {
    long start = System.nanoTime();
    BaseRevision base = BaseRevision.load(configFile, baseRevision).orElse(null);
    Timings.record("load base", Duration.ofNanos(System.nanoTime() - start), baseRevision);
    return base;
  }
}
