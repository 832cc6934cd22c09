package dev.homelab.validator.conventions;

class InvalidArgocdAnnotationTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "invalid-argocd-annotation";
  }
}
