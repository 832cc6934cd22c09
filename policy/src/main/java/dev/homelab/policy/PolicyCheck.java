package dev.homelab.policy;

import dev.homelab.core.change.BaseRevisionLoader;
import dev.homelab.core.change.BaseTree;
import dev.homelab.core.cli.CheckSuite;
import dev.homelab.core.cli.Timings;
import dev.homelab.core.cli.UsageException;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.ResourceRef;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.source.Location;
import dev.homelab.core.workspace.ValuesFile;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.yaml.Document;
import dev.homelab.core.yaml.Pointer;
import dev.homelab.policy.wasm.PolicyEvaluator;
import dev.homelab.policy.wasm.PolicyException;
import dev.homelab.policy.wasm.PolicyManifest;
import dev.homelab.policy.wasm.PolicyModule;
import dev.homelab.policy.wasm.RuleCatalog;
import dev.homelab.policy.wasm.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates the lab's policies (and any custom ones) over every manifest and Helm values file, one
 * call per document, in parallel, and turns each violation's path into a positioned finding.
 */
public final class PolicyCheck implements CheckSuite {

  private static final String SINCE = "0.1.0";

  /**
   * A policy, the catalogue that describes its rules, the kinds it reads from {@code data.index}
   * (empty for every kind, as custom policies get), and whether it is a custom one, the user's to
   * fix when it fails; the module may still be loading, so that compiling the Wasm overlaps with
   * reading the tree.
   */
  public record LoadedPolicy(
      Future<PolicyModule> module,
      RuleCatalog catalog,
      Optional<Set<String>> indexKinds,
      boolean custom) {

    /** A policy of --policy-dir. */
    public static LoadedPolicy custom(PolicyModule module, RuleCatalog catalog) {
      return new LoadedPolicy(
          CompletableFuture.completedFuture(module), catalog, Optional.empty(), true);
    }

    PolicyModule await() {
      try {
        return module.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PolicyException("interrupted while loading the policy", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException runtime
            ? runtime
            : new PolicyException("cannot load the policy", e.getCause());
      }
    }
  }

  private final List<LoadedPolicy> policies;
  private final BaseRevisionLoader base;

  public PolicyCheck(List<LoadedPolicy> policies) {
    this(policies, BaseRevisionLoader.none());
  }

  /**
   * @param base the git revision a run over named files compares with, to tell which other files
   *     the change breaks; shared with the run's other suites
   */
  public PolicyCheck(List<LoadedPolicy> policies, BaseRevisionLoader base) {
    this.policies = List.copyOf(policies);
    this.base = base;
  }

  /** The policy bundled in the jar. */
  public static PolicyCheck bundled() {
    return bundled(BaseRevisionLoader.none());
  }

  /** The policy bundled in the jar, comparing with {@code base}. */
  public static PolicyCheck bundled(BaseRevisionLoader base) {
    return new PolicyCheck(List.of(bundledPolicy()), base);
  }

  /** The bundled policy (unless left out) and the policies of each --policy-dir. */
  public static PolicyCheck withCustom(
      List<Path> directories, boolean bundled, BaseRevisionLoader base) throws IOException {
    List<LoadedPolicy> policies = new ArrayList<>();
    if (bundled) {
      policies.add(bundledPolicy());
    }
    // Only when asked for, since the generator's gate builds this on every run.
    if (!directories.isEmpty()) {
      CustomPolicies custom = new CustomPolicies(CustomPolicies.defaultCacheDir());
      Set<Path> loaded = new HashSet<>();
      // Each folder is compiled on its own, so only here can two of them declare one id.
      Map<String, String> declaredAt = new HashMap<>();
      for (Path directory : directories) {
        if (!loaded.add(directory.toAbsolutePath().normalize())) {
          continue;
        }
        for (LoadedPolicy policy : custom.load(directory)) {
          for (RuleCatalog.Rule rule : policy.catalog().rules()) {
            String earlier = declaredAt.putIfAbsent(rule.id(), rule.place());
            if (earlier != null) {
              throw new UsageException(
                  CustomPolicies.declaredAgain(rule.place(), rule.id(), earlier));
            }
          }
          policies.add(policy);
        }
      }
    }
    if (policies.isEmpty()) {
      throw new UsageException("--no-bundled needs at least one --policy-dir");
    }
    return new PolicyCheck(policies, base);
  }

  /** The bundled policy, loading on a background thread from now on. */
  public static LoadedPolicy bundledPolicy() {
    FutureTask<PolicyModule> loading = new FutureTask<>(PolicyModule::loadBundled);
    Thread thread = new Thread(loading, "policy-load");
    thread.setDaemon(true);
    thread.start();
    return new LoadedPolicy(
        loading,
        RuleCatalog.loadBundled(),
        Optional.of(PolicyManifest.loadBundled().indexKinds()),
        false);
  }

  @Override
  public String name() {
    return "policy";
  }

  @Override
  public List<RuleInfo> rules() {
    Map<String, RuleInfo> rules = new LinkedHashMap<>();
    for (LoadedPolicy policy : policies) {
      String family = policy.custom() ? RuleInfo.CUSTOM_FAMILY : RuleInfo.POLICY_FAMILY;
      for (RuleCatalog.Rule rule : policy.catalog().rules()) {
        rules.putIfAbsent(rule.id(), info(rule, family));
      }
    }
    return List.copyOf(rules.values());
  }

  /** The bundled rules' metadata, for the rule reference. */
  public static List<RuleInfo> bundledRules() {
    return RuleCatalog.loadBundled().rules().stream().map(rule -> info(rule, "policy")).toList();
  }

  static RuleInfo info(RuleCatalog.Rule rule, String family) {
    return new RuleInfo(
        rule.id(),
        family,
        rule.title().endsWith(".") ? rule.title() : rule.title() + ".",
        rule.description(),
        Severity.parse(rule.severity()),
        SINCE,
        rule.remediation(),
        rule.restates());
  }

  @Override
  public List<Finding> check(Workspace workspace) {
    return check(workspace, file -> true);
  }

  /**
   * Evaluates only the documents in focus: every violation is located in the document it was found
   * in, so the others could only add findings that would not be reported. The index in {@code data}
   * still holds the whole tree.
   */
  @Override
  public List<Finding> check(Workspace workspace, Predicate<String> inFocus) {
    HomeLabConfig config =
        workspace
            .config()
            .orElseThrow(
                () ->
                    new UsageException(
                        "policies need the lab's homelab.yaml; pass --config or check a tree that has one"));
    // Only a run over named files needs the revision, but a wrong one is an error in every run.
    base.join(workspace);
    PolicyInputs inputs = new PolicyInputs(workspace, config);
    Documents documents = Documents.of(workspace, inFocus);
    List<Finding> findings = new ArrayList<>();
    for (LoadedPolicy policy : policies) {
      byte[] data = inputs.data(policy.indexKinds());
      long waiting = System.nanoTime();
      PolicyModule module = policy.await();
      Timings.record(
          "policy load",
          module.loadTime(),
          module.source() + ", waited " + (System.nanoTime() - waiting) / 1_000_000 + " ms for it");
      long start = System.nanoTime();
      findings.addAll(evaluate(policy, inputs, data, documents));
      Timings.record(
          "policy evaluation",
          Duration.ofNanos(System.nanoTime() - start),
          documents.count() + " documents");
    }
    return findings;
  }

  @Override
  public void prepare(Path configFile) {
    base.start(configFile);
  }

  @Override
  public Optional<String> reasonToReportWholeTree(Workspace workspace, Predicate<String> inFocus) {
    return base.reasonToReportWholeTree(workspace);
  }

  @Override
  public Optional<BaseTree> baseTree(Workspace workspace, Predicate<String> inFocus)
      throws IOException {
    return base.baseTree(workspace, inFocus);
  }

  /**
   * The untouched files where a policy finds something it does not find with the base tree's {@code
   * data}: their own bytes are the same, so only the index of other objects can differ, and when it
   * does not (the change touches no object of a kind the policy reads), nothing is evaluated.
   */
  @Override
  public List<String> filesAlsoReported(Workspace workspace, BaseTree base) {
    if (workspace.config().isEmpty()) {
      return List.of();
    }
    PolicyInputs inputs = new PolicyInputs(workspace, workspace.config().get());
    PolicyInputs earlierInputs = new PolicyInputs(base.workspace(), workspace.config().get());
    Documents untouched = Documents.of(workspace, base.untouched());
    List<Finding> now = new ArrayList<>();
    List<Finding> before = new ArrayList<>();
    for (LoadedPolicy policy : policies) {
      byte[] data = inputs.data(policy.indexKinds());
      byte[] earlierData = earlierInputs.data(policy.indexKinds());
      if (!Arrays.equals(data, earlierData)) {
        long start = System.nanoTime();
        List<Finding> found = evaluate(policy, inputs, data, untouched);
        now.addAll(found);
        // Only a file with a finding now can have a new one, so only those are evaluated again.
        Set<String> withFindings = new HashSet<>();
        found.forEach(finding -> withFindings.add(finding.location().file()));
        Documents earlier = Documents.of(workspace, withFindings::contains);
        before.addAll(evaluate(policy, inputs, earlierData, earlier));
        Timings.record(
            "policy base comparison",
            Duration.ofNanos(System.nanoTime() - start),
            untouched.count() + " untouched documents, " + earlier.count() + " of them again");
      }
    }
    return base.filesWithNewFindings(now, before);
  }

  /** The manifests and Helm values files of the files {@code included} accepts, by display path. */
  private record Documents(List<Resource> resources, List<ValuesFile> valuesFiles) {

    static Documents of(Workspace workspace, Predicate<String> included) {
      return new Documents(
          workspace.resources().stream().filter(r -> included.test(r.file())).toList(),
          workspace.valuesFiles().stream()
              .filter(v -> v.document().isPresent())
              .filter(v -> included.test(v.file().source().displayPath()))
              .toList());
    }

    int count() {
      return resources.size() + valuesFiles.size();
    }
  }

  /**
   * Like {@link #evaluate(PolicyModule, PolicyInputs, byte[], Documents)}; a custom policy that
   * fails, such as with a violation that has no path, is the user's to fix, so that is a usage
   * error.
   */
  private List<Finding> evaluate(
      LoadedPolicy policy, PolicyInputs inputs, byte[] data, Documents documents) {
    List<Finding> found;
    try {
      found = evaluate(policy, policy.await(), inputs, data, documents);
    } catch (PolicyException e) {
      throw policy.custom() ? new UsageException(e.getMessage()) : e;
    }
    if (policy.custom()) {
      found.stream()
          .map(Finding::ruleId)
          .distinct()
          .filter(id -> !standsInForBundled(id))
          .forEach(
              id ->
                  CustomPolicies.ruleIdProblem(id)
                      .ifPresent(
                          problem -> {
                            throw new UsageException(policy.await().source() + ": " + problem);
                          }));
    }
    return found;
  }

  /**
   * Whether a custom policy may report under {@code id}: a build of the lab's own policy run with
   * --no-bundled in its place.
   */
  private boolean standsInForBundled(String id) {
    return policies.stream().allMatch(LoadedPolicy::custom)
        && RuleCatalog.loadBundled().find(id).isPresent();
  }

  /**
   * One policy's findings on {@code documents}, the manifests in parallel, with {@code data}; a
   * custom rule's finding under an id its package's METADATA does not declare fails it.
   */
  private List<Finding> evaluate(
      LoadedPolicy policy,
      PolicyModule module,
      PolicyInputs inputs,
      byte[] data,
      Documents documents) {
    PolicyEvaluator evaluator = module.newEvaluator();
    evaluator.setSerializedData(data);
    List<Undeclared> undeclared = Collections.synchronizedList(new ArrayList<>());
    Function<String, Set<String>> declared = declaredIds(policy);
    Map<String, Severity> severities = declaredSeverities(policy);
    List<Finding> findings =
        new ArrayList<>(
            documents.resources().parallelStream()
                .flatMap(
                    resource ->
                        findings(
                            evaluator.evaluateSerialized(inputs.manifest(resource)),
                            pointer ->
                                locate(
                                    resource.object(),
                                    pointer,
                                    resource::locate,
                                    resource::locateKey),
                            resource.ref(),
                            severities,
                            declared,
                            undeclared)
                            .stream())
                .toList());
    for (ValuesFile values : documents.valuesFiles()) {
      Document document = values.document().get();
      findings.addAll(
          findings(
              evaluator.evaluateSerialized(inputs.values(values)),
              pointer -> locate(document.root(), pointer, document::locate, document::locateKey),
              null,
              severities,
              declared,
              undeclared));
    }
    // The first in the tree's order, whichever thread found it, so the message is always the same.
    undeclared.stream()
        .min(Comparator.comparing(Undeclared::location))
        .ifPresent(
            first -> {
              throw new PolicyException(first.message(module, declared));
            });
    return findings;
  }

  /** A custom rule's finding under {@code id}, which its package declares none of. */
  private record Undeclared(String packageName, String id, Location location) {
    String message(PolicyModule module, Function<String, Set<String>> declared) {
      return module.sourceOf(packageName)
          + ": a deny or warn of package homelab.custom."
          + packageName
          + " returned rule id `"
          + id
          + "` (at "
          + location
          + "), which no METADATA of its package declares (it declares "
          + String.join(", ", declared.apply(packageName))
          + "); "
          + CustomPolicies.SAME_ID
          + "; "
          + CustomPolicies.DECLARE_IT;
    }
  }

  /**
   * The ids the METADATA of a custom policy's package declares, by the package's name under
   * homelab.custom; none for the bundled policy, and for a package without METADATA ids, whose
   * rules may report any id.
   */
  private static Function<String, Set<String>> declaredIds(LoadedPolicy policy) {
    if (!policy.custom()) {
      return packageName -> Set.of();
    }
    Map<String, Set<String>> byPackage = new HashMap<>();
    for (RuleCatalog.Rule rule : policy.catalog().rules()) {
      // The catalogue's package is the annotated rule's path, such as homelab.custom.teams.warn.
      String[] parts = rule.packageName().split("\\.");
      if (parts.length >= 3 && parts[0].equals("homelab") && parts[1].equals("custom")) {
        byPackage.computeIfAbsent(parts[2], name -> new TreeSet<>()).add(rule.id());
      }
    }
    return packageName -> byPackage.getOrDefault(packageName, Set.of());
  }

  /**
   * The severity each rule's METADATA declares, which its findings take, whether it is a deny or a
   * warn: the one rule for the bundled rules (whose build requires the two to agree) and custom
   * ones, so that findings say what --list-rules and --explain do.
   */
  private static Map<String, Severity> declaredSeverities(LoadedPolicy policy) {
    Map<String, Severity> severities = new HashMap<>();
    for (RuleCatalog.Rule rule : policy.catalog().rules()) {
      if (rule.severityDeclared()) {
        severities.put(rule.id(), Severity.parse(rule.severity()));
      }
    }
    return severities;
  }

  /** A collection is shown by its key, a scalar by its value. */
  private static Location locate(
      JsonNode root,
      String pointer,
      Function<String, Location> value,
      Function<String, Location> key) {
    JsonNode node = root.at(pointer);
    return node.isContainer() ? key.apply(pointer) : value.apply(pointer);
  }

  private List<Finding> findings(
      List<Violation> violations,
      Function<String, Location> locate,
      ResourceRef resource,
      Map<String, Severity> severities,
      Function<String, Set<String>> declared,
      List<Undeclared> undeclared) {
    List<Finding> findings = new ArrayList<>(violations.size());
    for (Violation violation : violations) {
      Severity severity =
          severities.getOrDefault(
              violation.rule(),
              violation.severity().equalsIgnoreCase("warning") ? Severity.WARNING : Severity.ERROR);
      Location location = locate.apply(Pointer.of(violation.path()));
      Set<String> ids = declared.apply(violation.packageName());
      if (!ids.isEmpty() && !ids.contains(violation.rule())) {
        undeclared.add(new Undeclared(violation.packageName(), violation.rule(), location));
      }
      findings.add(
          new Finding(violation.rule(), severity, violation.message(), location, resource, null));
    }
    return findings;
  }
}
