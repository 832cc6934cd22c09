package dev.homelab.validator.conventions;

class HelmValuesFileTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "helm-values-file";
  }
}
