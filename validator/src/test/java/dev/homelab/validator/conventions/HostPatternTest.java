package dev.homelab.validator.conventions;

class HostPatternTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "host-pattern";
  }
}
