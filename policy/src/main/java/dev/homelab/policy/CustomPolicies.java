package dev.homelab.policy;

import dev.homelab.core.cache.CacheFolder;
import dev.homelab.core.cli.UsageException;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.finding.ToolkitRules;
import dev.homelab.policy.PolicyCheck.LoadedPolicy;
import dev.homelab.policy.wasm.PolicyEvaluator;
import dev.homelab.policy.wasm.PolicyException;
import dev.homelab.policy.wasm.PolicyModule;
import dev.homelab.policy.wasm.RuleCatalog;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Policies users add with --policy-dir. {@code .wasm} files and OPA bundles ({@code .tar.gz}) load
 * as they are; {@code .rego} files are compiled with the {@code opa} on PATH into a bundle cached
 * by the hash of their content, with an entry point that collects every {@code deny} and {@code
 * warn} of the packages under {@code homelab.custom}.
 */
final class CustomPolicies {

  static final String ENTRYPOINT = "homelab/custom_entry/violations";

  // Each violation is tagged with its package, so that a message about it can name its file; one
  // that is not an object stays as it is, for the evaluator to refuse rather than lose.
  private static final String ENTRY_MODULE =
      """
      package homelab.custom_entry

      violations contains tagged(v, name, "error") if {
      \tsome name
      \tsome v in data.homelab.custom[name].deny
      }

      violations contains tagged(v, name, "warning") if {
      \tsome name
      \tsome v in data.homelab.custom[name].warn
      }

      tagged(v, name, severity) := object.union(v, {"package": name, "severity": severity}) if {
      \tis_object(v)
      } else := v
      """;

  /** The package declaration of a .rego file that the entry point collects from. */
  private static final Pattern CUSTOM_PACKAGE =
      Pattern.compile(
          "^package\\s+homelab\\.custom(?:\\.(\\w+)|\\[\"([^\"]+)\"])\\s*(#.*)?$",
          Pattern.MULTILINE);

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Part of the cache key, changed when compiling checks more, since a cached bundle skips the
   * checks; 2 added the returned rule ids, 3 the catalogue's severityDeclared, 4 the METADATA keys
   * and repeated ids, 5 the catalogue's place, 6 a package's ids listed as their warn reports them,
   * 7 custom values that are no strings.
   */
  private static final String CHECKS = "checks 7";

  private final Path cacheDir;

