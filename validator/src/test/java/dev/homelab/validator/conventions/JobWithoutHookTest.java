package dev.homelab.validator.conventions;

class JobWithoutHookTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "job-without-hook";
  }
}
