package dev.homelab.core.finding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.source.Location;
import dev.homelab.core.source.Region;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which findings a run of both tools folds into the rule they restate, and which it leaves. */
class RestatementsTest {

  private static final RuleInfo KEPT =
      new RuleInfo("kept-rule", "conventions", "S.", "D.", Severity.ERROR, "0.1.0", "Fix.");
  private static final RuleInfo RESTATING =
      new RuleInfo(
          "restating-rule", "policy", "S.", "D.", Severity.ERROR, "0.1.0", "Fix.", "kept-rule");
  private static final List<RuleInfo> BOTH = List.of(KEPT, RESTATING);

  private static final ResourceRef INGRESS =
      new ResourceRef("networking.k8s.io/v1", "Ingress", "apps", "n8n-ingress");

  private static Finding at(RuleInfo rule, int line, ResourceRef resource, String message) {
    return Finding.of(rule, new Location("a.yaml", Region.point(line, 13)), resource, message);
  }

  private static final Suppression BY_ANNOTATION =
      new Suppression("on purpose", "annotation ignore.homelab.dev/restating-rule", true);

  @Test
  void theRestatingFindingGoesWhereTheKeptRuleReportsTheSameSpot() {
    Finding kept = at(KEPT, 26, INGRESS, "host `a` is not {service}.lab");
    Finding restating = at(RESTATING, 26, INGRESS, "host a is outside lab");

    assertThat(Restatements.fold(List.of(kept, restating), BOTH)).containsExactly(kept);
  }

  @Test
  void anExemptionOfTheRestatingRuleMovesToTheFindingKept() {
    Finding kept = at(KEPT, 26, INGRESS, "kept");
    Finding restating = at(RESTATING, 26, INGRESS, "restating").suppressed(BY_ANNOTATION);

    assertThat(Restatements.fold(List.of(kept, restating), BOTH))
        .containsExactly(kept.suppressed(BY_ANNOTATION));
  }

  @Test
  void theKeptFindingsOwnExemptionStays() {
    Suppression own = new Suppression("own", "annotation ignore.homelab.dev/kept-rule", true);
    Finding kept = at(KEPT, 26, INGRESS, "kept").suppressed(own);
    Finding restating = at(RESTATING, 26, INGRESS, "restating").suppressed(BY_ANNOTATION);

    assertThat(Restatements.fold(List.of(kept, restating), BOTH)).containsExactly(kept);
  }

  @Test
  void findingsElsewhereOrOnAnotherObjectOrUnmatchedStay() {
    ResourceRef other = new ResourceRef("networking.k8s.io/v1", "Ingress", "apps", "other");
    List<Finding> findings =
        List.of(
            at(KEPT, 26, INGRESS, "kept"),
            at(RESTATING, 27, INGRESS, "another line"),
            at(RESTATING, 26, other, "another object"));

    assertThat(Restatements.fold(findings, BOTH)).isEqualTo(findings);
  }

  /** With fewer kept findings than restating ones at a spot, one of them would say nothing kept. */
  @Test
  void moreRestatingThanKeptFindingsAtASpotStayAll() {
    List<Finding> findings =
        List.of(
            at(KEPT, 26, INGRESS, "host `a`"),
            at(RESTATING, 26, INGRESS, "host a"),
            at(RESTATING, 26, INGRESS, "host b"));

    assertThat(Restatements.fold(findings, BOTH)).isEqualTo(findings);
  }

  /**
   * With more kept findings than restating ones at a spot, some kept finding states another fact,
   * which the restating rule's exemption was not written for.
   */
  @Test
  void moreKeptThanRestatingFindingsAtASpotStayAllAndKeepTheirOwnExemption() {
    List<Finding> findings =
        List.of(
            at(KEPT, 26, INGRESS, "host `a.b`"),
            at(KEPT, 26, INGRESS, "host `x`"),
            at(RESTATING, 26, INGRESS, "host x").suppressed(BY_ANNOTATION));

    assertThat(Restatements.fold(findings, BOTH)).isEqualTo(findings);
  }

  /** An expired exemption of the restating rule brings back nothing the kept rule's hides. */
  @Test
  void aFoldIntoAnExemptedFindingHidesTheUnexemptedRestatingOne() {
    Suppression own = new Suppression("own", "annotation ignore.homelab.dev/kept-rule", true);
    Finding restating = at(RESTATING, 26, INGRESS, "restating");
    Finding elsewhere = at(RESTATING, 27, INGRESS, "restating");
    List<Finding> findings =
        List.of(
            at(KEPT, 26, INGRESS, "kept").suppressed(own),
            restating,
            at(KEPT, 27, INGRESS, "kept"),
            elsewhere);

    assertThat(Restatements.hiddenByFold(findings, BOTH)).containsExactly(restating);
  }

  @Test
  void aDifferentSeverityIsNotTheSameFact() {
    List<Finding> findings =
        List.of(
            at(KEPT, 26, INGRESS, "kept").withSeverity(Severity.WARNING),
            at(RESTATING, 26, INGRESS, "restating"));

    assertThat(Restatements.fold(findings, BOTH)).isEqualTo(findings);
  }

  /** validate or policy alone has only one of the two rules, and keeps its own finding. */
  @Test
  void aRunWithoutTheRestatedRuleFoldsNothing() {
    List<Finding> findings = List.of(at(RESTATING, 26, INGRESS, "restating"));

    assertThat(Restatements.fold(findings, List.of(RESTATING))).isEqualTo(findings);
  }

  @Test
  void theNoteNamesTheRuleCheckReports() {
    assertThat(Restatements.note(KEPT)).isEmpty();
    assertThat(Restatements.note(RESTATING).orElseThrow())
        .contains("as `kept-rule`")
        .contains("an exemption of either id");
  }
}
