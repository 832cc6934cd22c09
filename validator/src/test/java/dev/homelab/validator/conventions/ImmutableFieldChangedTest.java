package dev.homelab.validator.conventions;

/** Compares its fixture with the fixture's base/ tree, committed to a real git repository. */
class ImmutableFieldChangedTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "immutable-field-changed";
  }
}
