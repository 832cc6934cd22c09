package dev.homelab.validator.conventions;

class QuotaExceededTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "quota-exceeded";
  }
}
