package dev.homelab.core.model;

/** An API group, version and kind; the core group is the empty string. */
public record GroupVersionKind(String group, String version, String kind) {

  public GroupVersionKind {
    group = group == null ? "" : group;
    version = version == null ? "" : version;
    kind = kind == null ? "" : kind;
  }

  /** Splits an apiVersion such as {@code apps/v1} or {@code v1}. */
  public static GroupVersionKind of(String apiVersion, String kind) {
    String value = apiVersion == null ? "" : apiVersion;
    int slash = value.indexOf('/');
    return slash < 0
        ? new GroupVersionKind("", value, kind)
        : new GroupVersionKind(value.substring(0, slash), value.substring(slash + 1), kind);
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  @Override
  public String toString() {
    return apiVersion() + " " + kind;
  }
}
