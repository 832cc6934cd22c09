package dev.homelab.validator;

import dev.homelab.core.change.BaseRevision;
import dev.homelab.core.change.BaseRevisionLoader;
import dev.homelab.core.change.BaseTree;
import dev.homelab.core.change.ChangeReach;
import dev.homelab.core.cli.CheckSuite;
import dev.homelab.core.cli.UsageException;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.validator.conventions.ConventionRule;
import dev.homelab.validator.conventions.ConventionRules;
import dev.homelab.validator.conventions.LabTree;
import dev.homelab.validator.schema.SchemaCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The validator's pipeline: schema validation of every object and the lab's conventions, side by
 * side. Files were already discovered and loaded into the workspace; exemptions and rendering
 * happen after.
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
  private final BaseRevisionLoader base;
  // Keyed by identity: a workspace does not define equality.
  private final Map<Workspace, List<Finding>> conventionFindings = new ConcurrentHashMap<>();

  /**
   * @param families what to run; conventions run only when the tree has a homelab.yaml, unless they
   *     were asked for explicitly, in which case a missing config is a usage error
   */
  public Validator(Set<Family> families, boolean explicit, SchemaCheck.Options schemaOptions) {
    this(families, explicit, schemaOptions, BaseRevisionLoader.none());
  }

  /**
   * @param base the git revision to compare objects with (for changes the API server refuses, and
   *     for what a change to some files breaks in others), shared with the run's other suites
   */
  public Validator(
      Set<Family> families,
      boolean explicit,
      SchemaCheck.Options schemaOptions,
      BaseRevisionLoader base) {
    this.families = families.isEmpty() ? EnumSet.noneOf(Family.class) : EnumSet.copyOf(families);
    this.conventionsRequested = explicit && families.contains(Family.CONVENTIONS);
    this.schemaCheck = new SchemaCheck(schemaOptions);
    this.base = base;
  }

  public static Validator defaults() {
    return new Validator(EnumSet.allOf(Family.class), false, SchemaCheck.Options.defaults());
  }

  @Override
  public String name() {
    return "validator";
  }

  @Override
  public Optional<String> skippedWithoutConfig() {
    return families.contains(Family.CONVENTIONS) && !conventionsRequested
        ? Optional.of("the lab's conventions")
        : Optional.empty();
  }

  @Override
  public List<OwnFiles> ownFilesUnder(List<Path> paths, HomeLabConfig config) {
    return schemaCheck.ownFilesUnder(paths, config);
  }

  @Override
  public List<String> notes(Workspace workspace) {
    return families.contains(Family.SCHEMA) ? schemaCheck.notes(workspace) : List.of();
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
    BaseRevision revision = base.join(workspace);
    if (families.contains(Family.SCHEMA)) {
      Optional<String> definition =
          ChangeReach.definitionAmong(workspace, inFocus, "is among the files");
      if (definition.isEmpty() && revision != null) {
        definition =
            ChangeReach.definitionAmong(
                workspace,
                ChangeReach.changedSince(workspace, revision),
                "changed since " + revision.revision());
      }
      if (definition.isPresent()) {
        return definition;
      }
    }
    return base.reasonToReportWholeTree(workspace);
  }

  @Override
  public Optional<BaseTree> baseTree(Workspace workspace, Predicate<String> inFocus)
      throws IOException {
    return base.baseTree(workspace, inFocus);
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
    List<Finding> now = conventions(new LabTree(workspace, config, base.join(workspace)));
    return earlier.filesWithNewFindings(now, before.join());
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
    config.ifPresent(found -> base.start(found.file()));
    if (families.contains(Family.CONVENTIONS) && config.isEmpty() && conventionsRequested) {
      throw new UsageException(
          "--checks conventions needs a homelab.yaml; pass --config or check a tree that has one");
    }
    List<Supplier<List<Finding>>> parts = new ArrayList<>();
    if (families.contains(Family.SCHEMA)) {
      parts.add(() -> schemaCheck.check(workspace, inFocus, () -> base.join(workspace)));
    }
    if (families.contains(Family.CONVENTIONS) && config.isPresent()) {
      parts.add(
          () -> {
            LabTree tree = new LabTree(workspace, config.get(), base.join(workspace));
            return focused(conventions(tree), tree.focused(inFocus));
          });
    }
    // Side by side: on a cold JVM both families are mostly class loading and interpreted code, so
    // one after the other left the second core idle (a parallel stream keeps --threads in force).
    return parts.parallelStream().flatMap(part -> part.get().stream()).toList();
  }

  /** The conventions' findings on a tree, once per workspace: a focused run needs them first. */
  private List<Finding> conventions(LabTree tree) {
    List<Finding> known = conventionFindings.get(tree.workspace());
    if (known != null) {
      return known;
    }
    List<Finding> findings = new ArrayList<>();
    boolean incomplete = !tree.workspace().filesNotFullyLoaded().isEmpty();
    for (ConventionRule rule : ConventionRules.ALL) {
      if (!(incomplete && rule.concludesFromAbsence())) {
        findings.addAll(rule.check(tree));
      }
    }
    List<Finding> earlier = conventionFindings.putIfAbsent(tree.workspace(), List.copyOf(findings));
    return earlier != null ? earlier : conventionFindings.get(tree.workspace());
  }

  /**
   * The conventions' findings as a run that reports only on the files {@code tree} focuses on
   * should see them: a rule that reports a clash on one of two files is checked again, so that the
   * clash lands on the named file.
   */
  private static List<Finding> focused(List<Finding> whole, LabTree tree) {
    List<ConventionRule> again =
        ConventionRules.ALL.stream().filter(ConventionRule::dependsOnFocus).toList();
    Set<String> ids = again.stream().map(rule -> rule.info().id()).collect(Collectors.toSet());
    List<Finding> findings = new ArrayList<>();
    whole.stream().filter(finding -> !ids.contains(finding.ruleId())).forEach(findings::add);
    boolean incomplete = !tree.workspace().filesNotFullyLoaded().isEmpty();
    for (ConventionRule rule : again) {
      if (!(incomplete && rule.concludesFromAbsence())) {
        findings.addAll(rule.check(tree));
      }
    }
    return findings;
  }

  /** Starts loading the base revision while the tree loads. */
  @Override
  public void prepare(Path configFile) {
    base.start(configFile);
  }
}
