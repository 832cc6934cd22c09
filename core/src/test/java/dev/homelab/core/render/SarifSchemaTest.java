package dev.homelab.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.SarifValidation;
import org.junit.jupiter.api.Test;

/** The SARIF output validates against the official SARIF 2.1.0 schema from ../shared. */
class SarifSchemaTest {

  @Test
  void sampleReportIsValidSarif() throws Exception {
    StringBuilder out = new StringBuilder();
    Renderers.forFormat("sarif", false).orElseThrow().render(SampleReport.build(), out);
    assertThat(SarifValidation.errors(out.toString())).isEmpty();
  }

  @Test
  void theSchemaCheckCanFail() throws Exception {
    assertThat(SarifValidation.errors("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {}}]}"))
        .isNotEmpty();
  }
}
