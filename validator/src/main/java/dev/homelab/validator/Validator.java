package dev.homelab.validator;

import dev.homelab.core.cli.CheckSuite;
import dev.homelab.core.cli.Timings;
import dev.homelab.core.cli.UsageException;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.model.Resource;
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
import java.util.stream.Collectors;

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
  private HomeLabConfig loadedFor;
  private CompletableFuture<BaseRevision> loading;

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
   * A CRD among the files validates objects of its kinds in every file; with a base revision, a
   * change that removes an object is checked for what refers to it.
   */
  @Override
  public Optional<String> reasonToReportWholeTree(Workspace workspace, Predicate<String> inFocus) {
    if (families.contains(Family.SCHEMA)) {
      Optional<Resource> definition =
          workspace.resources().stream()
              .filter(r -> r.group().equals("apiextensions.k8s.io"))
              .filter(r -> r.kind().equals("CustomResourceDefinition"))
              .filter(r -> inFocus.test(r.file()))
              .findFirst();
      if (definition.isPresent()) {
        return Optional.of(
            definition.get().ref().display()
                + " is among the files, and objects of its kinds elsewhere are validated against it");
      }
    }
    if (baseRevision == null || workspace.config().isEmpty()) {
      return Optional.empty();
    }
    BaseRevision base = joined(base(workspace.config().get()));
    if (base == null) {
      return Optional.empty();
    }
    List<Resource> removed = base.removedFrom(workspace);
    if (removed.isEmpty()) {
      return Optional.empty();
    }
    String named =
        removed.stream()
            .limit(3)
            .map(earlier -> earlier.ref().display())
            .collect(Collectors.joining(", "));
    String more = removed.size() > 3 ? " and " + (removed.size() - 3) + " more" : "";
    return Optional.of(
        "the tree no longer has "
            + named
            + more
            + " from "
            + base.revision()
            + ", and files the change does not touch may refer to "
            + (removed.size() == 1 ? "it" : "them"));
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
        config.isPresent() ? base(config.get()) : CompletableFuture.completedFuture(null);
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

  /**
   * The base revision of {@code config}'s tree, loading on another thread; loaded once per config,
   * since the focus decision and the checks both need it.
   */
  private synchronized CompletableFuture<BaseRevision> base(HomeLabConfig config) {
    if (baseRevision == null) {
      return CompletableFuture.completedFuture(null);
    }
    if (loadedFor != config) {
      loadedFor = config;
      loading = CompletableFuture.supplyAsync(() -> load(config));
    }
    return loading;
  }

  private BaseRevision load(HomeLabConfig config) {
    long start = System.nanoTime();
    BaseRevision base = BaseRevision.load(config, baseRevision).orElse(null);
    Timings.record("load base", Duration.ofNanos(System.nanoTime() - start), baseRevision);
    return base;
  }
}
