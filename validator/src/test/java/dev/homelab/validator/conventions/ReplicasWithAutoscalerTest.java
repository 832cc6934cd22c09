package dev.homelab.validator.conventions;

class ReplicasWithAutoscalerTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "replicas-with-autoscaler";
  }
}
