package dev.homelab.validator.schema.gen;

import java.util.Comparator;

/**
 * A top-level Kubernetes kind that can be created and listed through the API, with the client-java
 * model class that describes its body.
 */
record ApiKind(String group, String version, String kind, boolean namespaced, Class<?> model) {

  static final Comparator<ApiKind> BY_GROUP_VERSION_KIND =
      Comparator.comparing(ApiKind::group)
          .thenComparing(ApiKind::version)
          .thenComparing(ApiKind::kind);

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  @Override
  public String toString() {
    return apiVersion() + " " + kind;
  }
}
