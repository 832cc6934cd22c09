package dev.homelab.validator.conventions;

class ComponentFolderTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "component-folder";
  }
}
