package dev.homelab.core.schema;

import java.util.Map;
import java.util.Optional;

/**
 * What the regular expressions of the toolkit's schemas ask for, in words that hold wherever the
 * expression appears, so that an error says "must be an IPv4 CIDR" rather than quoting it.
 */
final class PatternWords {

  private static final Map<String, String> MATCHING =
      Map.ofEntries(
          Map.entry(
              "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$",
              "must be a lowercase DNS name with at least one dot, such as home.example.com"),
          Map.entry("\\{app\\}", "must contain the placeholder {app}"),
          Map.entry("^1\\.[0-9]+$", "must be a Kubernetes minor version such as \"1.34\""),
          Map.entry(
              "^[0-9]+(h|d|w)$", "must be whole hours, days or weeks, such as 168h, 7d or 1w"),
          Map.entry(
              "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
              "must be a lowercase DNS label (a-z, 0-9 and -, starting and ending with a letter or"
                  + " digit), such as media-server"),
          Map.entry(
              "^[^/\\\\][^\\\\]*$",
              "must be a relative path with forward slashes, such as applications/media"),
          Map.entry(
              "^([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}$",
              "must be an IPv4 CIDR such as 192.168.1.0/24"),
          Map.entry(
              "^([0-9]{1,3}\\.){3}[0-9]{1,3}(/[0-9]{1,2}|-([0-9]{1,3}\\.){3}[0-9]{1,3})$",
              "must be an IPv4 CIDR or address range, such as 192.168.2.0/28 or"
                  + " 192.168.2.240-192.168.2.250"),
          Map.entry(
              "^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$",
              "must be a Kubernetes quantity such as 500m, 1.5 or 2Gi"),
          Map.entry("\\S", "must not be blank"),
          Map.entry("^[0-9]+$", "must be a whole number such as \"10\""),
          Map.entry(
              "^v?[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?$",
              "must be a version such as 1.2.3 or v1.2.3-rc.1"),
          Map.entry("^[^/]+\\.ya?ml$", "must be a .yaml or .yml file name without a folder"),
          Map.entry(
              "^[a-z0-9]+(-[a-z0-9]+)*$",
              "must be lowercase words joined by single hyphens, such as image-tag-latest"),
          Map.entry("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "must be a date as YYYY-MM-DD"));

  private static final Map<String, String> NOT_MATCHING =
      Map.of(
          "(^|/)\\.\\.(/|$)",
          "must not have a `..` step",
          // The lab's own folder written as ".//" keeps its own, clearer words.
          "^(?!(\\.(/+|$))+$)((\\./)*(?!\\.(/|$))[^/]+/(.*/)?\\.(/|$)|.*//)",
          "must not have an empty step (//) or a `.` step past a leading ./",
          "^(\\.(/+|$))+$",
          "must name a folder inside the lab's, not the lab's own folder (.)");

  private PatternWords() {}

  /** What a value that must match {@code regex} must be, when the expression is a known one. */
  static Optional<String> matching(String regex) {
    if (regex.contains("[KMGTPE]i")) {
      return Optional.of("must be a Kubernetes quantity such as 500m, 1.5 or 2Gi");
    }
    return Optional.ofNullable(MATCHING.get(regex));
  }

  /** What a value that must not match {@code regex} must be, when the expression is a known one. */
  static Optional<String> notMatching(String regex) {
    return Optional.ofNullable(NOT_MATCHING.get(regex));
  }
}
