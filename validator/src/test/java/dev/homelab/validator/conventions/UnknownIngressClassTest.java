package dev.homelab.validator.conventions;

class UnknownIngressClassTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "unknown-ingress-class";
  }
}
