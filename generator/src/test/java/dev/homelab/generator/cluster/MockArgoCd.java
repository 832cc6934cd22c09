package dev.homelab.generator.cluster;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;

/** What the fabric8 mock API server must know about Argo CD before it can store Applications. */
public final class MockArgoCd {

  /** Argo CD's Application resource, registered with the CRUD mock server. */
  public static final CustomResourceDefinitionContext APPLICATIONS =
      new CustomResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withKind("Application")
          .withPlural("applications")
          .withName("applications.argoproj.io")
          .withScope("Namespaced")
          .withStatusSubresource(false)
          .build();

  private MockArgoCd() {}
}
