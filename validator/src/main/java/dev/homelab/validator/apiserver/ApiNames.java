package dev.homelab.validator.apiserver;

import dev.homelab.core.model.GroupVersionKind;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The name syntaxes the Kubernetes API server enforces on object metadata, as its apimachinery
 * validation defines them. Each check returns why a value fails, or empty when it passes.
 */
final class ApiNames {

  static final int LABEL_MAX = 63;
  static final int SUBDOMAIN_MAX = 253;
  // A CronJob's Jobs are named <cronjob>-<11 characters>, and a Job's name must fit a label.
  static final int CRONJOB_NAME_MAX = 52;

  private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS1123_LABEL_PATTERN = Pattern.compile(DNS1123_LABEL);
  private static final Pattern DNS1123_SUBDOMAIN_PATTERN =
      Pattern.compile(DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*");
  private static final Pattern DNS1035_LABEL_PATTERN =
      Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  static final int PORT_NAME_MAX = 15;
  private static final Pattern PORT_NAME_PATTERN = Pattern.compile("[-a-z0-9]+");
  private static final Pattern PORT_NAME_LETTER = Pattern.compile("[a-z]");
  private static final Pattern WILDCARD_SUBDOMAIN_PATTERN =
      Pattern.compile("\\*\\." + DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*");
  private static final String OCTET = "(25[0-5]|2[0-4]\\d|[01]?\\d?\\d)";
  private static final Pattern IPV4_PATTERN = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  // Loose on purpose: anything of hex digits with two colons is an IPv6 literal, never a DNS name.
  private static final Pattern IPV6_PATTERN =
      Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");
  private static final Pattern CONFIG_KEY_PATTERN = Pattern.compile("[-._a-zA-Z0-9]+");
  private static final Pattern QUALIFIED_NAME_PATTERN =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

  /** The API groups Kubernetes 1.34 serves itself; every other group belongs to a CRD. */
  static final Set<String> BUILT_IN_GROUPS =
      Set.of(
          "",
          "admissionregistration.k8s.io",
          "apiextensions.k8s.io",
          "apiregistration.k8s.io",
          "apps",
          "authentication.k8s.io",
          "authorization.k8s.io",
          "autoscaling",
          "batch",
          "certificates.k8s.io",
          "coordination.k8s.io",
          "discovery.k8s.io",
          "events.k8s.io",
          "extensions",
          "flowcontrol.apiserver.k8s.io",
          "internal.apiserver.k8s.io",
          "networking.k8s.io",
          "node.k8s.io",
          "policy",
          "rbac.authorization.k8s.io",
          "resource.k8s.io",
          "scheduling.k8s.io",
          "storage.k8s.io",
          "storagemigration.k8s.io");

  /** How the API server checks the name of one kind. */
  enum NameSyntax {
    DNS1123_LABEL,
    DNS1035_LABEL,
    DNS1123_SUBDOMAIN,
    PATH_SEGMENT
  }

  /** Built-in kinds whose names the API server holds to more than a path segment. */
  private static final Map<String, NameSyntax> BY_KIND = new TreeMap<>();

  static {
    BY_KIND.put("/Namespace", NameSyntax.DNS1123_LABEL);
    BY_KIND.put("/Service", NameSyntax.DNS1035_LABEL);
    for (String kind :
        List.of(
            "/ConfigMap",
            "/Secret",
            "/Pod",
            "/PersistentVolumeClaim",
            "/ServiceAccount",
            "/LimitRange",
            "/ResourceQuota",
            "/ReplicationController",
            "/Endpoints",
            "/Node",
            "apps/Deployment",
            "apps/StatefulSet",
            "apps/DaemonSet",
            "apps/ReplicaSet",
            "batch/Job",
            "batch/CronJob",
            "networking.k8s.io/Ingress",
            "networking.k8s.io/IngressClass",
            "networking.k8s.io/NetworkPolicy",
            "policy/PodDisruptionBudget",
            "autoscaling/HorizontalPodAutoscaler",
            "storage.k8s.io/StorageClass",
            "scheduling.k8s.io/PriorityClass")) {
      BY_KIND.put(kind, NameSyntax.DNS1123_SUBDOMAIN);
    }
  }

  /** The kinds of that table, as group/Kind, for the test that holds it to the schemas. */
  static final Set<String> TABLE_KINDS = Collections.unmodifiableSet(BY_KIND.keySet());

  private ApiNames() {}

  /**
   * The name syntax of a kind. Built-in kinds the table leaves out are only held to the rule every
   * name meets (a path segment), so the check never refuses a name the API server would accept.
   */
  static NameSyntax nameSyntax(GroupVersionKind type) {
    if (!BUILT_IN_GROUPS.contains(type.group())) {
      return NameSyntax.DNS1123_SUBDOMAIN; // custom resources
    }
    return BY_KIND.getOrDefault(type.group() + "/" + type.kind(), NameSyntax.PATH_SEGMENT);
  }

  static Optional<String> check(NameSyntax syntax, String name) {
    return switch (syntax) {
      case DNS1123_LABEL -> dns1123Label(name);
      case DNS1035_LABEL -> dns1035Label(name);
      case DNS1123_SUBDOMAIN -> dns1123Subdomain(name);
      case PATH_SEGMENT -> pathSegment(name);
    };
  }

  static Optional<String> dns1123Label(String value) {
    return longerThan(value, LABEL_MAX)
        .or(
            () ->
                mismatch(
                    DNS1123_LABEL_PATTERN,
                    value,
                    "may hold only lowercase letters, digits and '-', and must start and end with"
                        + " a letter or digit"));
  }

  static Optional<String> dns1035Label(String value) {
    return longerThan(value, LABEL_MAX)
        .or(
            () ->
                mismatch(
                    DNS1035_LABEL_PATTERN,
                    value,
                    "may hold only lowercase letters, digits and '-', must start with a letter and"
                        + " end with a letter or digit"));
  }

  static Optional<String> dns1123Subdomain(String value) {
    return longerThan(value, SUBDOMAIN_MAX)
        .or(
            () ->
                mismatch(
                    DNS1123_SUBDOMAIN_PATTERN,
                    value,
                    "may hold only lowercase letters, digits, '-' and '.', and each part between"
                        + " dots must start and end with a letter or digit"));
  }

  static Optional<String> pathSegment(String value) {
    if (value.equals(".") || value.equals("..")) {
      return Optional.of("may not be '" + value + "'");
    }
    if (value.contains("/") || value.contains("%")) {
      return Optional.of("may not contain '/' or '%'");
    }
    return Optional.empty();
  }

  /**
   * An Ingress rule's host: a DNS subdomain, or one with a leading {@code *.} wildcard, and not an
   * IP address.
   */
  static Optional<String> ingressHost(String value) {
    if (IPV4_PATTERN.matcher(value).matches() || IPV6_PATTERN.matcher(value).matches()) {
      return Optional.of("must be a DNS name, not an IP address");
    }
    return hostName(value);
  }

  /** A TLS host: a DNS subdomain, or one with a leading {@code *.} wildcard. */
  static Optional<String> hostName(String value) {
    if (!value.contains("*")) {
      return dns1123Subdomain(value);
    }
    return longerThan(value, SUBDOMAIN_MAX)
        .or(
            () ->
                mismatch(
                    WILDCARD_SUBDOMAIN_PATTERN,
                    value,
                    "may use '*' only as its whole first part, as in *.home.example.com"));
  }

  /**
   * A named port (IANA service name syntax): at most 15 lowercase letters, digits and '-', with at
   * least one letter, and no '-' at either end or twice in a row.
   */
  static Optional<String> portName(String value) {
    if (value.length() > PORT_NAME_MAX) {
      return Optional.of("must be at most " + PORT_NAME_MAX + " characters, not " + value.length());
    }
    if (!PORT_NAME_PATTERN.matcher(value).matches()) {
      return Optional.of("may hold only lowercase letters, digits and '-'");
    }
    if (value.startsWith("-") || value.endsWith("-") || value.contains("--")) {
      return Optional.of("may not start or end with '-', nor hold '--'");
    }
    if (!PORT_NAME_LETTER.matcher(value).find()) {
      return Optional.of("must hold at least one letter");
    }
    return Optional.empty();
  }

  /** An environment variable's name (Kubernetes 1.34 and later): printable ASCII other than '='. */
  static Optional<String> envVarName(String value) {
    if (value.isEmpty()) {
      return Optional.of("may not be empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '=') {
        return Optional.of("may not hold '='; the value goes in value or valueFrom");
      }
      if (c < ' ' || c > '~') {
        return Optional.of("may hold only printable ASCII characters");
      }
    }
    return Optional.empty();
  }

  /** A key of a ConfigMap's or Secret's data: letters, digits, '-', '_' and '.'. */
  static Optional<String> configKey(String key) {
    if (key.equals(".")) {
      return Optional.of("may not be '.'");
    }
    if (key.startsWith("..")) {
      return Optional.of("may not start with '..'");
    }
    if (key.contains("/")) {
      return Optional.of(
          "may not hold '/'; mount the file in a subfolder through the volume's items[].path");
    }
    return longerThan(key, SUBDOMAIN_MAX)
        .or(
            () ->
                mismatch(
                    CONFIG_KEY_PATTERN, key, "may hold only letters, digits, '-', '_' and '.'"));
  }

  /** A label or annotation key: a name of up to 63 characters, with an optional DNS prefix. */
  static Optional<String> qualifiedName(String key) {
    String[] parts = key.split("/", -1);
    if (parts.length > 2) {
      return Optional.of("may hold at most one '/', between a DNS prefix and a name");
    }
    String name = parts[parts.length - 1];
    if (parts.length == 2) {
      if (parts[0].isEmpty()) {
        return Optional.of("has an empty prefix before '/'");
      }
      Optional<String> prefix = dns1123Subdomain(parts[0]);
      if (prefix.isPresent()) {
        return Optional.of("has a prefix that " + prefix.get());
      }
    }
    if (name.isEmpty()) {
      return Optional.of("has an empty name");
    }
    return longerThan(name, LABEL_MAX)
        .or(() -> mismatch(QUALIFIED_NAME_PATTERN, name, NAME_CHARACTERS))
        .map(reason -> (parts.length == 2 ? "has a name part that " : "") + reason);
  }

  /** A label value: empty, or a name of up to 63 characters. */
  static Optional<String> labelValue(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return longerThan(value, LABEL_MAX)
        .or(() -> mismatch(QUALIFIED_NAME_PATTERN, value, NAME_CHARACTERS));
  }

  private static final String NAME_CHARACTERS =
      "may hold only letters, digits, '-', '_' and '.', and must start and end with a letter or"
          + " digit";

  private static Optional<String> longerThan(String value, int max) {
    return value.length() > max
        ? Optional.of("must be at most " + max + " characters, not " + value.length())
        : Optional.empty();
  }

  private static Optional<String> mismatch(Pattern pattern, String value, String rule) {
    return pattern.matcher(value).matches() ? Optional.empty() : Optional.of(rule);
  }
}
