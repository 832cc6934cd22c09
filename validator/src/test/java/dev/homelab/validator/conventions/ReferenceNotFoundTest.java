package dev.homelab.validator.conventions;

class ReferenceNotFoundTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "reference-not-found";
  }
}
