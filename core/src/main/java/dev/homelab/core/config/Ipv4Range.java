package dev.homelab.core.config;

/**
 * An IPv4 range written as a CIDR (192.168.2.0/24) or as first-last (192.168.2.240-192.168.2.250).
 */
public record Ipv4Range(long first, long last) {

  public static Ipv4Range parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("missing address range");
    }
    String value = text.trim();
    int dash = value.indexOf('-');
    if (dash > 0) {
      long first = address(value.substring(0, dash));
      long last = address(value.substring(dash + 1));
      if (last < first) {
        throw new IllegalArgumentException("address range " + text + " ends before it starts");
      }
      return new Ipv4Range(first, last);
    }
    int slash = value.indexOf('/');
    if (slash < 0) {
      long single = address(value);
      return new Ipv4Range(single, single);
    }
    long base = address(value.substring(0, slash));
    int bits;
    try {
      bits = Integer.parseInt(value.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("`" + text + "` is not a CIDR");
    }
    if (bits < 0 || bits > 32) {
      throw new IllegalArgumentException("`" + text + "` has a prefix length outside 0-32");
    }
    long size = 1L << (32 - bits);
    long first = base & ~(size - 1) & 0xffffffffL;
    return new Ipv4Range(first, first + size - 1);
  }

  public boolean contains(Ipv4Range other) {
    return other.first >= first && other.last <= last;
  }

  private static long address(String text) {
    String[] parts = text.trim().split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("`" + text + "` is not an IPv4 address");
    }
    long value = 0;
    for (String part : parts) {
      int octet;
      try {
        octet = Integer.parseInt(part);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("`" + text + "` is not an IPv4 address");
      }
      if (octet < 0 || octet > 255) {
        throw new IllegalArgumentException("`" + text + "` is not an IPv4 address");
      }
      value = value << 8 | octet;
    }
    return value;
  }
}
