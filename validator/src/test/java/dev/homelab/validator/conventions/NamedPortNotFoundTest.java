package dev.homelab.validator.conventions;

class NamedPortNotFoundTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "named-port-not-found";
  }
}
