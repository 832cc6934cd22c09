package dev.homelab.validator.schema;

import dev.homelab.core.model.GroupVersionKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A --schema-location: a folder, or a path or URL template with kubeconform's variables ({@code {{
 * .ResourceKind }}}, {@code {{ .ResourceAPIVersion }}}, {@code {{ .Group }}}, {@code {{ .KindSuffix
 * }}}, {@code {{ .NormalizedKubernetesVersion }}}, {@code {{ .StrictSuffix }}}) or the CRDs
 * catalog's {@code {group}/{kind}_{version}.json} placeholders.
 */
public final class SchemaLocationTemplate {

  private static final Pattern GO_VARIABLE = Pattern.compile("\\{\\{\\s*\\.(\\w+)\\s*}}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(group|kind|version)}");
  private static final Pattern ANY_VARIABLE =
      Pattern.compile("\\{\\{\\s*\\.\\w+\\s*}}|\\{(group|kind|version)}");
  private static final List<String> GO_NAMES =
      List.of(
          "ResourceKind",
          "ResourceAPIVersion",
          "Group",
          "KindSuffix",
          "NormalizedKubernetesVersion",
          "StrictSuffix");
  private static final String KNOWN =
      String.join(", ", GO_NAMES.stream().map(name -> "{{ ." + name + " }}").toList())
          + ", {group}, {kind}, {version}";
  private static final Pattern LEFTOVER_BRACES = Pattern.compile("\\{\\{.*?}}|\\{[^{}]*}|[{}].*");
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:");

  private final String location;
  private final String kubernetesVersion;

  /**
   * @param kubernetesVersion such as "1.34", for {@code NormalizedKubernetesVersion}
   */
  public SchemaLocationTemplate(String location, String kubernetesVersion) {
    this.location = location;
    this.kubernetesVersion = kubernetesVersion;
  }

  /**
   * Why the location can find no schema (neither an http(s) URL nor a local path, an unknown
   * variable, a URL that does not parse, a missing folder), or empty when it can.
   */
  public static Optional<String> problem(String location) {
    SchemaLocationTemplate template =
        new SchemaLocationTemplate(location, EmbeddedKubernetesSchemas.VERSION);
    int variable = location.indexOf('{');
    String fixed = variable < 0 ? location : location.substring(0, variable);
    String folder = variable < 0 ? fixed : fixed.substring(0, fixed.lastIndexOf('/') + 1);
    boolean folderExists = folder.isEmpty() || Files.isDirectory(Path.of(folder));
    if (!template.isRemote() && SCHEME.matcher(location).lookingAt() && !folderExists) {
      return Optional.of("neither an http:// or https:// URL nor a local path");
    }
    Optional<String> unknown = unknownVariable(location);
    if (unknown.isPresent()) {
      return Optional.of("unknown variable `" + unknown.get() + "`; the known ones are " + KNOWN);
    }
    if (template.isRemote()) {
      String example = template.expand(location, new GroupVersionKind("apps", "v1", "Deployment"));
      try {
        if (new URI(example).getHost() == null) {
          return Optional.of("not a valid URL: " + example + " names no host");
        }
      } catch (URISyntaxException e) {
        return Optional.of("not a valid URL: " + example + " (" + e.getReason() + ")");
      }
      return Optional.empty();
    }
    if (!folderExists) {
      return Optional.of(
          Files.exists(Path.of(folder)) ? folder + " is not a folder" : "no folder " + folder);
    }
    return Optional.empty();
  }

  /** The first variable the template does not know, braces and all, such as {@code {Kind}}. */
  private static Optional<String> unknownVariable(String location) {
    Matcher go = GO_VARIABLE.matcher(location);
    while (go.find()) {
      if (!GO_NAMES.contains(go.group(1))) {
        return Optional.of(go.group());
      }
    }
    String rest = PLACEHOLDER.matcher(go.replaceAll("")).replaceAll("");
    Matcher leftover = LEFTOVER_BRACES.matcher(rest);
    return leftover.find() ? Optional.of(leftover.group()) : Optional.empty();
  }

  /**
   * The folder every schema of a local location lies in: the location itself, or a template's part
   * before its first variable.
   */
  Path folder() {
    String fixed = fixed();
    return Path.of(fixed.isEmpty() ? "." : fixed).toAbsolutePath().normalize();
  }

  /** The location up to the folder its first variable lies in, or all of it when it has none. */
  private String fixed() {
    int variable = location.indexOf('{');
    return variable < 0 ? location : location.substring(0, location.lastIndexOf('/', variable) + 1);
  }

