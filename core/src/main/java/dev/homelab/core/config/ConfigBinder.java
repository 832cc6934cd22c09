package dev.homelab.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads a schema-checked homelab.yaml tree into {@link HomeLab}. Hand-written rather than Jackson
 * data binding, because record introspection costs every command about a tenth of a second at
 * start-up; {@code ConfigBinderTest} binds with Jackson too and demands the same result.
 */
final class ConfigBinder {

  private ConfigBinder() {}

  static HomeLab lab(JsonNode root) {
    return new HomeLab(
        text(root, "name"),
        text(root, "domain"),
        text(root, "namePattern"),
        object(
            root,
            "kubernetes",
            k ->
                new HomeLab.Kubernetes(
                    text(k, "version"), text(k, "distribution"), text(k, "distributionVersion"))),
        object(
            root,
            "git",
            g -> new HomeLab.Git(text(g, "repoURL"), text(g, "revision"), text(g, "path"))),
        object(
            root,
            "network",
            n ->
                new HomeLab.Network(
                    text(n, "lan"), text(n, "tailscale"), strings(n, "metallbPools"))),
        object(
            root,
            "routing",
            r ->
                new HomeLab.Routing(
                    text(r, "entryPoint"),
                    text(r, "clusterIssuer"),
                    object(
                        r,
                        "allowListMiddleware",
                        m -> new HomeLab.NamespacedName(text(m, "namespace"), text(m, "name"))),
                    text(r, "minTlsVersion"))),
        object(
            root,
            "storage",
            s -> new HomeLab.Storage(text(s, "defaultClass"), text(s, "localClass"))),
        object(root, "observability", o -> new HomeLab.Observability(text(o, "logRetention"))),
        strings(root, "layers"),
        text(root, "generatedPath"),
        text(root, "docsPath"),
        object(root, "argocd", a -> new HomeLab.ArgoCd(text(a, "namespace"))),
        profiles(root.path("profiles")),
        list(root, "namespaces", ConfigBinder::namespace),
        list(root, "components", ConfigBinder::component),
        list(
            root,
            "exposure",
            e ->
                new HomeLab.Exposure(
                    text(e, "namespace"), text(e, "name"), text(e, "type"), text(e, "reason"))),
        list(
            root,
            "exemptions",
            e ->
                new HomeLab.Exemption(
                    text(e, "rule"),
                    text(e, "kind"),
                    text(e, "namespace"),
                    text(e, "name"),
                    text(e, "file"),
                    text(e, "reason"),
                    text(e, "until"))));
  }

  private static Map<String, HomeLab.Profile> profiles(JsonNode node) {
    Map<String, HomeLab.Profile> profiles = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      JsonNode profile = entry.getValue();
      profiles.put(
          entry.getKey(),
          new HomeLab.Profile(
              text(profile, "description"),
              strings(profile.path("quota")),
              object(
                  profile,
                  "limitRange",
                  l ->
                      new HomeLab.LimitRange(
                          strings(l.path("defaultRequest")),
                          strings(l.path("default")),
                          strings(l.path("max")))),
              bool(profile, "gpu")));
    }
    return profiles;
  }

  private static HomeLab.Namespace namespace(JsonNode n) {
    return new HomeLab.Namespace(
        text(n, "name"),
        text(n, "layer"),
        text(n, "profile"),
        text(n, "description"),
        bool(n, "clusterResources"),
        text(n, "storageClass"));
  }

  private static HomeLab.Component component(JsonNode c) {
    return new HomeLab.Component(
        text(c, "name"),
        text(c, "namespace"),
        text(c, "path"),
        text(c, "description"),
        text(c, "deploy"),
        object(
            c,
            "chart",
            h ->
                new HomeLab.Chart(
                    text(h, "repoURL"),
                    text(h, "name"),
                    text(h, "version"),
                    text(h, "releaseName"))),
        c.has("values") ? strings(c, "values") : null,
        c.has("dependsOn") ? strings(c, "dependsOn") : null,
        object(
            c,
            "sync",
            s ->
                new HomeLab.Sync(
                    bool(s, "automated"),
                    bool(s, "prune"),
                    bool(s, "selfHeal"),
                    bool(s, "serverSideApply"),
                    s.has("retryLimit") ? s.get("retryLimit").asInt() : null,
                    s.has("ignoreDifferences") ? strings(s, "ignoreDifferences") : null)));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static Boolean bool(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asBoolean();
  }

  private static <T> T object(JsonNode node, String field, Function<JsonNode, T> read) {
    JsonNode value = node.get(field);
    return value == null || !value.isObject() ? null : read.apply(value);
  }

  private static <T> List<T> list(JsonNode node, String field, Function<JsonNode, T> read) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      return null;
    }
    List<T> items = new ArrayList<>();
    value.forEach(item -> items.add(read.apply(item)));
    return items;
  }

  private static List<String> strings(JsonNode node, String field) {
    JsonNode value = node.get(field);
    List<String> items = new ArrayList<>();
    if (value != null && value.isArray()) {
      value.forEach(item -> items.add(item.asString()));
    }
    return items;
  }

  /** A map of strings, such as a quota; null when the node is not an object. */
  private static Map<String, String> strings(JsonNode node) {
    if (!node.isObject()) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      map.put(entry.getKey(), entry.getValue().asString());
    }
    return map;
  }
}
