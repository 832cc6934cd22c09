package dev.homelab.validator.conventions;

class NamePatternTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "name-pattern";
  }
}
