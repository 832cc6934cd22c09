package dev.homelab.validator.schema;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import dev.homelab.core.change.BaseRevision;
import dev.homelab.core.cli.CheckSuite;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.GroupVersionKind;
import dev.homelab.core.model.Resource;
import dev.homelab.core.schema.SchemaProblem;
import dev.homelab.core.schema.SchemaProblems;
import dev.homelab.core.source.Folders;
import dev.homelab.core.source.Location;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.yaml.Pointer;
import dev.homelab.validator.apiserver.ApiServerRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** Validates every object against its schema and reports readable, positioned findings. */
public final class SchemaCheck {

  /** The CRDs catalog that kubeconform users point at, in its {group}/{kind}_{version} layout. */
  public static final String DEFAULT_CATALOG =
      "https://raw.githubusercontent.com/datreeio/CRDs-catalog/main/{group}/{kind}_{version}.json";

  /**
   * @param strict unknown fields are errors (the default); false relaxes only unknown fields
   * @param requireSchemas a missing schema is an error instead of a warning
   * @param schemaLocations folders or templates, tried after the tree's CRDs and embedded schemas
   * @param offline never download; cached downloads are still used
   * @param catalog the remote catalog tried last, or null for none
   */
  public record Options(
      boolean strict,
      boolean requireSchemas,
      List<String> schemaLocations,
      boolean offline,
      Path cacheDir,
      String catalog) {

    public static Options defaults() {
      return new Options(
          true, false, List.of(), false, RemoteSchemaFetcher.defaultCacheDir(), DEFAULT_CATALOG);
    }
  }

  private final Options options;
  private final CelRuleEvaluator celRules;

  public SchemaCheck(Options options) {
    this.options = options;
    this.celRules =
        new CelRuleEvaluator(
            options.cacheDir() == null ? null : options.cacheDir().resolve("checked-cel-rules"));
  }

  public List<RuleInfo> rules() {
    return SchemaRules.ALL;
  }

  public List<Finding> check(Workspace workspace) {
    return check(workspace, file -> true);
  }

  /**
   * Validates the objects in files that {@code inFocus} accepts; a schema finding always lies in
   * the object's own file, while CRDs anywhere in the tree still provide schemas.
   */
  public List<Finding> check(Workspace workspace, Predicate<String> inFocus) {
    return check(workspace, inFocus, () -> null);
  }

  /** The schemas of local --schema-locations under {@code paths} that are not to be checked. */
  public List<CheckSuite.OwnFiles> ownFilesUnder(List<Path> paths, HomeLabConfig config) {
    return SchemaLocationFiles.under(options.schemaLocations(), paths, config);
  }

  /**
   * What the run should say about how it checks: that the schema cache is off, and when the lab
   * names another Kubernetes version than the embedded schemas' and no --schema-location serves it,
   * that its built-in kinds are checked against the embedded ones.
   */
  public List<String> notes(Workspace workspace) {
    List<String> notes = new ArrayList<>();
    cacheBlocked().ifPresent(notes::add);
    otherKubernetesVersion(workspace).ifPresent(notes::add);
    return notes;
  }

  /**
   * A file where the cache folder or one of its parents must be turns the cache off without a word:
   * the run still works, but downloads schemas and type-checks CEL rules again every time. An
   * explicit --cache-dir is refused for it before, so this is the default folder.
   */
  private Optional<String> cacheBlocked() {
    if (options.cacheDir() == null) {
      return Optional.empty();
    }
    return Folders.fileInTheWay(options.cacheDir())
        .map(
            blocker ->
                "the schema cache "
                    + options.cacheDir()
                    + " cannot be made, as "
                    + blocker
                    + " is a file, not a folder, so nothing is cached between runs; move that"
                    + " file away, or pass --cache-dir with another folder");
  }

  private Optional<String> otherKubernetesVersion(Workspace workspace) {
    if (workspace.config().isEmpty() || !options.schemaLocations().isEmpty()) {
      return Optional.empty();
    }
    HomeLabConfig config = workspace.config().get();
    String version = config.lab().kubernetes().version();
    if (version.equals(EmbeddedKubernetesSchemas.VERSION)) {
      return Optional.empty();
    }
    return Optional.of(
        config.locate("/kubernetes/version")
            + ": the lab runs Kubernetes "
            + version
            + ", but its built-in kinds are checked against the embedded "
            + EmbeddedKubernetesSchemas.VERSION
            + " schemas; pass --schema-location with schemas of "
            + version
            + " to check against those");
  }

