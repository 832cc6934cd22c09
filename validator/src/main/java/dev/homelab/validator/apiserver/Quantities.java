package dev.homelab.validator.apiserver;

import dev.homelab.core.yaml.Nodes;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Kubernetes resource quantities (such as 500m, 1.5Gi or 1e3) as exact decimal numbers. */
public final class Quantities {

  // A number, then a binary or decimal SI suffix, or a decimal exponent.
  private static final Pattern QUANTITY =
      Pattern.compile(
          "([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\\d+))?");

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")));

  private Quantities() {}

  /** A quantity as written: a string, or a bare number in YAML; null for anything else. */
  public static String text(JsonNode value) {
    if (value == null) {
      return null;
    }
    return value.isNumber() ? value.asString() : Nodes.text(value, null);
  }

  /** The quantity's value, or empty when the text is not a quantity (the schema reports that). */
  public static Optional<BigDecimal> parse(String text) {
    Matcher m = QUANTITY.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal number = new BigDecimal(m.group(1));
    if (m.group(2) != null) {
      return Optional.of(number.multiply(SUFFIXES.get(m.group(2))));
    }
    if (m.group(3) == null) {
      return Optional.of(number);
    }
    int exponent = Integer.parseInt(m.group(3).replace("+", ""));
    // Beyond what any resource could hold; the API server refuses such numbers anyway.
    return Math.abs(exponent) > 100
        ? Optional.empty()
        : Optional.of(number.scaleByPowerOfTen(exponent));
  }
}
