package dev.homelab.validator.conventions;

class ClientSideApplyTooLargeTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "client-side-apply-too-large";
  }
}
