package dev.homelab.core.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * YAML scalars as Kubernetes reads them: kubectl and Argo CD read YAML with sigs.k8s.io/yaml, whose
 * go-yaml v2 resolves plain scalars by its own table (y and n are booleans, 0o17 and 0X1F are
 * integers, timestamps and sexagesimal numbers stay text) and then turns the result into JSON.
 */
final class Scalars {

  /** A scalar that Kubernetes refuses while turning the document into JSON. */
  static final class NotJson extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotJson(String message) {
      super(message, null, false, false);
    }
  }

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static final String PREFIX = "tag:yaml.org,2002:";
  private static final String STR = PREFIX + "str";
  private static final String BOOL = PREFIX + "bool";
  private static final String INT = PREFIX + "int";
  private static final String FLOAT = PREFIX + "float";
  private static final String NULL = PREFIX + "null";
  private static final String TIMESTAMP = PREFIX + "timestamp";
  private static final String BINARY = PREFIX + "binary";

  private static final BigInteger MAX_UINT64 =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** go-yaml v2's resolveMap: the words it reads as a value whatever follows. */
  private static final Map<String, JsonNode> WORDS = words();

  private static final Pattern YAML_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  /** What Go's strconv.ParseFloat takes from a text that starts with a dot. */
  private static final Pattern DOT_FLOAT =
      Pattern.compile("\\.[0-9](_?[0-9])*([eE][-+]?[0-9](_?[0-9])*)?");

  private Scalars() {}

  private record Resolved(String tag, JsonNode node) {}

  /**
   * The JSON value of a scalar; {@code tag} is its explicit tag or null, {@code plain} whether it
   * is an untagged plain scalar that go-yaml resolves.
   */
  static JsonNode value(String tag, boolean plain, String text) {
    JsonNode node = decode(tag, plain, text);
    if (!node.isDouble()) {
      return node;
    }
    double number = node.doubleValue();
    if (!Double.isFinite(number)) {
      throw new NotJson(
          "`"
              + text
              + "` is "
              + (Double.isNaN(number) ? "NaN" : "an infinite number")
              + " to Kubernetes, which JSON cannot hold; quote it to keep it as text");
    }
    if (number == Math.rint(number) && Math.abs(number) < 1e21) {
      // Go writes a whole float below 1e21 to JSON without a fraction, so it reads back an integer.
      return integer(new BigDecimal(number).toBigInteger());
    }
    return node;
  }

  /** The JSON key that sigs.k8s.io/yaml makes of a scalar mapping key. */
  static String key(String tag, boolean plain, String text) {
    if (tag == null && (!plain || !mayResolve(text))) {
      return text;
    }
    if (tag == null
        && !text.isEmpty()
        && Character.isLetter(text.charAt(0))
        && !WORDS.containsKey(text)) {
      return text; // most keys (name, namespace, type) start with a letter that may begin a word
    }
    return key(decode(tag, plain, text), text);
  }

  /** The JSON key of an already resolved scalar, such as the one an alias names. */
  static String key(JsonNode node, String text) {
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean() || node.isInt() || node.isLong()) {
      return node.asString();
    }
    if (node.isDouble()) {
      return goFloat32(node.doubleValue());
    }
    throw new NotJson(
        (text.isEmpty() ? "an empty key" : "the key `" + text + "`")
            + " reads as "
            + (node.isNull() ? "null" : "an integer above 2^63")
            + ", which Kubernetes cannot turn into a JSON key; quote it");
  }

  /** Whether go-yaml's resolver looks at a plain scalar at all: it starts with a hint character. */
  static boolean mayResolve(String text) {
    return text.isEmpty() || "+-0123456789yYnNtTfFoO~.".indexOf(text.charAt(0)) >= 0;
  }

  private static JsonNode decode(String tag, boolean plain, String text) {
    if (tag == null) {
      return plain ? resolve("", text) : JSON.stringNode(text);
    }
    if (tag.equals(BINARY)) {
      return binary(text);
    }
    if (tag.equals(STR)
        || tag.equals(BOOL)
        || tag.equals(INT)
        || tag.equals(FLOAT)
        || tag.equals(NULL)
        || tag.equals(TIMESTAMP)) {
      return resolve(tag, text);
    }
    return JSON.stringNode(text);
  }

  /** go-yaml v2's resolve(): the tag's check after the plain resolution. */
  private static JsonNode resolve(String tag, String text) {
    if (tag.equals(STR)) {
      return JSON.stringNode(text);
    }
    Resolved resolved = plain(text);
    if (tag.isEmpty() || tag.equals(resolved.tag) || tag.equals(TIMESTAMP)) {
      return resolved.node;
    }
    if (tag.equals(FLOAT) && resolved.tag.equals(INT) && resolved.node.canConvertToLong()) {
      return JSON.numberNode((double) resolved.node.longValue());
    }
    throw new NotJson(
        "`"
            + text
            + "` reads as "
            + shortTag(resolved.tag)
            + ", not the "
            + shortTag(tag)
            + " its tag names");
  }

  private static Resolved plain(String text) {
    if (!mayResolve(text)) {
      return new Resolved(STR, JSON.stringNode(text));
    }
    JsonNode word = WORDS.get(text);
    if (word != null) {
      String tag = word.isNull() ? NULL : word.isBoolean() ? BOOL : word.isDouble() ? FLOAT : STR;
      return new Resolved(tag, word);
    }
    char hint = text.charAt(0);
    if (hint == '.') {
      if (DOT_FLOAT.matcher(text).matches()) {
        JsonNode number = finite(text.replace("_", ""));
        if (number != null) {
          return new Resolved(FLOAT, number);
        }
      }
    } else if (hint == '+' || hint == '-' || (hint >= '0' && hint <= '9')) {
      String value = text.replace("_", "");
      BigInteger integer = goInteger(value);
      if (integer != null) {
        return new Resolved(INT, integer(integer));
      }
      if (YAML_FLOAT.matcher(value).matches()) {
        JsonNode number = finite(value);
        if (number != null) {
          return new Resolved(FLOAT, number);
        }
      }
      BigInteger binary = null;
      if (value.startsWith("0b")) {
        binary = digits(value.substring(2), 2, true);
      } else if (value.startsWith("-0b")) {
        binary = digits("-" + value.substring(3), 2, true);
      }
      if (binary != null && binary.bitLength() < 64) {
        return new Resolved(INT, integer(binary));
      }
    }
    return new Resolved(STR, JSON.stringNode(text));
  }

  /** Go's strconv.ParseInt(s, 0, 64), then ParseUint(s, 0, 64) for what is above int64. */
  private static BigInteger goInteger(String value) {
    String rest = value;
    boolean signed = false;
    if (rest.startsWith("+") || rest.startsWith("-")) {
      signed = true;
      rest = rest.substring(1);
    }
    BigInteger magnitude = goUnsigned(rest);
    if (magnitude == null) {
      return null;
    }
    if (!signed) {
      return magnitude.compareTo(MAX_UINT64) <= 0 ? magnitude : null;
    }
    BigInteger number = value.charAt(0) == '-' ? magnitude.negate() : magnitude;
    return number.bitLength() < 64 ? number : null;
  }

  private static BigInteger goUnsigned(String value) {
    if (value.isEmpty()) {
      return null;
    }
    if (value.charAt(0) != '0') {
      return digits(value, 10, false);
    }
    if (value.length() >= 3) {
      switch (Character.toLowerCase(value.charAt(1))) {
        case 'b' -> {
          return digits(value.substring(2), 2, false);
        }
        case 'o' -> {
          return digits(value.substring(2), 8, false);
        }
        case 'x' -> {
          return digits(value.substring(2), 16, false);
        }
        default -> {}
      }
    }
    return value.length() == 1 ? BigInteger.ZERO : digits(value.substring(1), 8, false);
  }

  /** ASCII digits of {@code radix} only; BigInteger alone would take other scripts' digits. */
  private static BigInteger digits(String value, int radix, boolean sign) {
    int start =
        sign && !value.isEmpty() && (value.charAt(0) == '-' || value.charAt(0) == '+') ? 1 : 0;
    if (value.length() == start) {
      return null;
    }
    for (int i = start; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 128 || Character.digit(c, radix) < 0) {
        return null;
      }
    }
    return new BigInteger(value, radix);
  }

  private static JsonNode integer(BigInteger number) {
    if (number.bitLength() < 32) {
      return JSON.numberNode(number.intValue());
    }
    if (number.bitLength() < 64) {
      return JSON.numberNode(number.longValue());
    }
    return JSON.numberNode(number);
  }

  /** A float that Go parses; out of range is an error there, so the text stays a string. */
  private static JsonNode finite(String value) {
    double number = Double.parseDouble(value);
    return Double.isInfinite(number) ? null : JSON.numberNode(number);
  }

  /** go-yaml decodes !!binary as base64, ignoring line breaks as Go's decoder does. */
  private static JsonNode binary(String text) {
    String data = text.replace("\n", "").replace("\r", "");
    try {
      if (data.length() % 4 != 0) {
        throw new IllegalArgumentException("unpadded");
      }
      return JSON.stringNode(new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new NotJson("this !!binary value is not valid base64");
    }
  }

  /** Go's strconv.FormatFloat(f, 'g', -1, 32), which sigs.k8s.io/yaml uses for a number key. */
  static String goFloat32(double value) {
    float f = (float) value;
    if (Float.isNaN(f)) {
      return ".nan";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? ".inf" : "-.inf";
    }
    if (f == 0) {
      return 1 / f < 0 ? "-0" : "0";
    }
    BigDecimal exact = new BigDecimal(f);
    BigDecimal shortest = exact;
    for (int precision = 1; precision <= 9; precision++) {
      BigDecimal rounded = exact.round(new MathContext(precision));
      if (rounded.floatValue() == f) {
        shortest = rounded;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    String sign = f < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 6) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      int magnitude = Math.abs(exponent);
      return sign
          + mantissa
          + "e"
          + (exponent < 0 ? "-" : "+")
          + (magnitude < 10 ? "0" : "")
          + magnitude;
    }
    return sign + shortest.abs().toPlainString();
  }

  private static String shortTag(String tag) {
    return tag.startsWith(PREFIX) ? "!!" + tag.substring(PREFIX.length()) : tag;
  }

  private static Map<String, JsonNode> words() {
    Map<String, JsonNode> words = new java.util.HashMap<>();
    for (String word : "y Y yes Yes YES true True TRUE on On ON".split(" ")) {
      words.put(word, JSON.booleanNode(true));
    }
    for (String word : "n N no No NO false False FALSE off Off OFF".split(" ")) {
      words.put(word, JSON.booleanNode(false));
    }
    for (String word : "~ null Null NULL".split(" ")) {
      words.put(word, JSON.nullNode());
    }
    words.put("", JSON.nullNode());
    for (String word : ".nan .NaN .NAN".split(" ")) {
      words.put(word, JSON.numberNode(Double.NaN));
    }
    for (String word : ".inf .Inf .INF +.inf +.Inf +.INF".split(" ")) {
      words.put(word, JSON.numberNode(Double.POSITIVE_INFINITY));
    }
    for (String word : "-.inf -.Inf -.INF".split(" ")) {
      words.put(word, JSON.numberNode(Double.NEGATIVE_INFINITY));
    }
    return Map.copyOf(words);
  }
}
