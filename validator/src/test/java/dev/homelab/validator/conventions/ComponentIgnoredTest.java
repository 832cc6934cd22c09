package dev.homelab.validator.conventions;

class ComponentIgnoredTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "component-ignored";
  }
}
