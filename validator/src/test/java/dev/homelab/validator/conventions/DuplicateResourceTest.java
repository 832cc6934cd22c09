package dev.homelab.validator.conventions;

class DuplicateResourceTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "duplicate-resource";
  }
}
