package dev.homelab.validator.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Kubernetes quantities in every suffix form, compared as exact numbers. */
class QuantitiesTest {

  @ParameterizedTest
  @CsvSource({
    "500m, 0.5",
    "1, 1",
    "1.5, 1.5",
    ".5, 0.5",
    "2., 2",
    "+3, 3",
    "128Mi, 134217728",
    "1Gi, 1073741824",
    "1.5Gi, 1610612736",
    "1G, 1000000000",
    "1k, 1000",
    "100u, 0.0001",
    "5n, 0.000000005",
    "1e3, 1000",
    "1E3, 1000",
    "2E, 2000000000000000000",
    "1Ei, 1152921504606846976"
  })
  void readsEachForm(String text, String expected) {
    assertThat(Quantities.parse(text))
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(new BigDecimal(expected)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2 cores", "1GB", "Gi", "1.2.3", "m", "1e", "1e999"})
  void refusesWhatIsNotAQuantity(String text) {
    assertThat(Quantities.parse(text)).isEmpty();
  }
}
