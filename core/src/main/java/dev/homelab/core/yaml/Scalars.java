package dev.homelab.core.yaml;

import java.math.BigInteger;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * YAML scalars as Kubernetes reads them: YAML 1.1 booleans and octal integers, timestamps kept as
 * strings, and sexagesimal numbers, infinities and NaN left as text because JSON has no form for
 * them.
 */
final class Scalars {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Scalars() {}

  static JsonNode scalar(Tag tag, String value) {
    if (Tag.NULL.equals(tag)) {
      return JSON.nullNode();
    }
    if (Tag.BOOL.equals(tag)) {
      String lower = value.toLowerCase(Locale.ROOT);
      return JSON.booleanNode(lower.equals("true") || lower.equals("yes") || lower.equals("on"));
    }
    if (Tag.INT.equals(tag)) {
      JsonNode number = integer(value);
      return number != null ? number : JSON.stringNode(value);
    }
    if (Tag.FLOAT.equals(tag)) {
      JsonNode number = floating(value);
      return number != null ? number : JSON.stringNode(value);
    }
    return JSON.stringNode(value);
  }

  /** YAML 1.1 integers as Go's strconv reads them; sexagesimal stays a string, as in Kubernetes. */
  private static JsonNode integer(String text) {
    String value = text.replace("_", "");
    if (value.indexOf(':') >= 0 || value.isEmpty()) {
      return null;
    }
    int sign = 1;
    if (value.charAt(0) == '-' || value.charAt(0) == '+') {
      sign = value.charAt(0) == '-' ? -1 : 1;
      value = value.substring(1);
    }
    int radix = 10;
    if (value.startsWith("0x") || value.startsWith("0X")) {
      radix = 16;
      value = value.substring(2);
    } else if (value.startsWith("0b") || value.startsWith("0B")) {
      radix = 2;
      value = value.substring(2);
    } else if (value.startsWith("0o")) {
      radix = 8;
      value = value.substring(2);
    } else if (value.length() > 1 && value.charAt(0) == '0') {
      radix = 8;
      value = value.substring(1);
    }
    try {
      BigInteger number = new BigInteger(value, radix);
      if (sign < 0) {
        number = number.negate();
      }
      if (number.bitLength() < 32) {
        return JSON.numberNode(number.intValue());
      }
      if (number.bitLength() < 64) {
        return JSON.numberNode(number.longValue());
      }
      return JSON.numberNode(number);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static JsonNode floating(String text) {
    String value = text.replace("_", "");
    if (value.indexOf(':') >= 0 || value.startsWith(".") && !value.matches("\\.[0-9].*")) {
      return null; // sexagesimal, .inf and .nan have no JSON form
    }
    try {
      double number = Double.parseDouble(value);
      return Double.isFinite(number) ? JSON.numberNode(number) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
