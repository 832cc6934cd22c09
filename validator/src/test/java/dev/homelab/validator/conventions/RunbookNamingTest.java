package dev.homelab.validator.conventions;

class RunbookNamingTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "runbook-naming";
  }
}
