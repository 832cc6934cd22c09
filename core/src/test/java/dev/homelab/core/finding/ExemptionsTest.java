package dev.homelab.core.finding;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.homelab.core.cli.CheckSuite;
import dev.homelab.core.cli.ToolRun;
import dev.homelab.core.model.Resource;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.Region;
import dev.homelab.core.testing.LabFixtures;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExemptionsTest {

  private static final RuleInfo FAKE =
      new RuleInfo("fake-rule", "test", "Fake.", "", Severity.ERROR, "0.1.0", "Nothing.");

  /** Reports one finding on every ConfigMap whose name does not start with "quiet". */
  private static final CheckSuite SUITE = fakeRule(FAKE, ExemptionsTest::onLoudConfigMaps);

  /** The same findings, as a bundled policy would report them. */
  private static final CheckSuite POLICY_SUITE =
      fakeRule(
          new RuleInfo(
              "fake-rule",
              RuleInfo.POLICY_FAMILY,
              "Fake.",
              "",
              Severity.ERROR,
              "0.1.0",
              "Nothing."),
          ExemptionsTest::onLoudConfigMaps);

  private static List<Finding> onLoudConfigMaps(Workspace workspace) {
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : workspace.resources()) {
      if (!resource.name().startsWith("quiet")) {
        findings.add(
            Finding.of(FAKE, resource.locate("/metadata/name"), resource.ref(), "fake finding"));
      }
    }
    return findings;
  }

  /** A suite of one rule alone, whose findings {@code check} gives. */
  private static CheckSuite fakeRule(Function<Workspace, List<Finding>> check) {
    return fakeRule(FAKE, check);
  }

  private static CheckSuite fakeRule(RuleInfo rule, Function<Workspace, List<Finding>> check) {
    return new CheckSuite() {
      @Override
      public List<RuleInfo> rules() {
        return List.of(rule);
      }

      @Override
      public List<Finding> check(Workspace workspace) {
        return check.apply(workspace);
      }
    };
  }

  @TempDir Path root;

  @BeforeEach
  void fixDate() {
    System.setProperty("homelab.today", "2026-11-26");
  }

  @AfterEach
  void clearDate() {
    System.clearProperty("homelab.today");
  }

  /** Loads the lab written under the temp folder and checks it with the fake suite. */
  private Report checkLab() throws Exception {
    return checkLab(SUITE);
  }

  private Report checkLab(CheckSuite suite) throws Exception {
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(root), null, root));
    return ToolRun.check("test", workspace, List.of(suite));
  }

  @Test
  void annotationsAndConfigEntriesExemptExpireAndGoUnused() throws Exception {
    write(
        root,
        "homelab.yaml",
        LabFixtures.MINIMAL_CONFIG
            + """
            exemptions:
              - rule: fake-rule
                kind: ConfigMap
                name: d-*
                reason: tracked in issue 12
                until: 2027-01-31
              - rule: fake-rule
                name: e-*
                reason: was fine last year
                until: 2026-11-25
              - rule: fake-rule
                file: applications/postgres/unused-*.yaml
                reason: never matches
              - rule: dev-storage-on-nfs
                reason: a policy rule, not judged when that rule does not run
            """);
    write(
        root,
        "applications/postgres/maps.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a-exempt
          annotations:
            ignore.homelab.dev/fake-rule: "documented reason"
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: b-no-reason
          annotations:
            ignore.homelab.dev/fake-rule: "  "
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: quiet-c
          annotations:
            ignore.homelab.dev/fake-rule: "nothing to exempt"
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: d-by-config
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: e-expired
        """);
    Report report = checkLab();

    assertThat(report.findings())
        .extracting(Finding::ruleId, f -> f.location().line(), Finding::isSuppressed)
        .containsExactly(
            tuple("fake-rule", 4, true),
            tuple("fake-rule", 11, false),
            tuple("exemption-without-reason", 13, false),
            tuple("exemption-unused", 20, false),
            tuple("fake-rule", 25, true),
            tuple("fake-rule", 30, false),
            tuple("exemption-expired", 68, false),
            tuple("exemption-unused", 69, false));
    assertThat(report.findings().get(0).suppression().reason()).isEqualTo("documented reason");
    assertThat(report.findings().get(4).suppression().reason()).isEqualTo("tracked in issue 12");
    assertThat(report.findings().get(4).suppression().source()).isEqualTo("homelab.yaml:60:5");
    assertThat(report.findings().get(0).suppression().inSource()).as("an annotation").isTrue();
    assertThat(report.findings().get(4).suppression().inSource()).as("homelab.yaml").isFalse();
    assertThat(report.exempted()).isEqualTo(2);
    assertThat(report.count(Severity.ERROR)).isEqualTo(3);
    assertThat(report.fails(FailOn.ERROR)).isTrue();
    assertThat(
            report.findings().stream()
                .map(Finding::message)
                .filter(m -> m.contains("dev-storage-on-nfs")))
        .isEmpty();
  }

  /**
   * An expired entry says what its lapse changes: the findings it matches that are reported again,
   * or that it matches none and can be removed, or that its rule did not run to tell.
   */
  @Test
  void anExpiredExemptionSaysHowManyFindingsItMatchesOrThatItMatchesNone() throws Exception {
    write(
        root,
        "homelab.yaml",
        LabFixtures.MINIMAL_CONFIG
            + """
            exemptions:
              - rule: fake-rule
                name: e-*
                reason: was fine last year
                until: 2026-11-25
              - rule: fake-rule
                name: f-*
                reason: the object was renamed since
                until: 2026-11-25
              - rule: some-policy-rule
                reason: not judged when that rule does not run
                until: 2026-11-25
              - rule: fake-rule
                name: g-*
                reason: one finding
                until: 2026-11-25
              - rule: fake-rule
                name: h-*
                reason: the current exemption
              - rule: fake-rule
                name: h-*
                reason: the old exemption
                until: 2026-11-25
            """);
    write(
        root,
        "applications/postgres/maps.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: e-one
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: e-two
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: g-one
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: h-one
        """);

    assertThat(
            checkLab().findings().stream()
                .filter(f -> f.ruleId().equals("exemption-expired"))
                .map(f -> f.location().line() + " " + f.message()))
        .containsExactly(
            "63 exemption of `fake-rule` expired on 2026-11-25; the 2 findings it matches are"
                + " reported again",
            "67 exemption of `fake-rule` expired on 2026-11-25 and matches no finding, so it can"
                + " be removed",
            "70 exemption of `some-policy-rule` expired on 2026-11-25; any finding of"
                + " `some-policy-rule` it matches is reported again",
            "74 exemption of `fake-rule` expired on 2026-11-25; the 1 finding it matches is"
                + " reported again",
            "81 exemption of `fake-rule` expired on 2026-11-25; every finding it matches is hidden"
                + " by another exemption, so it can be removed");
  }

  private static final String MALFORMED_ANNOTATIONS =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: a-malformed
        annotations:
          ignore.homelab.dev/fake-rule: 5
          ignore.homelab.dev/: "a reason for no rule"
      """;

  /**
   * An exemption annotation whose value is no string, or whose key names no rule, exempts nothing;
   * a run without the schema and API-server checks (policy) says so rather than dropping it.
   */
  @Test
  void anAnnotationWithANonStringValueOrNoRuleIdIsReported() throws Exception {
    write(root, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    write(root, "applications/postgres/maps.yaml", MALFORMED_ANNOTATIONS);

    assertThat(checkLab().findings())
        .extracting(Finding::ruleId, f -> f.location().toString(), Finding::message)
        .containsExactly(
            tuple("fake-rule", "applications/postgres/maps.yaml:4:9", "fake finding"),
            tuple(
                "exemption-without-reason",
                "applications/postgres/maps.yaml:6:35",
                "exemption of `fake-rule` on ConfigMap data/a-malformed gives no reason: its value is"
                    + " integer 5, and annotation values are strings"),
            tuple(
                "exemption-unused",
                "applications/postgres/maps.yaml:7:5",
                "exemption annotation `ignore.homelab.dev/` on ConfigMap data/a-malformed names"
                    + " no rule"));
  }

  /** Where validate's schema and API-server checks already report the node, once is enough. */
  @Test
  void aMalformedAnnotationAnotherRuleReportsIsNotReportedTwice() throws Exception {
    write(root, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    write(root, "applications/postgres/maps.yaml", MALFORMED_ANNOTATIONS);
    CheckSuite schemaLike =
        fakeRule(
            workspace -> {
              Resource resource = workspace.resources().get(0);
              return List.of(
                  Finding.of(
                      FAKE,
                      resource.locate("/metadata/annotations/ignore.homelab.dev~1fake-rule"),
                      resource.ref(),
                      "must be a string"),
                  Finding.of(
                      FAKE,
                      resource.locateKey("/metadata/annotations/ignore.homelab.dev~1"),
                      resource.ref(),
                      "has an empty name"));
            });
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(root), null, root));

    assertThat(ToolRun.check("test", workspace, List.of(schemaLike)).findings())
        .extracting(Finding::ruleId, f -> f.location().line())
        .containsExactly(tuple("fake-rule", 6), tuple("fake-rule", 7));
  }

  /** A run's own rule (a --policy-dir one) that an id is near is not called the toolkit's. */
  @Test
  void aRuleIdOneOrTwoLettersFromAToolkitRuleIsCalledMisspelt() throws Exception {
    write(
        root,
        "homelab.yaml",
        LabFixtures.MINIMAL_CONFIG
            + """
            exemptions:
              - rule: image-tag-lastest
                reason: meant image-tag-latest, a rule of another tool of the toolkit
              - rule: image-tag-latest
                reason: spelt right, but not judged when that rule does not run
            """);
    write(
        root,
        "applications/postgres/maps.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a-typo
          annotations:
            ignore.homelab.dev/fake-rul: "meant this run's own rule"
        """);
    Report report = checkLab();

    assertThat(report.findings())
        .filteredOn(f -> f.ruleId().equals("exemption-unused"))
        .extracting(f -> f.location().line(), Finding::message)
        .containsExactly(
            tuple(
                6,
                "exemption of `fake-rul` on ConfigMap data/a-typo names no rule of the toolkit"
                    + " or of this run (did you mean `fake-rule`?)"),
            tuple(
                60,
                "exemption of `image-tag-lastest` names no rule of the toolkit"
                    + " (did you mean `image-tag-latest`?)"));
    assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("fake-rule")).hasSize(1);
  }

  /**
   * A rule id far from every rule of the toolkit and of the run (a custom policy's, in a run that
   * did not load it, or a made-up one) can hide nothing in this run, so it is reported too; the
   * run's own rules, custom ones included, are known.
   */
  /**
   * A run that evaluates policies knows every rule that a finding could come from, so an id that is
   * none of them hides nothing; a run of no policy cannot tell it from a --policy-dir rule.
   */
  @Test
  void aRuleIdOfNoRuleOfTheToolkitOrOfTheRunIsReportedByARunOfPolicies() throws Exception {
    String config =
        LabFixtures.MINIMAL_CONFIG
            + """
            exemptions:
              - rule: teams-owner-label
                reason: a custom policy's rule, and this run loads no custom policy
              - rule: fake-rule
                name: b-*
                reason: a rule of this run that the toolkit does not ship
            """;
    write(root, "homelab.yaml", config);
    write(
        root,
        "applications/postgres/maps.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a-unknown
          annotations:
            ignore.homelab.dev/teams-owner-label: "the same custom rule, on the object"
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: b-known
        """);
    assertThat(checkLab(SUITE).findings())
        .filteredOn(f -> f.ruleId().equals("exemption-unused"))
        .isEmpty();
    Report report = checkLab(POLICY_SUITE);

    int entry = config.lines().toList().indexOf("  - rule: teams-owner-label") + 1;
    String unknown =
        " names no rule of the toolkit or of this run (a --policy-dir policy's rule is known only"
            + " to runs given that --policy-dir)";
    assertThat(report.findings())
        .filteredOn(f -> f.ruleId().equals("exemption-unused"))
        .extracting(f -> f.location().file() + ":" + f.location().line(), Finding::message)
        .containsExactly(
            tuple(
                "applications/postgres/maps.yaml:6",
                "exemption of `teams-owner-label` on ConfigMap data/a-unknown" + unknown),
            tuple("homelab.yaml:" + entry, "exemption of `teams-owner-label`" + unknown));
    assertThat(report.findings())
        .filteredOn(f -> f.ruleId().equals("fake-rule"))
        .extracting(Finding::isSuppressed)
        .containsExactly(false, true);
  }

  /** An entry that hides nothing says which of its selectors left out its rule's findings. */
  @Test
  void anUnusedEntrySaysWhatItsRulesFindingsHaveWhereItsSelectorLooked() throws Exception {
    write(
        root,
        "homelab.yaml",
        LabFixtures.MINIMAL_CONFIG
            + """
            exemptions:
              - rule: fake-rule
                kind: ConfigMpa
                reason: a misspelt kind
              - rule: fake-rule
                namespace: dta
                reason: a misspelt namespace
              - rule: fake-rule
                file: gitops/applications/postgres/maps.yaml
                reason: the path as the report prints it, from the repository's top
            """);
    write(
        root,
        "applications/postgres/maps.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: postgres-maps\n  namespace: data\n");
    Report report = checkLab();

    assertThat(report.findings())
        .filteredOn(f -> f.ruleId().equals("exemption-unused"))
        .extracting(Finding::message)
        .containsExactly(
            "exemption of `fake-rule` matches no finding; its findings are on ConfigMap objects",
            "exemption of `fake-rule` matches no finding; its findings are in namespace data",
            "exemption of `fake-rule` matches no finding; its findings are in"
                + " applications/postgres/maps.yaml (`file` is relative to the folder of"
                + " homelab.yaml)");
  }

  /**
   * A finding on a file, such as a Helm values file's, has no object for `kind`, `namespace` or
   * `name` to select, so an entry that names one says that only `file` reaches it.
   */
  @Test
  void anUnusedEntryThatSelectsObjectsForFindingsOnFilesSaysToUseFile() throws Exception {
    CheckSuite onFiles =
        fakeRule(
            workspace ->
                workspace.resources().stream()
                    .map(
                        r -> Finding.of(FAKE, r.locate("/metadata/name"), "fake finding on a file"))
                    .toList());
    write(
        root,
        "homelab.yaml",
        LabFixtures.MINIMAL_CONFIG
            + """
            exemptions:
              - rule: fake-rule
                name: postgres-maps
                reason: the finding's object, which it does not have
            """);
    write(
        root,
        "applications/postgres/maps.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: postgres-maps\n  namespace: data\n");
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(root), null, root));
    Report report = ToolRun.check("test", workspace, List.of(onFiles));

    assertThat(report.findings())
        .filteredOn(f -> f.ruleId().equals("exemption-unused"))
        .extracting(Finding::message)
        .containsExactly(
            "exemption of `fake-rule` matches no finding; its findings are on files, not objects,"
                + " so only `file` selects them, such as `file: applications/postgres/maps.yaml`");
  }

  /**
   * Findings are on the workload, never on its pod template, so an exemption annotation there hides
   * nothing; it is reported at its line with where it belongs.
   */
  @Test
  void anExemptionAnnotationOnAPodTemplateSaysToMoveItToTheWorkload() throws Exception {
    write(root, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    write(
        root,
        "applications/postgres/deployment.yaml",
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: postgres-exporter
          namespace: data
        spec:
          template:
            metadata:
              annotations:
                ignore.homelab.dev/fake-rule: "meant for the Deployment"
            spec:
              containers: []
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: postgres-backup
          namespace: data
        spec:
          jobTemplate:
            spec:
              template:
                metadata:
                  annotations:
                    ignore.homelab.dev/fake-rule: "meant for the CronJob"
        """);
    Report report = checkLab();

    assertThat(report.findings())
        .filteredOn(f -> f.ruleId().equals("exemption-unused"))
        .extracting(f -> f.location().line(), Finding::message)
        .containsExactly(
            tuple(
                10,
                "exemption annotation `ignore.homelab.dev/fake-rule` is on the pod template of"
                    + " Deployment data/postgres-exporter, where it exempts nothing; move it to the"
                    + " Deployment's own metadata.annotations"),
            tuple(
                25,
                "exemption annotation `ignore.homelab.dev/fake-rule` is on the pod template of"
                    + " CronJob data/postgres-backup, where it exempts nothing; move it to the"
                    + " CronJob's own metadata.annotations"));
    assertThat(report.findings())
        .filteredOn(f -> f.ruleId().equals("fake-rule"))
        .noneMatch(Finding::isSuppressed);
  }

  /** An entry whose findings an earlier entry or an annotation already hides says which. */
  @Test
  void anEntryShadowedByAnEarlierExemptionNamesIt() throws Exception {
    String config =
        LabFixtures.MINIMAL_CONFIG
            + """
            exemptions:
              - rule: fake-rule
                reason: the whole lab for now
              - rule: fake-rule
                name: postgres-*
                reason: written again later for one app
              - rule: fake-rule
                name: redis-*
                reason: also written on the object
            """;
    write(root, "homelab.yaml", config);
    write(
        root,
        "applications/postgres/maps.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: postgres-maps\n  namespace: data\n");
    write(
        root,
        "applications/redis/maps.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: redis-maps
          namespace: data
          annotations:
            ignore.homelab.dev/fake-rule: "the cache holds nothing secret"
        """);
    Report report = checkLab();

    int firstEntry = config.lines().toList().indexOf("  - rule: fake-rule") + 1;
    assertThat(report.findings())
        .filteredOn(f -> f.ruleId().equals("exemption-unused"))
        .extracting(Finding::message, f -> f.location().line())
        .containsExactly(
            tuple(
                "exemption of `fake-rule` hides nothing: the exemption at homelab.yaml:"
                    + firstEntry
                    + ":5 already hides every finding it matches",
                firstEntry + 2),
            tuple(
                "exemption of `fake-rule` hides nothing: the annotation"
                    + " ignore.homelab.dev/fake-rule on ConfigMap data/redis-maps already hides"
                    + " every finding it matches",
                firstEntry + 5));
  }

  @Test
  void aFileGlobReachesFilesBesideTheTreeRelativeToHomelabYaml() throws Exception {
    Path tree = root.resolve("gitops");
    write(
        tree,
        "homelab.yaml",
        LabFixtures.MINIMAL_CONFIG
            + """
            exemptions:
              - rule: fake-rule
                file: ../docs/adrs/ADR-7-*.md
                reason: imported from the old wiki; renumbering would break its links
            """);
    write(root, "docs/adrs/ADR-7-legacy.md", "# Legacy\n");
    // Like the ADR and runbook rules, the suite reports a file of docs/, beside the tree.
    CheckSuite docs =
        fakeRule(
            workspace ->
                List.of(
                    Finding.of(
                        FAKE,
                        new Location("docs/adrs/ADR-7-legacy.md", Region.point(1, 1)),
                        "fake finding")));
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(tree), null, root));
    Report report = ToolRun.check("test", workspace, List.of(docs));

    assertThat(report.findings())
        .extracting(Finding::ruleId, Finding::isSuppressed)
        .containsExactly(tuple("fake-rule", true));
  }

  @Test
  void anUnusedEntryWhoseRuleFoundNothingHasNoHint() throws Exception {
    write(
        root,
        "homelab.yaml",
        LabFixtures.MINIMAL_CONFIG
            + """
            exemptions:
              - rule: fake-rule
                kind: Deployment
                namespace: data
                name: dev-container-*
                reason: the rule finds nothing in this tree
            """);
    write(
        root,
        "applications/postgres/maps.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: quiet-maps\n  namespace: data\n");
    Report report = checkLab();

    assertThat(report.findings())
        .filteredOn(f -> f.ruleId().equals("exemption-unused"))
        .extracting(Finding::message)
        .containsExactly("exemption of `fake-rule` matches no finding");
  }

  @Test
  void failOnDecidesFromActiveFindingsOnly() {
    Report onlyExempted =
        new Report(
            "t",
            "1",
            List.of(FAKE),
            List.of(
                new Finding(
                    "fake-rule",
                    Severity.ERROR,
                    "m",
                    dev.homelab.core.source.Location.fileStart("f.yaml"),
                    null,
                    new Suppression("r", "s", false))),
            new Report.Scope(List.of("f.yaml"), 1));
    assertThat(onlyExempted.fails(FailOn.ERROR)).isFalse();
    assertThat(Set.of(FailOn.values())).hasSize(3);
  }

  /**
   * A compiled --policy-dir bundle carries no METADATA, so its rules are known only by their
   * findings: an exemption that hides one is used, and one a letter away is called misspelt.
   */
  @Test
  void anExemptionOfARuleKnownOnlyByItsFindingsIsUsedAndItsMisspellingIsNamed() throws Exception {
    RuleInfo bundled =
        new RuleInfo(
            "bundle-rule", RuleInfo.POLICY_FAMILY, "", "", Severity.WARNING, "0.1.0", "Nothing.");
    CheckSuite bundle =
        fakeRule(
            POLICY_SUITE.rules().get(0),
            workspace ->
                workspace.resources().stream()
                    .map(
                        resource ->
                            Finding.of(
                                bundled,
                                resource.locate("/metadata/name"),
                                resource.ref(),
                                "from a bundle"))
                    .toList());
    String config =
        LabFixtures.MINIMAL_CONFIG
            + """
            exemptions:
              - rule: bundle-rule
                reason: the bundle's own rule
              - rule: bundle-rul
                reason: a letter short
            """;
    write(root, "homelab.yaml", config);
    write(
        root,
        "applications/postgres/maps.yaml",
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a-map
        """);

    Report report = checkLab(bundle);

    int typo = config.lines().toList().indexOf("  - rule: bundle-rul") + 1;
    assertThat(report.findings())
        .filteredOn(f -> f.ruleId().equals("exemption-unused"))
        .extracting(f -> f.location().line(), Finding::message)
        .containsExactly(
            tuple(
                typo,
                "exemption of `bundle-rul` names no rule of the toolkit or of this run"
                    + " (did you mean `bundle-rule`?)"));
    assertThat(report.findings())
        .filteredOn(f -> f.ruleId().equals("bundle-rule"))
        .allMatch(Finding::isSuppressed)
        .hasSize(1);
  }
}
