package dev.homelab.validator.conventions;

class ManifestOutsideComponentTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "manifest-outside-component";
  }
}
