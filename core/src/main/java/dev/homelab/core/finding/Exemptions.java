package dev.homelab.core.finding;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.model.Resource;
import dev.homelab.core.schema.SchemaProblems;
import dev.homelab.core.source.Location;
import dev.homelab.core.yaml.Pointer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Applies exemptions: {@code ignore.homelab.dev/<rule-id>: "<reason>"} annotations on objects, and
 * the {@code exemptions} of homelab.yaml. Exempted findings stay in the report, flagged; expired,
 * unused and reasonless exemptions are findings themselves.
 */
public final class Exemptions {

  public static final String ANNOTATION_PREFIX = "ignore.homelab.dev/";

  private record Annotation(Resource resource, String rule, String reason) {}

  private record Entry(int index, HomeLab.Exemption exemption, Pattern name, Pattern file) {}

  private final HomeLabConfig config;
  private final Path displayRoot;
  private final List<Annotation> annotations = new ArrayList<>();
  private final List<Entry> entries = new ArrayList<>();
  // Entries past their until date, which hide nothing and are reported with what they would match.
  private final List<Entry> expired = new ArrayList<>();
  private final List<Finding> problems = new ArrayList<>();
  // Exemption annotations the API server refuses too, which validate's own checks report.
  private final List<Finding> malformed = new ArrayList<>();

  private Exemptions(HomeLabConfig config, Path displayRoot) {
    this.config = config;
    this.displayRoot = displayRoot;
  }

  /**
   * @param config the lab config, or null in schema-only runs
   * @param today exemptions whose until date is before this day have expired
   */
  public static Exemptions of(
      HomeLabConfig config, Collection<Resource> resources, Path displayRoot, LocalDate today) {
    Exemptions exemptions = new Exemptions(config, displayRoot);
    for (Resource resource : resources) {
      exemptions.onPodTemplate(resource);
      JsonNode declared = resource.object().path("metadata").path("annotations");
      if (!declared.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> annotation : declared.properties()) {
        String key = annotation.getKey();
        if (!key.startsWith(ANNOTATION_PREFIX)) {
          continue;
        }
        String rule = key.substring(ANNOTATION_PREFIX.length());
        String pointer = Pointer.of("metadata", "annotations", key);
        JsonNode value = annotation.getValue();
        if (rule.isEmpty()) {
          exemptions.malformed.add(
              Finding.of(
                  CoreRules.EXEMPTION_UNUSED,
                  resource.locateKey(pointer),
                  resource.ref(),
                  "exemption annotation `"
                      + key
                      + "` on "
                      + resource.ref().display()
                      + " names no rule"));
        } else if (!value.isString()) {
          exemptions.malformed.add(
              Finding.of(
                  CoreRules.EXEMPTION_WITHOUT_REASON,
                  resource.locate(pointer),
                  resource.ref(),
                  "exemption of `"
                      + rule
                      + "` on "
                      + resource.ref().display()
                      + " gives no reason: its value is "
                      + SchemaProblems.describe(value)
                      + ", and annotation values are strings"));
        } else if (value.asString().isBlank()) {
          exemptions.problems.add(
              Finding.of(
                  CoreRules.EXEMPTION_WITHOUT_REASON,
                  resource.locateKey(pointer),
                  resource.ref(),
                  "exemption of `"
                      + rule
                      + "` on "
                      + resource.ref().display()
                      + " gives no reason"));
        } else {
          exemptions.annotations.add(new Annotation(resource, rule, value.asString().trim()));
        }
      }
    }
    if (config != null) {
      List<HomeLab.Exemption> configured = config.lab().exemptions();
      for (int i = 0; i < configured.size(); i++) {
        HomeLab.Exemption exemption = configured.get(i);
        Entry entry =
            new Entry(i, exemption, glob(exemption.name(), false), glob(exemption.file(), true));
        if (exemption.until() != null && LocalDate.parse(exemption.until()).isBefore(today)) {
          exemptions.expired.add(entry);
        } else {
          exemptions.entries.add(entry);
        }
      }
    }
    return exemptions;
  }

