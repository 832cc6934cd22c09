package dev.homelab.core.finding;

import java.util.Comparator;

/** The Kubernetes object a finding is about; namespace is empty for cluster-scoped objects. */
public record ResourceRef(String apiVersion, String kind, String namespace, String name)
    implements Comparable<ResourceRef> {

  private static final Comparator<ResourceRef> ORDER =
      Comparator.comparing(ResourceRef::kind)
          .thenComparing(ResourceRef::namespace)
          .thenComparing(ResourceRef::name)
          .thenComparing(ResourceRef::apiVersion);

  public ResourceRef {
    apiVersion = apiVersion == null ? "" : apiVersion;
    kind = kind == null ? "" : kind;
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
  }

  /** Short form used in messages, such as {@code Deployment data/postgres-primary}. */
  public String display() {
    return kind + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }

  @Override
  public int compareTo(ResourceRef other) {
    return ORDER.compare(this, other);
  }
}
