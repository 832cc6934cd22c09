package dev.homelab.validator.schema.gen;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API group and version that each client-java {@code <Group><Version>Api} class serves. The
 * class name carries the version but only a CamelCase hint of the group, so the groups are listed
 * here; ApiGroupsTest checks every entry against the request paths of the Api classes themselves.
 */
final class ApiGroups {

  private static final Pattern GROUP_VERSION_API =
      Pattern.compile("^(?<prefix>[A-Z][A-Za-z]*?)(?<version>V\\d+(?:(?:alpha|beta)\\d+)?)Api$");

  private static final Map<String, String> GROUP_BY_CLASS_PREFIX =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("Admissionregistration", "admissionregistration.k8s.io"),
              Map.entry("Apiextensions", "apiextensions.k8s.io"),
              Map.entry("Apiregistration", "apiregistration.k8s.io"),
              Map.entry("Apps", "apps"),
              Map.entry("Authentication", "authentication.k8s.io"),
              Map.entry("Authorization", "authorization.k8s.io"),
              Map.entry("Autoscaling", "autoscaling"),
              Map.entry("Batch", "batch"),
              Map.entry("Certificates", "certificates.k8s.io"),
              Map.entry("Coordination", "coordination.k8s.io"),
              Map.entry("Core", ""),
              Map.entry("Discovery", "discovery.k8s.io"),
              Map.entry("Events", "events.k8s.io"),
              Map.entry("FlowcontrolApiserver", "flowcontrol.apiserver.k8s.io"),
              Map.entry("InternalApiserver", "internal.apiserver.k8s.io"),
              Map.entry("Networking", "networking.k8s.io"),
              Map.entry("Node", "node.k8s.io"),
              Map.entry("Policy", "policy"),
              Map.entry("RbacAuthorization", "rbac.authorization.k8s.io"),
              Map.entry("Resource", "resource.k8s.io"),
              Map.entry("Scheduling", "scheduling.k8s.io"),
              Map.entry("Storage", "storage.k8s.io"),
              Map.entry("Storagemigration", "storagemigration.k8s.io")));

  private ApiGroups() {}

  /** Whether the simple class name has the shape of a single group/version API. */
  static boolean isGroupVersionApi(String simpleName) {
    return GROUP_VERSION_API.matcher(simpleName).matches();
  }

  /**
   * The group and version of a group/version Api class; an Api class whose group is not listed
   * fails the build, so a new Kubernetes API group cannot be skipped silently.
   */
  static GroupVersion of(Class<?> api) {
    Matcher matcher = GROUP_VERSION_API.matcher(api.getSimpleName());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(api.getName() + " is not a <Group><Version>Api class");
    }
    String versionToken = matcher.group("version");
    String version =
        versionToken.substring(0, 1).toLowerCase(Locale.ROOT) + versionToken.substring(1);
    String group =
        Optional.ofNullable(GROUP_BY_CLASS_PREFIX.get(matcher.group("prefix")))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No API group is listed for "
                            + api.getSimpleName()
                            + "; add its prefix '"
                            + matcher.group("prefix")
                            + "' to ApiGroups"));
    return new GroupVersion(group, version);
  }

  /** An API group ({@code ""} for core) and version, as they appear in apiVersion. */
  record GroupVersion(String group, String version) {}
}
