package dev.homelab.validator.conventions;

class RouteNotAttachedTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "route-not-attached";
  }
}
