package dev.homelab.validator.conventions;

class MiddlewareNotFoundTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "middleware-not-found";
  }
}
