package dev.homelab.validator.conventions;

class SelectorMismatchTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "selector-mismatch";
  }
}
