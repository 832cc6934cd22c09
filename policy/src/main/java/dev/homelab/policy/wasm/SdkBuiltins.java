package dev.homelab.policy.wasm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OPA builtins that compiled Wasm leaves to its host ("SDK-dependent" builtins), in Java.
 *
 * <p>{@code units.parse} is what the bundled policy needs beyond the builtins opa-java-wasm
 * provides. {@code sprintf}, {@code yaml.unmarshal} and {@code yaml.is_valid} duplicate
 * opa-java-wasm's for the build-time-compiled host, which cannot use opa-java-wasm's
 * implementations because they only run against its own {@code OpaWasm}.
 *
 * <p>As in OPA's evaluator, a builtin whose operands it cannot handle is undefined (returns {@link
 * Optional#empty()}) rather than failing the whole evaluation.
 */
final class SdkBuiltins {

  /** A builtin over JSON values; empty means undefined. */
  @FunctionalInterface
  interface Builtin {
    Optional<JsonNode> apply(JsonNode[] args);
  }

  /** The builtins opa-java-wasm 1.0.4 lacks, registered with it as well as with our own host. */
  static final Map<String, Builtin> MISSING_FROM_OPA_JAVA_WASM =
      Map.of("units.parse", SdkBuiltins::unitsParse);

  /** Everything the build-time-compiled host offers. */
  static final Map<String, Builtin> ALL =
      Map.of(
          "units.parse", SdkBuiltins::unitsParse,
          "sprintf", SdkBuiltins::sprintf,
          "yaml.unmarshal", SdkBuiltins::yamlUnmarshal,
          "yaml.is_valid", SdkBuiltins::yamlIsValid);

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private SdkBuiltins() {}

  // ---- units.parse ------------------------------------------------------------------------

  private static final Map<String, BigDecimal> UNITS =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("m", new BigDecimal("0.001")),
          Map.entry("k", BigDecimal.valueOf(1000L)),
          Map.entry("K", BigDecimal.valueOf(1000L)),
          Map.entry("M", BigDecimal.valueOf(1000_000L)),
          Map.entry("g", BigDecimal.valueOf(1000_000_000L)),
          Map.entry("G", BigDecimal.valueOf(1000_000_000L)),
          Map.entry("t", BigDecimal.TEN.pow(12)),
          Map.entry("T", BigDecimal.TEN.pow(12)),
          Map.entry("p", BigDecimal.TEN.pow(15)),
          Map.entry("P", BigDecimal.TEN.pow(15)),
          Map.entry("e", BigDecimal.TEN.pow(18)),
          Map.entry("E", BigDecimal.TEN.pow(18)),
          Map.entry("ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("ei", BigDecimal.valueOf(1L << 60)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  // OPA refuses longer exponents rather than building enormous numbers.
  private static final int MAX_EXPONENT_DIGITS = 3;

  /**
   * {@code units.parse(x)}: a quantity such as {@code 500m}, {@code 1.5Gi} or {@code 1e3} as a
   * number; {@code m} is milli and {@code M} mega, other units ignore case after their first
   * letter.
   */
  static Optional<JsonNode> unitsParse(JsonNode[] args) {
    if (!args[0].isTextual()) {
      return Optional.empty();
    }
    String s = args[0].asText().replace("\"", "");
    if (s.contains(" ")) {
      return Optional.empty();
    }
    int split = numberLength(s);
    if (split <= 0) {
      return Optional.empty();
    }
    String unit = s.substring(split);
    if (unit.length() > 1) {
      unit = unit.charAt(0) + unit.substring(1).toLowerCase(Locale.ROOT);
    }
    BigDecimal multiplier = UNITS.get(unit);
    if (multiplier == null) {
      return Optional.empty();
    }
    BigDecimal amount;
    try {
      amount = new BigDecimal(s.substring(0, split));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    BigDecimal value = amount.multiply(multiplier);
    if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
      return Optional.of(BigIntegerNode.valueOf(value.toBigIntegerExact()));
    }
    // OPA prints non-integers with ten decimals, rounding halves away from zero.
    return Optional.of(
        DecimalNode.valueOf(value.setScale(10, RoundingMode.HALF_UP).stripTrailingZeros()));
  }

  /** Length of the leading number, or -1 when its exponent is too long. */
  private static int numberLength(String s) {
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isDigit(c) || c == '.' || c == '+' || c == '-') {
        i++;
        continue;
      }
      if ((c == 'e' || c == 'E') && i + 1 < s.length()) {
        int j = i + 1;
        char next = s.charAt(j);
        if (Character.isDigit(next) || next == '+' || next == '-') {
          if (next == '+' || next == '-') {
            j++;
          }
          int digitsStart = j;
          while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
          }
          if (j - digitsStart > MAX_EXPONENT_DIGITS) {
            return -1;
          }
          i = j;
          continue;
        }
      }
      break;
    }
    return i;
  }

  // ---- sprintf ----------------------------------------------------------------------------

  /**
   * {@code sprintf(format, values)} for the verbs the policies use: {@code %s}, {@code %v}, {@code
   * %d} and {@code %%}; values print as OPA prints them (strings bare, composites as Rego terms).
   */
  static Optional<JsonNode> sprintf(JsonNode[] args) {
    if (!args[0].isTextual() || !args[1].isArray()) {
      return Optional.empty();
    }
    String format = args[0].asText();
    Iterator<JsonNode> values = args[1].elements();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 >= format.length()) {
        out.append(c);
        continue;
      }
      char verb = format.charAt(++i);
      if (verb == '%') {
        out.append('%');
      } else if (!values.hasNext()) {
        out.append("%!").append(verb).append("(MISSING)");
      } else {
        JsonNode value = values.next();
        out.append(verb == 'd' && !value.isNumber() ? "%!d(" + term(value) + ")" : plain(value));
      }
    }
    return Optional.of(TextNode.valueOf(out.toString()));
  }

  private static String plain(JsonNode value) {
    return value.isTextual() ? value.asText() : term(value);
  }

  /** A value as OPA prints a term: strings quoted, ", " and ": " between elements. */
  private static String term(JsonNode value) {
    if (value.isTextual()) {
      return Json.write(value.asText());
    }
    if (value.isNumber()) {
      return number(value);
    }
    if (value.isArray()) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < value.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(term(value.get(i)));
      }
      return out.append(']').toString();
    }
    if (value.isObject()) {
      StringBuilder out = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        out.append(first ? "" : ", ").append(Json.write(field.getKey())).append(": ");
        out.append(term(field.getValue()));
        first = false;
      }
      return out.append('}').toString();
    }
    return value.asText();
  }

  private static String number(JsonNode value) {
    BigDecimal decimal = value.decimalValue();
    return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
  }

  // ---- yaml -------------------------------------------------------------------------------

  /** {@code yaml.unmarshal(x)}: the first YAML document of x as JSON. */
  static Optional<JsonNode> yamlUnmarshal(JsonNode[] args) {
    if (!args[0].isTextual()) {
      return Optional.empty();
    }
    try {
      JsonNode node = YAML.readTree(args[0].asText());
      return Optional.of(node == null || node.isMissingNode() ? NullNode.getInstance() : node);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** {@code yaml.is_valid(x)}: whether x is a string holding valid YAML. */
  static Optional<JsonNode> yamlIsValid(JsonNode[] args) {
    return Optional.of(BooleanNode.valueOf(yamlUnmarshal(args).isPresent()));
  }
}
