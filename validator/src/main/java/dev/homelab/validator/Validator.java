package dev.homelab.validator;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

  @Override
  public List<Finding> check(Workspace workspace) {
    return check(workspace, file -> true);
  }

  /** Schema checks only the files in focus; conventions compare files, so they see the tree. */
  @Override
  public List<Finding> check(Workspace workspace, Predicate<String> inFocus) {
    Optional<HomeLabConfig> config = workspace.config();
    // The base revision loads on the other core while the schemas are checked; both families use
    // it (the CRDs' transition rules, and the conventions on changed objects).
    CompletableFuture<BaseRevision> base =
        baseRevision != null && config.isPresent()
            ? CompletableFuture.supplyAsync(() -> base(config.get()))
            : CompletableFuture.completedFuture(null);
    List<Finding> findings = new ArrayList<>();
    if (families.contains(Family.SCHEMA)) {
      findings.addAll(schemaCheck.check(workspace, inFocus, () -> joined(base)));
    }
    if (families.contains(Family.CONVENTIONS) && config.isEmpty() && conventionsRequested) {
      throw new UsageException(
          "--checks conventions needs a homelab.yaml; pass --config or check a tree that has one");
    }
    if (families.contains(Family.CONVENTIONS) && config.isPresent()) {
      LabTree tree = new LabTree(workspace, config.get(), joined(base));
      for (ConventionRule rule : ConventionRules.ALL) {
        findings.addAll(rule.check(tree));
      }
    }
    return findings;
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

  private BaseRevision base(HomeLabConfig config) {
    long start = System.nanoTime();
    BaseRevision base = BaseRevision.load(config, baseRevision).orElse(null);
    Timings.record("load base", Duration.ofNanos(System.nanoTime() - start), baseRevision);
    return base;
  }
}
