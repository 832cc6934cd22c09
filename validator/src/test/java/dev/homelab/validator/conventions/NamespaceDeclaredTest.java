package dev.homelab.validator.conventions;

class NamespaceDeclaredTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "namespace-declared";
  }
}
