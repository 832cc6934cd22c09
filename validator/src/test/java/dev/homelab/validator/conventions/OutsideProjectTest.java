package dev.homelab.validator.conventions;

class OutsideProjectTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "outside-project";
  }
}
