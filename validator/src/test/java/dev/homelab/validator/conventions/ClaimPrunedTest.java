package dev.homelab.validator.conventions;

/** Compares its fixture with the fixture's base/ tree, committed to a real git repository. */
class ClaimPrunedTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "claim-pruned";
  }
}
