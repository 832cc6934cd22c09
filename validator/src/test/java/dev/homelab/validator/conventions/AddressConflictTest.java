package dev.homelab.validator.conventions;

class AddressConflictTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "address-conflict";
  }
}
