package dev.homelab.validator.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotaExceededTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "quota-exceeded";
  }

  /**
   * The rule counts against the ResourceQuota object, which nothing generates from the profile, so
   * raising only the profile's `quota` in homelab.yaml would change nothing.
   */
  @Test
  void theRemediationRaisesTheResourceQuotaItself() {
    String remediation = new QuotaExceeded().info().remediation();

    assertThat(remediation)
        .contains("ResourceQuota's `spec.hard`")
        .contains("namespace-limits-differ-from-profile")
        .doesNotContain("generated");
  }
}