  /**
   * Reports exemption annotations on a workload's pod template: findings are on the workload, so
   * there they exempt nothing, and the mistake would otherwise pass unnoticed.
   */
  private void onPodTemplate(Resource resource) {
    List<String> template =
        resource.object().path("spec").has("jobTemplate")
            ? List.of("spec", "jobTemplate", "spec", "template", "metadata", "annotations")
            : List.of("spec", "template", "metadata", "annotations");
    JsonNode declared = resource.object();
    for (String key : template) {
      declared = declared.path(key);
    }
    if (!declared.isObject()) {
      return;
    }
    for (String key : declared.propertyNames()) {
      if (!key.startsWith(ANNOTATION_PREFIX)) {
        continue;
      }
      List<String> path = new ArrayList<>(template);
      path.add(key);
      problems.add(
          Finding.of(
              CoreRules.EXEMPTION_UNUSED,
              resource.locateKey(Pointer.of(path)),
              resource.ref(),
              "exemption annotation `"
                  + key
                  + "` is on the pod template of "
                  + resource.ref().display()
                  + ", where it exempts nothing; move it to the "
                  + resource.kind()
                  + "'s own metadata.annotations"));
    }
  }

  /**
   * Flags the findings that an exemption covers and adds the exemption problems.
   *
   * @param catalogue the rules of this run; only exemptions of these can be judged unused
   */
  public List<Finding> apply(List<Finding> findings, Collection<RuleInfo> catalogue) {
    Set<String> rulesThatRan = new HashSet<>();
    catalogue.forEach(rule -> rulesThatRan.add(rule.id()));
    // A compiled --policy-dir bundle lists no rules, so its rules are known by their findings.
    findings.forEach(finding -> rulesThatRan.add(finding.ruleId()));
    // Only a run that evaluates policies can tell an unknown id from a rule of a --policy-dir.
    boolean policiesRan = catalogue.stream().anyMatch(RuleInfo::fromPolicy);
    Map<Object, Integer> uses = new HashMap<>();
    List<Finding> result = new ArrayList<>(findings.size() + problems.size());
    for (Finding finding : findings) {
      Optional<Suppression> suppression = match(finding, uses);
      result.add(suppression.map(finding::suppressed).orElse(finding));
    }
    result.addAll(problems);
    // check folds restating findings after this, so an expired entry's effect must count the fold.
    Set<Finding> hiddenByFold =
        expired.isEmpty() ? Set.of() : Restatements.hiddenByFold(result, catalogue);
    for (Entry entry : expired) {
      result.add(
          Finding.of(
              CoreRules.EXEMPTION_EXPIRED,
              config.locate(Pointer.of("exemptions", entry.index, "until")),
              "exemption of `"
                  + entry.exemption.rule()
                  + "` expired on "
                  + entry.exemption.until()
                  + expiredEffect(entry, result, rulesThatRan, hiddenByFold, catalogue)));
    }
    if (!malformed.isEmpty()) {
      Set<Location> reported = new HashSet<>();
      findings.forEach(finding -> reported.add(finding.location()));
      malformed.stream()
          .filter(problem -> !reported.contains(problem.location()))
          .forEach(result::add);
    }
    for (Annotation annotation : annotations) {
      unused(
              annotation.rule,
              uses.containsKey(annotation),
              rulesThatRan,
              policiesRan,
              "exemption of `" + annotation.rule + "` on " + annotation.resource.ref().display())
          .ifPresent(
              message ->
                  result.add(
                      Finding.of(
                          CoreRules.EXEMPTION_UNUSED,
                          annotation.resource.locateKey(
                              Pointer.of(
                                  "metadata", "annotations", ANNOTATION_PREFIX + annotation.rule)),
                          annotation.resource.ref(),
                          message)));
    }
    for (Entry entry : entries) {
      String rule = entry.exemption.rule();
      String exemption = "exemption of `" + rule + "`";
      unused(rule, uses.containsKey(entry), rulesThatRan, policiesRan, exemption)
          .map(
              message ->
                  shadowedBy(entry, findings)
                      .map(earlier -> exemption + " hides nothing: " + earlier)
                      .orElseGet(() -> message + leftOut(entry, findings)))
          .ifPresent(
              message ->
                  result.add(
                      Finding.of(
                          CoreRules.EXEMPTION_UNUSED,
                          config.locate(Pointer.of("exemptions", entry.index, "rule")),
                          message)));
    }
    return result;
  }

