package dev.homelab.validator.conventions;

class MissingDependencyTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "missing-dependency";
  }
}
