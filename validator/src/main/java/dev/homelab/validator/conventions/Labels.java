package dev.homelab.validator.conventions;

import java.util.List;

/** The Kubernetes recommended labels the lab puts on every object. */
final class Labels {

  static final String NAME = "app.kubernetes.io/name";
  static final String INSTANCE = "app.kubernetes.io/instance";
  static final String COMPONENT = "app.kubernetes.io/component";
  static final String PART_OF = "app.kubernetes.io/part-of";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  static final List<String> RECOMMENDED = List.of(NAME, INSTANCE, COMPONENT, PART_OF, MANAGED_BY);

  static final String SINCE = "0.1.0";
  static final String FAMILY = "conventions";

  private Labels() {}
}
