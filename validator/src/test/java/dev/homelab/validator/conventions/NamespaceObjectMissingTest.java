package dev.homelab.validator.conventions;

class NamespaceObjectMissingTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "namespace-object-missing";
  }
}