  /**
   * As {@link #check(Workspace, Predicate)}, then, when {@code base} gives a revision, runs the
   * CRDs' transition rules against that revision's objects; {@code base} is asked only after the
   * other checks, so it may still be loading until then.
   */
  public List<Finding> check(
      Workspace workspace, Predicate<String> inFocus, Supplier<BaseRevision> base) {
    String kubernetesVersion =
        workspace
            .config()
            .map(c -> c.lab().kubernetes().version())
            .orElse(EmbeddedKubernetesSchemas.VERSION);
    EmbeddedKubernetesSchemas embedded = EmbeddedKubernetesSchemas.load();
    SchemaResolver resolver = resolver(workspace, kubernetesVersion, embedded);
    int minor = ApiLifecycle.minor(kubernetesVersion);
    List<Resource> inScope =
        workspace.resources().stream().filter(resource -> inFocus.test(resource.file())).toList();
    List<Finding> findings =
        new ArrayList<>(
            inScope.parallelStream()
                .flatMap(
                    resource ->
                        check(resource, resolver, embedded, minor, kubernetesVersion).stream())
                .toList());
    BaseRevision earlier = base.get();
    if (earlier != null) {
      for (Resource resource : inScope) {
        findings.addAll(checkUpdate(resource, resolver, earlier));
      }
    }
    return findings;
  }

  /**
   * The transition rules (oldSelf) of the object's CRD, against the base revision's version; on an
   * object the base lacks, the rules that allow an empty oldSelf ({@code optionalOldSelf}).
   */
  private List<Finding> checkUpdate(
      Resource resource, SchemaResolver resolver, BaseRevision earlier) {
    Optional<SchemaResolver.Resolved> resolved = resolver.lookup(resource.type()).resolved();
    Optional<Resource> before = earlier.earlierVersion(resource);
    if (resolved.isEmpty() || resolved.get().crd() == null) {
      return List.of();
    }
    CrdSchemaNode crd = resolved.get().crd();
    String context =
        before.isPresent()
            ? ", compared with " + earlier.revision()
            : ", on an object new since " + earlier.revision();
    return CrdValidationRules.checkUpdate(
            crd,
            CrdDefaults.apply(crd, resource.object()),
            before.map(b -> CrdDefaults.apply(crd, b.object())).orElse(null),
            celRules)
        .stream()
        .map(failure -> ruleFailed(resource, failure, context))
        .toList();
  }

  private static Finding ruleFailed(
      Resource resource, CrdValidationRules.Failure failure, String context) {
    String field = "`" + Pointer.toFieldPath(failure.pointer()) + "`";
    String rule = "the CRD's rule `" + failure.expression() + "`" + context;
    String message =
        failure.message().isBlank()
            ? field + " breaks " + rule
            : field + ": " + failure.message() + " (" + rule + ")";
    return finding(
        SchemaRules.VALIDATION_RULE_FAILED, resource, resource.locate(failure.pointer()), message);
  }

  private SchemaResolver resolver(
      Workspace workspace, String kubernetesVersion, EmbeddedKubernetesSchemas embedded) {
    RemoteSchemaFetcher fetcher = new RemoteSchemaFetcher(options.cacheDir(), options.offline());
    List<SchemaLocationTemplate> given =
        options.schemaLocations().stream()
            .map(location -> new SchemaLocationTemplate(location, kubernetesVersion))
            .toList();
    SchemaLocationTemplate catalog =
        options.catalog() == null
            ? null
            : new SchemaLocationTemplate(options.catalog(), kubernetesVersion);
    List<SchemaLocationTemplate> all = new ArrayList<>(given);
    if (catalog != null) {
      all.add(catalog);
    }
    ReferencedSchemas references = new ReferencedSchemas(all, fetcher);
    SchemaRegistry registry = SchemaResolver.newRegistry(references);
    CrdSchemaConverter converter = CrdSchemaConverter.withEmbeddedObjectMeta();
    List<SchemaSource> sources = new ArrayList<>();
    sources.add(new TreeCrdSchemas(workspace.resources(), converter));
    List<SchemaSource> locations = new ArrayList<>();
    for (SchemaLocationTemplate template : given) {
      locations.add(new LocationSchemas(template, fetcher, registry));
    }
    // The embedded schemas are one Kubernetes version; a lab on another gets its own first.
    if (kubernetesVersion.equals(EmbeddedKubernetesSchemas.VERSION)) {
      sources.add(embedded);
      sources.addAll(locations);
    } else {
      sources.addAll(locations);
      sources.add(embedded);
    }
    // After --schema-location, so a user's schemas for other operator versions win.
    sources.add(EmbeddedCrdSchemas.load(converter));
    if (catalog != null) {
      sources.add(new LocationSchemas(catalog, fetcher, registry));
    }
    return new SchemaResolver(sources, registry, references);
  }

