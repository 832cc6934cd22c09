package dev.homelab.validator.conventions;

class KustomizationPathMissingTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "kustomization-path-missing";
  }
}
