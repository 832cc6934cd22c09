package dev.homelab.validator.conventions;

class DuplicateHostTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "duplicate-host";
  }
}
