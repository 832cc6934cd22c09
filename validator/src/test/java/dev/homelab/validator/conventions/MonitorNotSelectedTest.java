package dev.homelab.validator.conventions;

class MonitorNotSelectedTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "monitor-not-selected";
  }
}
