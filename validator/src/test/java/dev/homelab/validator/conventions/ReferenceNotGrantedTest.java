package dev.homelab.validator.conventions;

class ReferenceNotGrantedTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "reference-not-granted";
  }
}