  /**
   * What an expired entry's lapse changes in this run: how many of the findings it matches are
   * reported again, that the run reports them as the rule they restate, which another exemption
   * hides, or that it matches none and can go; unknown when its rule did not run.
   */
  private String expiredEffect(
      Entry entry,
      List<Finding> applied,
      Set<String> rulesThatRan,
      Set<Finding> hiddenByFold,
      Collection<RuleInfo> catalogue) {
    if (!rulesThatRan.contains(entry.exemption.rule())) {
      return "; any finding of `" + entry.exemption.rule() + "` it matches is reported again";
    }
    List<Finding> matched = applied.stream().filter(f -> matches(entry, f)).toList();
    long folded = matched.stream().filter(hiddenByFold::contains).count();
    long again = matched.stream().filter(f -> !f.isSuppressed()).count() - folded;
    if (matched.isEmpty()) {
      return " and matches no finding, so it can be removed";
    }
    if (again == 0 && folded > 0) {
      String restated =
          catalogue.stream()
              .filter(rule -> rule.id().equals(entry.exemption.rule()))
              .findFirst()
              .orElseThrow()
              .restates();
      return "; this run reports "
          + (folded == 1 ? "the 1 finding" : "the " + folded + " findings")
          + " it matches as `"
          + restated
          + "`, which another exemption hides, but a run without `"
          + restated
          + "` reports "
          + (folded == 1 ? "it" : "them")
          + " again";
    }
    if (again == 0) {
      return "; every finding it matches is hidden by another exemption, so it can be removed";
    }
    return again == 1
        ? "; the 1 finding it matches is reported again"
        : "; the " + again + " findings it matches are reported again";
  }

  /**
   * Why an exemption hides nothing: its rule ran and it matched no finding, or its rule id is no
   * rule of this run or of the toolkit (misspelt when one or two edits from one; otherwise, in a
   * run that evaluated policies, a rule of a --policy-dir policy this run did not load, or no rule
   * at all); empty when none holds.
   */
  private static Optional<String> unused(
      String rule, boolean used, Set<String> rulesThatRan, boolean policiesRan, String exemption) {
    if (rulesThatRan.contains(rule)) {
      return used ? Optional.empty() : Optional.of(exemption + " matches no finding");
    }
    if (ToolkitRules.ids().contains(rule)) {
      return Optional.empty();
    }
    Set<String> known = new TreeSet<>(ToolkitRules.ids());
    known.addAll(rulesThatRan);
    String hint = SchemaProblems.suggestion(rule, known);
    if (hint.isEmpty() && !policiesRan) {
      return Optional.empty();
    }
    return Optional.of(
        hint.isEmpty()
            ? exemption
                + " names no rule of the toolkit or of this run (a --policy-dir policy's rule is"
                + " known only to runs given that --policy-dir)"
            : exemption
                + (hint.equals(SchemaProblems.suggestion(rule, ToolkitRules.ids()))
                    ? " names no rule of the toolkit"
                    // The rule it is near is a --policy-dir one, which the toolkit does not ship.
                    : " names no rule of the toolkit or of this run")
                + hint);
  }

  private Optional<Suppression> match(Finding finding, Map<Object, Integer> uses) {
    for (Annotation annotation : annotations) {
      if (annotation.rule.equals(finding.ruleId())
          && finding.resource() != null
          && finding.resource().equals(annotation.resource.ref())
          && finding.location().file().equals(annotation.resource.file())) {
        uses.merge(annotation, 1, Integer::sum);
        return Optional.of(
            new Suppression(
                annotation.reason, "annotation " + ANNOTATION_PREFIX + annotation.rule, true));
      }
    }
    for (Entry entry : entries) {
      if (matches(entry, finding)) {
        uses.merge(entry, 1, Integer::sum);
        return Optional.of(
            new Suppression(
                entry.exemption.reason().trim(),
                config.locate(Pointer.of("exemptions", entry.index)).toString(),
                false));
      }
    }
    return Optional.empty();
  }

  /**
   * For an entry that hides nothing although it matches findings, the exemption that took them
   * first: the first match wins, so a repeated or narrower entry after a broader one is dead.
   */
  private Optional<String> shadowedBy(Entry entry, List<Finding> findings) {
    for (Finding finding : findings) {
      if (matches(entry, finding)) {
        Suppression earlier = match(finding, new HashMap<>()).orElseThrow();
        String where =
            earlier.inSource()
                ? "the " + earlier.source() + " on " + finding.resource().display()
                : "the exemption at " + earlier.source();
        return Optional.of(where + " already hides every finding it matches");
      }
    }
    return Optional.empty();
  }

