package dev.homelab.validator.conventions;

class AdrNamingTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "adr-naming";
  }
}
