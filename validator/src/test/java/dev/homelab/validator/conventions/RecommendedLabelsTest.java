package dev.homelab.validator.conventions;

class RecommendedLabelsTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "recommended-labels";
  }
}
