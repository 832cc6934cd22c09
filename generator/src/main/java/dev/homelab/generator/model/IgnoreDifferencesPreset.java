package dev.homelab.generator.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code ignoreDifferences} presets a component can name in homelab.yaml: fields that a
 * controller fills in at run time (CA bundles injected by cert-manager's cainjector or by the
 * chart's own hooks), which would otherwise keep the Application OutOfSync forever.
 */
public enum IgnoreDifferencesPreset {
  WEBHOOK_CA_BUNDLE(
      "webhook-ca-bundle",
      "admissionregistration.k8s.io",
      List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"),
      ".webhooks[]?.clientConfig.caBundle"),
  CRD_CA_BUNDLE(
      "crd-ca-bundle",
      "apiextensions.k8s.io",
      List.of("CustomResourceDefinition"),
      ".spec.conversion.webhook.clientConfig.caBundle"),
  APISERVICE_CA_BUNDLE(
      "apiservice-ca-bundle", "apiregistration.k8s.io", List.of("APIService"), ".spec.caBundle");

  private final String id;
  private final String group;
  private final List<String> kinds;
  private final String jqPath;

  IgnoreDifferencesPreset(String id, String group, List<String> kinds, String jqPath) {
    this.id = id;
    this.group = group;
    this.kinds = kinds;
    this.jqPath = jqPath;
  }

  /** The preset called {@code id} in homelab.yaml; the config schema allows no other names. */
  public static IgnoreDifferencesPreset byId(String id) {
    for (IgnoreDifferencesPreset preset : values()) {
      if (preset.id.equals(id)) {
        return preset;
      }
    }
    throw new IllegalArgumentException("unknown ignoreDifferences preset " + id);
  }

  public String id() {
    return id;
  }

  /**
   * The Application's {@code ignoreDifferences} entries for these presets, sorted by group, kind.
   */
  public static List<Map<String, Object>> entries(Set<IgnoreDifferencesPreset> presets) {
    TreeSet<IgnoreDifferencesPreset> sorted =
        new TreeSet<>(Comparator.comparing((IgnoreDifferencesPreset p) -> p.group));
    sorted.addAll(presets);
    List<Map<String, Object>> entries = new ArrayList<>();
    for (IgnoreDifferencesPreset preset : sorted) {
      for (String kind : preset.kinds) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("group", preset.group);
        entry.put("kind", kind);
        entry.put("jqPathExpressions", List.of(preset.jqPath));
        entries.add(entry);
      }
    }
    return entries;
  }
}
