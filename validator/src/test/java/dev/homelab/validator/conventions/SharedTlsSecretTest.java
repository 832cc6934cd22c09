package dev.homelab.validator.conventions;

class SharedTlsSecretTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "shared-tls-secret";
  }
}
