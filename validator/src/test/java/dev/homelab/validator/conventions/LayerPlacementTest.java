package dev.homelab.validator.conventions;

class LayerPlacementTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "layer-placement";
  }
}
