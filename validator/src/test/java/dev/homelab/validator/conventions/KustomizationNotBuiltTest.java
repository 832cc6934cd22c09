package dev.homelab.validator.conventions;

class KustomizationNotBuiltTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "kustomization-not-built";
  }
}