  /**
   * For an entry that hides nothing, the selector that left out every finding of its rule and what
   * those findings have there instead; empty when the rule found nothing to hide.
   */
  private String leftOut(Entry entry, List<Finding> findings) {
    HomeLab.Exemption exemption = entry.exemption;
    List<Finding> ofRule =
        findings.stream().filter(f -> f.ruleId().equals(exemption.rule())).toList();
    List<ResourceRef> resources =
        ofRule.stream().map(Finding::resource).filter(r -> r != null).toList();
    // The object hints compare the selector with the objects of its rule's findings, if any.
    if (!resources.isEmpty()) {
      if (exemption.kind() != null
          && resources.stream().noneMatch(r -> exemption.kind().equals(r.kind()))) {
        return "; its findings are on " + some(resources, ResourceRef::kind) + " objects";
      }
      if (exemption.namespace() != null
          && resources.stream().noneMatch(r -> exemption.namespace().equals(r.namespace()))) {
        return "; its findings are in namespace " + some(resources, ResourceRef::namespace);
      }
      if (entry.name != null
          && resources.stream().noneMatch(r -> entry.name.matcher(r.name()).matches())) {
        return "; its findings are on " + some(resources, ResourceRef::name);
      }
    }
    List<String> files = ofRule.stream().map(f -> treePath(f.location().file())).toList();
    boolean selectsObjects =
        exemption.kind() != null || exemption.namespace() != null || entry.name != null;
    if (resources.isEmpty() && !files.isEmpty() && selectsObjects) {
      // A finding on a file (a Helm values file, an ADR) has no object for these to select.
      return "; its findings are on files, not objects, so only `file` selects them, such as `file: "
          + files.stream().sorted().findFirst().orElseThrow()
          + "`";
    }
    if (entry.file != null
        && !files.isEmpty()
        && files.stream().noneMatch(f -> entry.file.matcher(f).matches())) {
      return "; its findings are in "
          + some(files, f -> f)
          + " (`file` is relative to the folder of homelab.yaml)";
    }
    return "";
  }

  /** Up to three distinct values, for a hint. */
  private static <T> String some(List<T> items, Function<T, String> value) {
    List<String> distinct =
        items.stream().map(value).filter(v -> v != null).distinct().sorted().toList();
    return distinct.isEmpty()
        ? "none"
        : String.join(", ", distinct.subList(0, Math.min(3, distinct.size())))
            + (distinct.size() > 3 ? ", ..." : "");
  }

  private boolean matches(Entry entry, Finding finding) {
    HomeLab.Exemption exemption = entry.exemption;
    if (!exemption.rule().equals(finding.ruleId())) {
      return false;
    }
    ResourceRef resource = finding.resource();
    if (exemption.kind() != null
        && (resource == null || !exemption.kind().equals(resource.kind()))) {
      return false;
    }
    if (exemption.namespace() != null
        && (resource == null || !exemption.namespace().equals(resource.namespace()))) {
      return false;
    }
    if (entry.name != null
        && (resource == null || !entry.name.matcher(resource.name()).matches())) {
      return false;
    }
    return entry.file == null || entry.file.matcher(treePath(finding.location().file())).matches();
  }

  /**
   * A finding's file relative to the folder of homelab.yaml, which exemption globs are written
   * against; a file beside the tree, such as an ADR in ../docs, is reached with {@code ../}.
   */
  private String treePath(String displayPath) {
    Path absolute = displayRoot.resolve(displayPath).toAbsolutePath().normalize();
    Path root = config.root();
    try {
      return root.relativize(absolute).toString().replace('\\', '/');
    } catch (IllegalArgumentException otherDrive) {
      return displayPath;
    }
  }

  private static Pattern glob(String glob, boolean pathAware) {
    if (glob == null) {
      return null;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
        regex.append(doubleStar || !pathAware ? ".*" : "[^/]*");
        if (doubleStar) {
          i++;
        }
      } else if (c == '?') {
        regex.append(pathAware ? "[^/]" : ".");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
