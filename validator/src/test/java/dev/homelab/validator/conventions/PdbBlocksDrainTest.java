package dev.homelab.validator.conventions;

class PdbBlocksDrainTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "pdb-blocks-drain";
  }
}