  /**
   * Whether a local location may read {@code file} as a schema: a JSON file in the folder or one
   * level down (kubeconform's and the catalog's layouts), or a file the template expands to.
   */
  boolean mayRead(Path file) {
    Path relative = folder().relativize(file.toAbsolutePath().normalize());
    if (relative.startsWith("..")) {
      return false;
    }
    if (!isTemplate()) {
      return relative.getNameCount() <= 2 && relative.toString().endsWith(".json");
    }
    int variable = location.indexOf('{');
    String rest = location.substring(location.lastIndexOf('/', variable) + 1);
    StringBuilder regex = new StringBuilder();
    int end = 0;
    Matcher any = ANY_VARIABLE.matcher(rest);
    while (any.find()) {
      regex.append(Pattern.quote(rest.substring(end, any.start()))).append("[^/]*");
      end = any.end();
    }
    regex.append(Pattern.quote(rest.substring(end)));
    return relative.toString().replace('\\', '/').matches(regex.toString());
  }

  /**
   * Whether a document that one of this location's schemas refers to lies where its schemas come
   * from: in its folder on disk, or under its URL up to the first variable. A reference elsewhere
   * would let a downloaded schema read local files or send the run to other hosts.
   */
  boolean holds(URI document) {
    if (isRemote()) {
      String prefix = fixed().endsWith("/") ? fixed() : fixed() + "/";
      return document.normalize().toString().startsWith(prefix);
    }
    try {
      return "file".equals(document.getScheme())
          && Path.of(document).normalize().startsWith(folder());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** How the location names a file in its folder: relative to the working folder when it is. */
  String nameOf(Path file) {
    Path relative = folder().relativize(file.toAbsolutePath().normalize());
    return fixed().isEmpty() ? relative.toString() : Path.of(fixed()).resolve(relative).toString();
  }

  /** The number of folders below {@link #folder()} that a file it may read lies in, at most. */
  int depth() {
    if (!isTemplate()) {
      return 2;
    }
    int variable = location.indexOf('{');
    String rest = location.substring(location.lastIndexOf('/', variable) + 1);
    return (int) rest.chars().filter(c -> c == '/').count() + 1;
  }

  public boolean isTemplate() {
    return GO_VARIABLE.matcher(location).find() || PLACEHOLDER.matcher(location).find();
  }

  public boolean isRemote() {
    return location.startsWith("http://") || location.startsWith("https://");
  }

  public String location() {
    return location;
  }

  /**
   * The candidate paths or URLs for a kind: the expanded template, or for a plain folder both the
   * CRDs catalog layout and kubeconform's standalone file names.
   */
  public List<String> candidates(GroupVersionKind type) {
    List<String> candidates = new ArrayList<>();
    if (isTemplate()) {
      candidates.add(expand(location, type));
      return candidates;
    }
    String base = location.endsWith("/") ? location : location + "/";
    if (!type.group().isEmpty()) {
      candidates.add(base + catalogFile(type));
    }
    candidates.add(base + type.kind().toLowerCase(Locale.ROOT) + kindSuffix(type) + ".json");
    return candidates;
  }

  /** A kind's file in the CRDs catalog layout: {@code {group}/{kind}_{version}.json}. */
  static String catalogFile(GroupVersionKind type) {
    return type.group()
        + "/"
        + type.kind().toLowerCase(Locale.ROOT)
        + "_"
        + type.version()
        + ".json";
  }

  String expand(String template, GroupVersionKind type) {
    String kind = type.kind().toLowerCase(Locale.ROOT);
    Matcher go = GO_VARIABLE.matcher(template);
    StringBuilder expanded = new StringBuilder();
    while (go.find()) {
      String value =
          switch (go.group(1)) {
            case "ResourceKind" -> kind;
            case "ResourceAPIVersion" -> type.version();
            case "Group" -> type.group();
            case "KindSuffix" -> kindSuffix(type);
            case "NormalizedKubernetesVersion" -> "v" + kubernetesVersion + ".0";
            case "StrictSuffix" -> "-strict";
            default -> go.group();
          };
      go.appendReplacement(expanded, Matcher.quoteReplacement(value));
    }
    go.appendTail(expanded);
    Matcher simple = PLACEHOLDER.matcher(expanded.toString());
    StringBuilder result = new StringBuilder();
    while (simple.find()) {
      String value =
          switch (simple.group(1)) {
            case "group" -> type.group();
            case "kind" -> kind;
            default -> type.version();
          };
      simple.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    simple.appendTail(result);
    return result.toString();
  }

  /** kubeconform's suffix: {@code -apps-v1}, or {@code -v1} for the core group. */
  static String kindSuffix(GroupVersionKind type) {
    if (type.group().isEmpty()) {
      return "-" + type.version();
    }
    String firstLabel = type.group().split("\\.")[0];
    return "-" + firstLabel + "-" + type.version();
  }
}