  CustomPolicies(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  /** $XDG_CACHE_HOME/homelab/policies, else (also for a relative one) ~/.cache/homelab/policies. */
  static Path defaultCacheDir() {
    return CacheFolder.userCacheHome().resolve("homelab").resolve("policies");
  }

  List<LoadedPolicy> load(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new UsageException("--policy-dir " + directory + " is not a folder");
    }
    List<LoadedPolicy> policies = new ArrayList<>();
    List<Path> rego = new ArrayList<>();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".wasm") || name.endsWith(".tar.gz")) {
          policies.add(
              LoadedPolicy.custom(
                  loadModule(file, file.toString(), Map.of(), Map.of()), emptyCatalog()));
        } else if (name.endsWith(".rego") && !name.endsWith("_test.rego")) {
          rego.add(file);
        }
      }
    }
    if (!rego.isEmpty()) {
      policies.add(compile(directory, rego));
    }
    if (policies.isEmpty()) {
      throw new UsageException(
          "--policy-dir " + directory + " holds no .rego, .wasm or .tar.gz policy");
    }
    return policies;
  }

  private LoadedPolicy compile(Path directory, List<Path> sources) throws IOException {
    Path opa = findOpa();
    String key = hash(sources, opaVersion(opa));
    String source =
        sources.size() == 1 ? sources.get(0).toString() : "the .rego files in " + directory;
    Map<String, String> sourcesByPackage = filesByPackage(sources);
    Path bundle = cacheDir.resolve(key + ".tar.gz");
    Path catalog = cacheDir.resolve(key + ".rules.json");
    if (Files.isRegularFile(bundle) && Files.isRegularFile(catalog)) {
      try {
        LoadedPolicy cached = loaded(bundle, catalog, source, sourcesByPackage);
        CacheFolder.markUsed(bundle, catalog);
        return cached;
      } catch (RuntimeException | IOException e) {
        // An entry cut short (a full disk, a hand edit) is compiled again and replaced below.
      }
    }
    Path work = workFolder();
    try {
      Path built = work.resolve("bundle.tar.gz");
      Path rules = work.resolve("rules.json");
      build(opa, directory, sources, built, rules);
      LoadedPolicy compiled = loaded(built, rules, source, sourcesByPackage);
      try {
        Files.move(rules, catalog, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            built, bundle, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        pruneUnused(cacheDir, Instant.now());
      } catch (IOException e) {
        // A cache that cannot be written (a read-only home) only costs the next run the compiling.
      }
      return compiled;
    } finally {
      deleteTree(work);
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> leftovers = Files.walk(folder)) {
      for (Path path : leftovers.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /**
   * A folder to compile in: inside the cache, so the result moves in place, else a temporary one.
   */
  private Path workFolder() throws IOException {
    try {
      Files.createDirectories(cacheDir);
      return Files.createTempDirectory(cacheDir, "build");
    } catch (IOException e) {
      return Files.createTempDirectory("homelab-policy-build");
    }
  }

  /**
   * Compiles {@code sources} with the entry point into {@code bundle} and writes their catalogue to
   * {@code catalog}; only the .rego files are given to opa, since it would read any JSON or YAML
   * beside them as data that no rule sees and that the cache key does not cover.
   */
  private static void build(Path opa, Path directory, List<Path> sources, Path bundle, Path catalog)
      throws IOException {
    Path entry = bundle.resolveSibling("custom_entry.rego");
    Files.writeString(entry, ENTRY_MODULE, StandardCharsets.UTF_8);
    List<String> command =
        new ArrayList<>(
            List.of(
                opa.toString(), "build", "-t", "wasm", "-e", ENTRYPOINT, "-o", bundle.toString()));
    command.add(entry.toString());
    sources.forEach(source -> command.add(source.toString()));
    try {
      run(command, "compiling the Rego policies in " + directory);
    } catch (UsageException e) {
      // opa build says where a mistake is by line only; opa check also gives the column.
      throw compileErrors(opa, sources).map(UsageException::new).orElseThrow(() -> e);
    }
    // Each source on its own: the bundle holds opa's formatted copies, whose lines differ.
    ArrayNode annotations = JsonNodeFactory.instance.arrayNode();
    for (Path source : sources) {
      String inspected =
          run(
              List.of(opa.toString(), "inspect", "-a", "-f", "json", source.toString()),
              "reading the METADATA of " + source);
      JSON.readTree(inspected).path("annotations").forEach(annotations::add);
    }
    Map<Path, RuleNames> names = ruleNames(opa, sources);
    requireReportingPackage(directory, names);
    for (Path source : sources) {
      requireKnownMetadataKeys(source);
    }
    Map<String, Set<String>> reportedBy = new TreeMap<>();
    for (RuleNames file : names.values()) {
      for (ReturnedId returned : file.returnedIds()) {
        reportedBy.computeIfAbsent(returned.id(), id -> new TreeSet<>()).add(returned.rule());
      }
    }
    String inspected =
        JSON.writeValueAsString(
            JsonNodeFactory.instance.objectNode().set("annotations", annotations));
    Files.writeString(catalog, rulesJson(inspected, reportedBy), StandardCharsets.UTF_8);
  }

  private static LoadedPolicy loaded(
      Path bundle, Path catalog, String source, Map<String, String> sourcesByPackage)
      throws IOException {
    RuleCatalog rules;
    try (var in = Files.newInputStream(catalog)) {
      rules = RuleCatalog.read(in);
    }
    Map<String, String> placesByRule = new TreeMap<>();
    rules.rules().forEach(rule -> placesByRule.put(rule.id(), rule.place()));
    return LoadedPolicy.custom(loadModule(bundle, source, sourcesByPackage, placesByRule), rules);
  }

  /** The files that declare each package under homelab.custom, for messages about a violation. */
  private static Map<String, String> filesByPackage(List<Path> sources) throws IOException {
    Map<String, String> files = new TreeMap<>();
    for (Path source : sources) {
      Matcher declaration = CUSTOM_PACKAGE.matcher(Files.readString(source));
      if (declaration.find()) {
        String name = declaration.group(1) != null ? declaration.group(1) : declaration.group(2);
        files.merge(name, source.toString(), (one, other) -> one + " or " + other);
      }
    }
    return files;
  }

  /** The names of the rules each file defines under its package, as `opa parse` reads them. */
  private static Map<Path, RuleNames> ruleNames(Path opa, List<Path> sources) {
    Map<Path, RuleNames> names = new LinkedHashMap<>();
    for (Path source : sources) {
      JsonNode ast =
          JSON.readTree(
              run(
                  List.of(
                      opa.toString(),
                      "parse",
                      "--format",
                      "json",
                      "--json-include",
                      "locations,-comments",
                      source.toString()),
                  "parsing " + source));
      List<String> packagePath = new ArrayList<>();
      for (JsonNode part : ast.path("package").path("path")) {
        packagePath.add(part.path("value").asString());
      }
      Set<String> rules = new TreeSet<>();
      List<NotASet> notSets = new ArrayList<>();
      Set<String> declared = new TreeSet<>();
      for (JsonNode annotation : ast.path("annotations")) {
        if (annotation.path("custom").path("id").isString()) {
          declared.add(annotation.path("custom").path("id").asString());
        }
      }
      List<ReturnedId> returned = new ArrayList<>();
      for (JsonNode rule : ast.path("rules")) {
        JsonNode head = rule.path("head");
        String name = head.path("ref").path(0).path("value").asString();
        rules.add(name);
        if (REPORTING.contains(name)) {
          returnedId(source, name, rule).ifPresent(returned::add);
        }
        if (REPORTING.contains(name) && !(head.path("ref").size() == 1 && head.has("key"))) {
          notSets.add(
              new NotASet(
                  source + ":" + rule.path("location").path("row").asInt(),
                  name,
                  head.path("ref").size() == 1
                      ? "a single value (" + name + " := ... or " + name + " if ...)"
                      : "an object, whose keys " + name + "[...] or " + name + ".<key> defines"));
        }
      }
      names.put(source, new RuleNames(packagePath, rules, notSets, declared, returned));
    }
    return names;
  }

  /**
   * The rule id a deny or warn writes as a literal in its head, with the id its own METADATA
   * declares, if any; an id computed in the body is known only from its findings.
   */
  private static Optional<ReturnedId> returnedId(Path source, String name, JsonNode rule) {
    JsonNode key = rule.path("head").path("key");
    if (!key.path("type").asString().equals("object")) {
      return Optional.empty();
    }
    for (JsonNode pair : key.path("value")) {
      JsonNode field = pair.path(0);
      JsonNode value = pair.path(1);
      if (field.path("type").asString().equals("string")
          && field.path("value").asString().equals("rule")
          && value.path("type").asString().equals("string")) {
        Optional<String> metadataId = Optional.empty();
        String metadataPlace = "";
        for (JsonNode annotation : rule.path("annotations")) {
          if (annotation.path("custom").path("id").isString()) {
            metadataId = Optional.of(annotation.path("custom").path("id").asString());
            metadataPlace = source + ":" + annotation.path("location").path("row").asInt();
          }
        }
        return Optional.of(
            new ReturnedId(
                source
                    + ":"
                    + value.path("location").path("row").asInt()
                    + ":"
                    + value.path("location").path("col").asInt(),
                name,
                value.path("value").asString(),
                metadataId,
                metadataPlace));
      }
    }
    return Optional.empty();
  }

  /**
   * The id a deny or warn at {@code place} (file:line:column of the literal) returns, and the one
   * its own METADATA at {@code metadataPlace} declares.
   */
  record ReturnedId(
      String place, String rule, String id, Optional<String> metadataId, String metadataPlace) {

    /** Why the id cannot be reported, given the ids its package declares, if it cannot. */
    Optional<String> problem(Set<String> declaredInPackage) {
      if (metadataId.isPresent() && !metadataId.get().equals(id)) {
        return Optional.of(
            place
                + ": "
                + rule
                + " returns rule id `"
                + id
                + "`, but its METADATA at "
                + metadataPlace
                + " declares `"
                + metadataId.get()
                + "`; "
                + SAME_ID
                + "; correct whichever of the two is misspelt");
      }
      if (metadataId.isEmpty() && !declaredInPackage.isEmpty() && !declaredInPackage.contains(id)) {
        return Optional.of(
            place
                + ": "
                + rule
                + " returns rule id `"
                + id
                + "`, which no METADATA of its package declares (it declares "
                + String.join(", ", declaredInPackage)
                + "); "
                + SAME_ID
                + "; "
                + DECLARE_IT);
      }
      return Optional.empty();
    }
  }

  /** Why a returned id must be a declared one, and how to make it so. */
  static final String SAME_ID =
      "--list-rules, --explain, exemptions and the reports' rule descriptions know a rule by the"
          + " custom.id of its METADATA, so the \"rule\" a deny or warn returns must be that id";

  /** How to fix an id that a rule without METADATA of its own returns. */
  static final String DECLARE_IT =
      "correct the id if it is misspelt, else declare it in a METADATA block of the rule's own";

  /** A deny or warn rule at {@code place} (file:line) that defines {@code shape}, not a set. */
  record NotASet(String place, String rule, String shape) {
    String message() {
      return place
          + ": "
          + rule
          + " is not a set of violations but "
          + shape
          + "; write "
          + rule
          + " contains "
          + PolicyEvaluator.VIOLATION
          + " if { ... }, as docs/guide.md shows under \"Adding a custom Rego policy\"";
    }
  }

  /** The rules whose violations the entry point collects, as errors and warnings. */
  private static final Set<String> REPORTING = Set.of("deny", "warn");

  /**
   * A file's package, as the parts of its path under data, the rules it defines, and where a deny
   * or warn of it is not a set, which the entry point cannot collect from, the ids its METADATA
   * declares and the literal ids its deny and warn rules return.
   */
  record RuleNames(
      List<String> packagePath,
      Set<String> rules,
      List<NotASet> notSets,
      Set<String> declaredIds,
      List<ReturnedId> returnedIds) {
    String packageName() {
      return String.join(
          ".", packagePath.subList(Math.min(1, packagePath.size()), packagePath.size()));
    }

    boolean collected() {
      return packagePath.size() == 4
          && packagePath.get(1).equals("homelab")
          && packagePath.get(2).equals("custom");
    }
  }

  /**
   * Refuses a deny or warn that is not a set, whose violations the entry point cannot collect, one
   * that returns a rule id other than its METADATA's (or, without METADATA of its own, than its
   * package's) and a folder that would report nothing, silently: one with no package right under
   * homelab.custom (the only ones the entry point collects from), or whose collected packages have
   * no rule named deny or warn (a misspelt {@code wran}, say); a package of helpers beside one that
   * reports is fine.
   */
  static void requireReportingPackage(Path directory, Map<Path, RuleNames> namesByFile) {
    for (RuleNames names : namesByFile.values()) {
      if (names.collected() && !names.notSets().isEmpty()) {
        throw new UsageException(names.notSets().get(0).message());
      }
    }
    // A package may span files, so the ids one returns are checked against all its files declare.
    Map<List<String>, Set<String>> declaredByPackage =
        new TreeMap<>(Comparator.comparing(String::valueOf));
    for (RuleNames names : namesByFile.values()) {
      declaredByPackage
          .computeIfAbsent(names.packagePath(), path -> new TreeSet<>())
          .addAll(names.declaredIds());
    }
    for (RuleNames names : namesByFile.values()) {
      for (ReturnedId returned : names.returnedIds()) {
        if (names.collected()) {
          returned
              .problem(declaredByPackage.get(names.packagePath()))
              .ifPresent(
                  problem -> {
                    throw new UsageException(problem);
                  });
        }
      }
    }
    List<String> declared = new ArrayList<>();
    List<String> defined = new ArrayList<>();
    for (Map.Entry<Path, RuleNames> file : namesByFile.entrySet()) {
      RuleNames names = file.getValue();
      if (!names.collected()) {
        declared.add(file.getKey() + " declares package " + names.packageName());
      } else if (names.rules().contains("deny") || names.rules().contains("warn")) {
        return;
      } else {
        defined.add(
            file.getKey()
                + (names.rules().isEmpty()
                    ? " defines no rule"
                    : " defines " + String.join(", ", names.rules())));
      }
    }
    if (defined.isEmpty()) {
      throw new UsageException(
          "--policy-dir "
              + directory
              + ": nothing would be evaluated, since only the deny and warn rules of packages right"
              + " under homelab.custom are ("
              + String.join(", ", declared)
              + "); declare package homelab.custom.<name>, such as homelab.custom.teams, as"
              + " docs/guide.md describes under \"Adding a custom Rego policy\"");
    }
    throw new UsageException(
        "--policy-dir "
            + directory
            + ": nothing would be reported, since only rules named deny (errors) and warn"
            + " (warnings) report, and no package under homelab.custom has one ("
            + String.join("; ", defined)
            + "); see \"Adding a custom Rego policy\" in docs/guide.md");
  }

  /** Every edit of a policy leaves a compiled bundle behind; those not used lately go. */
  static void pruneUnused(Path cacheDir, Instant now) {
    CacheFolder.pruneUnused(
        cacheDir, name -> name.endsWith(".tar.gz") || name.endsWith(".rules.json"), now);
    // A compile killed midway (Ctrl-C, a full disk) never reaches its finally block.
    Instant abandoned = now.minus(Duration.ofDays(1));
    try (Stream<Path> entries = Files.list(cacheDir)) {
      for (Path entry : entries.toList()) {
        if (entry.getFileName().toString().matches("build\\d+")
            && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
            && Files.getLastModifiedTime(entry).toInstant().isBefore(abandoned)) {
          deleteTree(entry);
        }
      }
    } catch (IOException e) {
      // A cache that cannot be tidied only takes more room; the run goes on.
    }
  }

  /** Loads {@code file}; messages about a violation name {@code source}, or its package's file. */
  private static PolicyModule loadModule(
      Path file,
      String source,
      Map<String, String> sourcesByPackage,
      Map<String, String> placesByRule) {
    try {
      return PolicyModule.load(file, source, sourcesByPackage, placesByRule);
    } catch (PolicyException e) {
      throw new UsageException("cannot load policy " + file + ": " + e.getMessage());
    }
  }

  private static RuleCatalog emptyCatalog() {
    return RuleCatalog.read(new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The rule annotations of `opa inspect -a` in the shape of the bundled rules.json; {@code
   * reportedBy} names the deny and warn rules that return each literal rule id.
   */
  static String rulesJson(String inspectOutput, Map<String, Set<String>> reportedBy) {
    ArrayNode rules = JsonNodeFactory.instance.arrayNode();
    JsonNode annotations = JSON.readTree(inspectOutput).path("annotations");
    requireOneDeclarationPerId(annotations);
    for (JsonNode entry : annotations) {
      JsonNode annotation = entry.path("annotations");
      JsonNode custom = annotation.path("custom");
      // Read as absent, a list or number would give the rule no id or the default severity.
      for (String key : CUSTOM_KEYS) {
        JsonNode value = custom.path(key);
        if (!value.isMissingNode() && !value.isString()) {
          throw new UsageException(
              placeOf(entry) + ": custom." + key + " in METADATA is " + value + ", not a string");
        }
      }
      if (!custom.path("id").isString()) {
        continue;
      }
      String id = custom.get("id").asString();
      String place = placeOf(entry);
      ruleIdProblem(id)
          .ifPresent(
              problem -> {
                throw new UsageException(place + ": " + problem);
              });
      ObjectNode rule = rules.addObject();
      rule.put("id", id);
      String title = annotation.path("title").asString(id);
      rule.put("title", title);
      // The catalogue needs a description, and the guide asks a rule's METADATA for none.
      String description = annotation.path("description").asString("");
      rule.put("description", description.isBlank() ? title : description);
      for (String key : custom.propertyNames()) {
        if (!CUSTOM_KEYS.contains(key)) {
          throw new UsageException(unknownKey(place, "custom." + key, CUSTOM_KEYS));
        }
      }
      boolean declared = custom.has("severity");
      String severity =
          custom
              .path("severity")
              .asString(
                  undeclaredSeverity(entry.path("path"), reportedBy.getOrDefault(id, Set.of())));
      if (Arrays.stream(Severity.values())
          .noneMatch(s -> s.label().equalsIgnoreCase(severity.strip()))) {
        throw new UsageException(
            place
                + ": rule "
                + id
                + " has severity `"
                + severity
                + "` in its METADATA, which is none of error, warning and info");
      }
      rule.put("severity", Severity.parse(severity).label());
      rule.put("severityDeclared", declared);
      rule.put("place", place);
      rule.put("remediation", custom.path("remediation").asString("See the policy's source."));
      StringBuilder pkg = new StringBuilder();
      for (JsonNode part : entry.path("path")) {
        if (part.path("type").asString().equals("string")) {
          pkg.append(pkg.length() == 0 ? "" : ".").append(part.path("value").asString());
        }
      }
      rule.put("package", pkg.toString());
    }
    return JSON.writeValueAsString(rules);
  }

  /**
   * The severity a rule without one in its METADATA reports at: a deny's findings are errors and a
   * warn's warnings; an id of a package's METADATA is listed as warning when only warn rules return
   * it, else as error.
   */
  private static String undeclaredSeverity(JsonNode path, Set<String> reportedBy) {
    String rule = path.path(path.size() - 1).path("value").asString("");
    if (REPORTING.contains(rule)) {
      return rule.equals("warn") ? "warning" : "error";
    }
    return reportedBy.equals(Set.of("warn")) ? "warning" : "error";
  }

  /** The place (file:row) of an annotation of `opa inspect -a`. */
  private static String placeOf(JsonNode entry) {
    return entry.path("location").path("file").asString()
        + ":"
        + entry.path("location").path("row").asInt();
  }

  /**
   * Refuses a rule id that two METADATA blocks declare, at the later one: --list-rules, --explain
   * and the reports could describe only one of them.
   */
  private static void requireOneDeclarationPerId(JsonNode annotations) {
    Comparator<JsonNode> byPlace =
        Comparator.comparing((JsonNode entry) -> entry.path("location").path("file").asString())
            .thenComparingInt(entry -> entry.path("location").path("row").asInt());
    List<JsonNode> ordered = new ArrayList<>();
    annotations.forEach(ordered::add);
    ordered.sort(byPlace);
    Map<String, String> first = new TreeMap<>();
    for (JsonNode entry : ordered) {
      JsonNode id = entry.path("annotations").path("custom").path("id");
      if (!id.isString()) {
        continue;
      }
      String earlier = first.putIfAbsent(id.asString(), placeOf(entry));
      if (earlier != null) {
        throw new UsageException(declaredAgain(placeOf(entry), id.asString(), earlier));
      }
    }
  }

  /** Why the rule id {@code id} at {@code place}, declared first at {@code earlier}, is refused. */
  static String declaredAgain(String place, String id, String earlier) {
    return place
        + ": rule id `"
        + id
        + "` is declared again, first at "
        + earlier
        + "; --list-rules, --explain and the reports describe a rule by the one METADATA that"
        + " declares its id, so give this rule an id of its own, or, for rules that report the"
        + " same problem, declare the id once (in their package's METADATA or on one of them) and"
        + " let the others return it without METADATA of their own";
  }

  /** The keys opa reads from a METADATA block; it drops any other without a word. */
  private static final List<String> METADATA_KEYS =
      List.of(
          "scope",
          "title",
          "description",
          "related_resources",
          "authors",
          "organizations",
          "schemas",
          "entrypoint",
          "compile",
          "custom");

  /** The keys under custom that the toolkit reads. */
  private static final List<String> CUSTOM_KEYS = List.of("id", "severity", "remediation");

  private static final Pattern METADATA_START = Pattern.compile("^\\s*#\\s*METADATA\\s*$");

  /** A YAML key of a comment line of a METADATA block, with its indentation after the #. */
  private static final Pattern METADATA_KEY =
      Pattern.compile("^\\s*#( *)([A-Za-z_][\\w-]*)\\s*:(?:\\s.*)?$");

  /**
   * Refuses a key of a METADATA block that opa does not read, or under custom one the toolkit does
   * not, at its line: either would be dropped, so a misspelt {@code severty} changed nothing.
   */
  static void requireKnownMetadataKeys(Path source) throws IOException {
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    for (int start = 0; start < lines.size(); start++) {
      if (!METADATA_START.matcher(lines.get(start)).matches()) {
        continue;
      }
      int top = -1;
      int nested = -1;
      String parent = "";
      for (int i = start + 1;
          i < lines.size() && lines.get(i).stripLeading().startsWith("#");
          i++) {
        Matcher key = METADATA_KEY.matcher(lines.get(i));
        if (!key.matches()) {
          continue;
        }
        int indent = key.group(1).length();
        String name = key.group(2);
        String place = source + ":" + (i + 1);
        if (top < 0 || indent <= top) {
          top = indent;
          parent = name;
          nested = -1;
          if (!METADATA_KEYS.contains(name)) {
            throw new UsageException(unknownKey(place, name, METADATA_KEYS));
          }
        } else if (parent.equals("custom") && (nested < 0 || indent == nested)) {
          nested = indent;
          if (!CUSTOM_KEYS.contains(name)) {
            throw new UsageException(unknownKey(place, "custom." + name, CUSTOM_KEYS));
          }
        }
      }
    }
  }

  private static String unknownKey(String place, String key, List<String> known) {
    String list =
        String.join(", ", known.subList(0, known.size() - 1))
            + " and "
            + known.get(known.size() - 1);
    return place
        + ": METADATA key `"
        + key
        + "` is none of "
        + list
        + ", the keys "
        + (key.startsWith("custom.") ? "under custom that the toolkit reads" : "opa reads")
        + ", so it would be ignored; see \"Adding a custom Rego policy\" in docs/guide.md";
  }

  /**
   * Why {@code id} cannot name a custom rule: rule ids and the exemptions that name them are
   * kebab-case, and a toolkit rule's id would lend its description, page and exemptions to another
   * rule.
   */
  static Optional<String> ruleIdProblem(String id) {
    if (!RuleInfo.isKebabCase(id)) {
      return Optional.of(
          "rule id `"
              + id
              + "` is not kebab-case (lower-case words and digits joined by hyphens, such as"
              + " deployment-team-missing), which rule ids and the exemptions naming them are");
    }
    if (ToolkitRules.ids().contains(id)) {
      return Optional.of(
          "rule id `"
              + id
              + "` is the id of a rule of the toolkit, whose description, page and exemptions it"
              + " would take; give the custom rule an id of its own");
    }
    return Optional.empty();
  }

  private static Path findOpa() {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, "opa");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new UsageException(
        "compiling .rego policies needs `opa` on PATH: run scripts/install-opa.sh and add the folder"
            + " it prints to PATH, or pass a bundle built elsewhere with `opa build -t wasm -e"
            + " <entry point>`, whose entry point returns a set of "
            + PolicyEvaluator.COMPILED_VIOLATION);
  }

  private static String opaVersion(Path opa) {
    try {
      return run(List.of(opa.toString(), "version"), "asking opa for its version")
          .lines()
          .findFirst()
          .orElse("");
    } catch (UsageException e) {
      return "unknown";
    }
  }

  /**
   * What {@code opa check} finds wrong in {@code sources}, one {@code FILE:LINE:COL: CODE: MESSAGE}
   * line per problem, as opa words it; empty when it finds nothing or cannot say.
   */
  private static Optional<String> compileErrors(Path opa, List<Path> sources) {
    List<String> command = new ArrayList<>(List.of(opa.toString(), "check", "--format", "json"));
    sources.forEach(source -> command.add(source.toString()));
    try {
      // opa check writes its JSON report to standard error.
      Process process = new ProcessBuilder(command).redirectOutput(Redirect.DISCARD).start();
      String output = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      List<String> lines = new ArrayList<>();
      for (JsonNode error : JSON.readTree(output).path("errors")) {
        JsonNode at = error.path("location");
        lines.add(
            at.path("file").asString("")
                + ":"
                + at.path("row").asInt()
                + ":"
                + at.path("col").asInt()
                + ": "
                + error.path("code").asString("")
                + ": "
                + error.path("message").asString(""));
      }
      return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static String run(List<String> command, String what) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        // opa starts its own report with "error: ", which under the toolkit's would read as two.
        throw new UsageException(what + " failed: " + output.strip().replaceFirst("^error: ", ""));
      }
      return output;
    } catch (IOException e) {
      throw new UsageException(what + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UsageException(what + " was interrupted");
    }
  }

  private static String hash(List<Path> sources, String opaVersion) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(opaVersion.getBytes(StandardCharsets.UTF_8));
      digest.update(ENTRY_MODULE.getBytes(StandardCharsets.UTF_8));
      digest.update(CHECKS.getBytes(StandardCharsets.UTF_8));
      for (Path source : sources) {
        digest.update(source.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(source));
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