  private List<Finding> check(
      Resource resource,
      SchemaResolver resolver,
      EmbeddedKubernetesSchemas embedded,
      int minor,
      String kubernetesVersion) {
    List<Finding> findings = new ArrayList<>(ApiServerRules.check(resource));
    GroupVersionKind type = resource.type();
    Optional<ApiLifecycle.Status> lifecycle = ApiLifecycle.of(type);
    if (lifecycle.isPresent() && lifecycle.get().removedBy(minor)) {
      findings.add(
          finding(
              SchemaRules.REMOVED_API_VERSION,
              resource,
              resource.locate("/apiVersion"),
              "`"
                  + type
                  + "` is not served since Kubernetes 1."
                  + lifecycle.get().removedIn()
                  + "; use "
                  + lifecycle.get().replacement()));
      return findings;
    }
    if (lifecycle.isPresent() && lifecycle.get().deprecatedBy(minor)) {
      findings.add(
          finding(
              SchemaRules.DEPRECATED_API_VERSION,
              resource,
              resource.locate("/apiVersion"),
              "`"
                  + type
                  + "` is deprecated since Kubernetes 1."
                  + lifecycle.get().deprecatedIn()
                  + "; use "
                  + lifecycle.get().replacement()));
    }
    SchemaResolver.Lookup lookup = resolver.lookup(type);
    if (lookup.resolved().isEmpty()) {
      // A newer Kubernetes than the embedded schemas may serve types they lack.
      Optional<UnknownBuiltInType.Problem> unknown =
          minor <= ApiLifecycle.minor(EmbeddedKubernetesSchemas.VERSION)
              ? UnknownBuiltInType.problem(type, embedded)
              : Optional.empty();
      findings.add(
          unknown.isPresent()
              ? finding(
                  SchemaRules.UNKNOWN_API_TYPE,
                  resource,
                  resource.locate(unknown.get().pointer()),
                  unknown.get().message())
              : schemaMissing(resource, lookup.failures(), kubernetesVersion));
      return findings;
    }
    SchemaResolver.Resolved resolved = lookup.resolved().get();
    // The API server fills in a CRD's defaults before it validates, so the checks see them too.
    JsonNode object = CrdDefaults.apply(resolved.crd(), resource.object());
    List<Error> errors = resolved.schema().validate(object);
    for (SchemaProblem problem :
        SchemaProblems.of(
            errors,
            error -> SchemaProblems.knownProperties(resolver.documentOf(resolved, error), error))) {
      if (!options.strict() && problem.kind() == SchemaProblem.Kind.UNKNOWN_FIELD) {
        continue;
      }
      Location at =
          problem.atKey()
              ? resource.locateKey(problem.pointer())
              : resource.locate(problem.pointer());
      findings.add(finding(ruleFor(problem.kind()), resource, at, problem.message()));
    }
    for (CrdValidationRules.Failure failure :
        CrdValidationRules.check(resolved.crd(), object, celRules)) {
      findings.add(ruleFailed(resource, failure, ""));
    }
    for (CrdListKeys.Duplicate duplicate : CrdListKeys.check(resolved.crd(), object)) {
      findings.add(
          finding(
              SchemaRules.DUPLICATE_LIST_ENTRY,
              resource,
              resource.locate(duplicate.pointer()),
              "`"
                  + Pointer.toFieldPath(duplicate.pointer())
                  + "` repeats the entry on line "
                  + resource.locate(duplicate.firstPointer()).line()
                  + " ("
                  + duplicate.shared()
                  + "); the list's entries must be unique"));
    }
    return findings;
  }

  private Finding schemaMissing(
      Resource resource, List<String> failures, String kubernetesVersion) {
    String message =
        "no schema for `"
            + resource.type()
            + "` (Kubernetes "
            + kubernetesVersion
            + "): add its CustomResourceDefinition to the tree or pass --schema-location"
            + (failures.isEmpty() ? "" : "; " + String.join("; ", failures));
    Finding finding =
        finding(SchemaRules.SCHEMA_MISSING, resource, resource.locate("/apiVersion"), message);
    return options.requireSchemas() ? finding.withSeverity(Severity.ERROR) : finding;
  }

  private static RuleInfo ruleFor(SchemaProblem.Kind kind) {
    return switch (kind) {
      case UNKNOWN_FIELD -> SchemaRules.UNKNOWN_FIELD;
      case WRONG_TYPE -> SchemaRules.WRONG_TYPE;
      case MISSING_REQUIRED -> SchemaRules.MISSING_REQUIRED_FIELD;
      case INVALID_VALUE -> SchemaRules.INVALID_VALUE;
    };
  }

  private static Finding finding(RuleInfo rule, Resource resource, Location at, String message) {
    return Finding.of(rule, at, resource.ref(), message);
  }
}
