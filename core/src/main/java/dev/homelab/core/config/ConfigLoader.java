package dev.homelab.core.config;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.schema.SchemaProblem;
import dev.homelab.core.schema.SchemaProblems;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.yaml.Document;
import dev.homelab.core.yaml.Pointer;
import dev.homelab.core.yaml.YamlFile;
import dev.homelab.core.yaml.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads homelab.yaml, checks it against its JSON Schema and its own cross-references. */
public final class ConfigLoader {

  /** Classpath location of the config schema; docs/schemas/homelab.schema.json is a copy. */
  public static final String SCHEMA_RESOURCE = "/dev/homelab/core/config/homelab.schema.json";

  private ConfigLoader() {}

  public static HomeLabConfig load(Path file, Path displayRoot) throws ConfigException {
    Path absolute = file.toAbsolutePath().normalize();
    Path root = displayRoot.toAbsolutePath().normalize();
    String display =
        (absolute.startsWith(root) ? root.relativize(absolute) : absolute)
            .toString()
            .replace('\\', '/');
    SourceFile source = new SourceFile(absolute, display);
    if (Files.isDirectory(absolute)) {
      throw new ConfigException(
          Location.fileStart(display),
          "is a folder; name the config file itself"
              + (Files.isRegularFile(absolute.resolve("homelab.yaml"))
                  ? ", such as " + display + "/homelab.yaml"
                  : ""));
    }
    if (!Files.isRegularFile(absolute)) {
      throw new ConfigException(Location.fileStart(display), "config file not found");
    }
    return load(new YamlLoader().load(source), absolute);
  }

  static HomeLabConfig load(YamlFile yaml, Path file) throws ConfigException {
    List<ConfigException.Problem> problems = new ArrayList<>();
    for (Finding finding : yaml.findings()) {
      problems.add(new ConfigException.Problem(finding.location(), finding.message()));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    String oneMapping = "the config must be exactly one YAML mapping";
    if (yaml.documents().isEmpty()) {
      throw new ConfigException(
          Location.fileStart(yaml.source().displayPath()), oneMapping + "; the file is empty");
    }
    if (yaml.documents().size() > 1) {
      throw new ConfigException(
          yaml.documents().get(1).location(), oneMapping + "; a second document starts here");
    }
    if (!yaml.documents().get(0).root().isObject()) {
      throw new ConfigException(
          yaml.documents().get(0).location(),
          oneMapping + ", got " + SchemaProblems.describe(yaml.documents().get(0).root()));
    }
    Document document = yaml.documents().get(0);
    List<SchemaProblem> schemaProblems =
        SchemaProblems.of(
            Holder.SCHEMA.validate(document.root()),
            error -> SchemaProblems.knownProperties(Holder.SCHEMA.getSchemaNode(), error));
    Map<String, String> misplaced = misplacedItems(document.root(), schemaProblems);
    for (Map.Entry<String, String> item : misplaced.entrySet()) {
      problems.add(new ConfigException.Problem(document.locate(item.getKey()), item.getValue()));
    }
    for (SchemaProblem problem : schemaProblems) {
      String item = listItem(problem.pointer());
      if (item != null && misplaced.containsKey(item)) {
        continue;
      }
      Location at =
          problem.atKey()
              ? document.locateKey(problem.pointer())
              : document.locate(problem.pointer());
      problems.add(new ConfigException.Problem(at, problem.message()));
    }
    if (!problems.isEmpty()) {
      // By line, as the file reads, rather than by JSON pointer, which puts `chart` before `path`.
      problems.sort(Comparator.comparing(ConfigException.Problem::location));
      throw new ConfigException(problems);
    }
    HomeLab lab = ConfigBinder.lab(document.root());
    new CrossReferences(lab, document, problems).check();
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparing(ConfigException.Problem::location));
      throw new ConfigException(problems);
    }
    return new HomeLabConfig(
        file,
        document,
        lab,
        () -> SchemaDefaults.apply(document.root(), Holder.SCHEMA.getSchemaNode()));
  }

  /**
   * The items of top-level lists that fail the schema but would be valid items of another top-level
   * list, by pointer, each with a hint naming that list: an entry pasted after the last list of the
   * file lands in that list, and its own errors would only list the fields it lacks there.
   */
  private static Map<String, String> misplacedItems(JsonNode root, List<SchemaProblem> problems) {
    Map<String, String> misplaced = new TreeMap<>();
    for (SchemaProblem problem : problems) {
      String pointer = listItem(problem.pointer());
      if (pointer == null || misplaced.containsKey(pointer)) {
        continue;
      }
      String[] steps = pointer.split("/");
      String list = steps[1];
      JsonNode item = root.at(pointer);
      if (!item.isObject()) {
        continue;
      }
      for (Map.Entry<String, Schema> other : ListItems.SCHEMAS.entrySet()) {
        if (!other.getKey().equals(list) && other.getValue().validate(item).isEmpty()) {
          misplaced.put(
              pointer,
              "`%s[%s]` has the fields of an item of `%s`, not of `%s`; move it into the `%s:` list"
                  .formatted(list, steps[2], other.getKey(), list, other.getKey()));
          break;
        }
      }
    }
    return misplaced;
  }

  /** The pointer of the top-level list item that {@code pointer} lies in, or null. */
  private static String listItem(String pointer) {
    String[] steps = pointer.split("/", 4);
    if (steps.length < 3 || !steps[0].isEmpty() || !steps[2].matches("\\d+")) {
      return null;
    }
    return "/" + steps[1] + "/" + steps[2];
  }

  /**
   * Compiles the config schema on a background thread, so that it is ready (a cold JVM needs about
   * 60 ms for it) by the time the command line is parsed and the config file read.
   */
  public static void compileSchemaInBackground() {
    Thread compile = new Thread(() -> Holder.SCHEMA.getSchemaNode(), "config-schema");
    compile.setDaemon(true);
    compile.start();
  }

  /** The config schema as text, for publishing it beside the docs. */
  public static String schemaText() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Holder {
    static final Schema SCHEMA = loadSchema();

    private static Schema loadSchema() {
      try (InputStream in = ConfigLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Compiled only when a config fails its schema, since a clean run never needs them. */
  private static final class ListItems {
    /** The item schema of each top-level list, in the schema's order, for misplaced entries. */
    static final Map<String, Schema> SCHEMAS = listItemSchemas();

    private static Map<String, Schema> listItemSchemas() {
      JsonNode root = Holder.SCHEMA.getSchemaNode();
      SchemaRegistry registry =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
      Map<String, Schema> items = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> property : root.path("properties").properties()) {
        JsonNode itemSchema = property.getValue().path("items");
        if (property.getValue().path("type").asString("").equals("array")
            && itemSchema.isObject()) {
          // The item schema alone, beside the definitions its references point to.
          ObjectNode standalone = ((ObjectNode) itemSchema).deepCopy();
          standalone.set("$defs", root.path("$defs"));
          items.put(property.getKey(), registry.getSchema(standalone));
        }
      }
      return items;
    }
  }

  /** Checks that need more than the schema: names that refer to each other, and cycles. */
  private static final class CrossReferences {
    private final HomeLab lab;
    private final Document document;
    private final List<ConfigException.Problem> problems;

    CrossReferences(HomeLab lab, Document document, List<ConfigException.Problem> problems) {
      this.lab = lab;
      this.document = document;
      this.problems = problems;
    }

    void check() {
      Map<String, Integer> firstNamespaces = new HashMap<>();
      Set<String> namespaces = firstNamespaces.keySet();
      for (int i = 0; i < lab.namespaces().size(); i++) {
        HomeLab.Namespace ns = lab.namespaces().get(i);
        Integer first = firstNamespaces.putIfAbsent(ns.name(), i);
        if (first != null) {
          problem(
              Pointer.of("namespaces", i, "name"),
              "namespace `"
                  + ns.name()
                  + "` is declared twice, first at line "
                  + line(Pointer.of("namespaces", first, "name")));
        }
        if (!lab.layers().contains(ns.layer())) {
          problem(
              Pointer.of("namespaces", i, "layer"),
              "layer `" + ns.layer() + "` is not one of the layers " + lab.layers());
        }
        if (!lab.profiles().containsKey(ns.profile())) {
          problem(
              Pointer.of("namespaces", i, "profile"),
              "profile `"
                  + ns.profile()
                  + "` is not defined"
                  + SchemaProblems.suggestion(ns.profile(), lab.profiles().keySet()));
        }
      }
      Map<String, Integer> components = new HashMap<>();
      for (int i = 0; i < lab.components().size(); i++) {
        HomeLab.Component component = lab.components().get(i);
        Integer first = components.putIfAbsent(component.name(), i);
        if (first != null) {
          problem(
              Pointer.of("components", i, "name"),
              "component `"
                  + component.name()
                  + "` is declared twice, first at line "
                  + line(Pointer.of("components", first, "name")));
        }
        if (!namespaces.contains(component.namespace())) {
          problem(
              Pointer.of("components", i, "namespace"),
              "namespace `"
                  + component.namespace()
                  + "` is not declared under namespaces"
                  + SchemaProblems.suggestion(component.namespace(), namespaces));
        }
      }
      for (int i = 0; i < lab.components().size(); i++) {
        HomeLab.Component component = lab.components().get(i);
        for (int d = 0; d < component.dependsOn().size(); d++) {
          String dependency = component.dependsOn().get(d);
          if (!components.containsKey(dependency)) {
            problem(
                Pointer.of("components", i, "dependsOn", d),
                "`"
                    + component.name()
                    + "` depends on unknown component `"
                    + dependency
                    + "`"
                    + SchemaProblems.suggestion(dependency, components.keySet()));
          } else if (dependency.equals(component.name())) {
            problem(
                Pointer.of("components", i, "dependsOn", d),
                "`" + dependency + "` depends on itself");
          }
        }
      }
      if (problems.isEmpty()) {
        Optional<List<DependencyCycles.Dependency>> cycle = DependencyCycles.find(lab.components());
        if (cycle.isPresent()) {
          componentCycle(cycle.get());
        } else {
          NamespaceDependencies.of(lab).cycle().ifPresent(this::namespaceCycle);
        }
        problems.addAll(GeneratedNames.clashes(lab, document::locate));
      }
      for (int i = 0; i < lab.exposure().size(); i++) {
        if (!namespaces.contains(lab.exposure().get(i).namespace())) {
          problem(
              Pointer.of("exposure", i, "namespace"),
              "namespace `"
                  + lab.exposure().get(i).namespace()
                  + "` is not declared"
                  + SchemaProblems.suggestion(lab.exposure().get(i).namespace(), namespaces));
        }
      }
      if (lab.routing().allowListMiddleware() != null
          && !namespaces.contains(lab.routing().allowListMiddleware().namespace())) {
        problem(
            Pointer.of("routing", "allowListMiddleware", "namespace"),
            "namespace `" + lab.routing().allowListMiddleware().namespace() + "` is not declared");
      }
      checkNetwork();
      for (int i = 0; i < lab.exemptions().size(); i++) {
        String until = lab.exemptions().get(i).until();
        if (until != null) {
          try {
            LocalDate.parse(until);
          } catch (DateTimeParseException e) {
            problem(Pointer.of("exemptions", i, "until"), "`" + until + "` is not a valid date");
          }
        }
      }
    }

    /** At the entry that closes the cycle, which the chain ends with. */
    private void componentCycle(List<DependencyCycles.Dependency> cycle) {
      StringBuilder chain = new StringBuilder(cycle.get(0).from());
      cycle.forEach(dependency -> chain.append(" → ").append(dependency.to()));
      DependencyCycles.Dependency closing = cycle.get(cycle.size() - 1);
      problem(
          Pointer.of("components", closing.component(), "dependsOn", closing.entry()),
          "dependency cycle: " + chain);
    }

    /** The generator orders namespaces' sync waves by their dependencies, so they need an order. */
    private void namespaceCycle(List<NamespaceDependencies.Edge> cycle) {
      StringBuilder chain = new StringBuilder(cycle.get(0).from().namespace());
      List<String> because = new ArrayList<>();
      for (NamespaceDependencies.Edge edge : cycle) {
        chain.append(" → ").append(edge.to().namespace());
        because.add(edge.describe());
      }
      NamespaceDependencies.Edge closing = cycle.get(cycle.size() - 1);
      problem(
          Pointer.of("components", closing.componentIndex(), "dependsOn", closing.dependsOnIndex()),
          "namespaces depend on each other in a cycle, so they have no sync order: "
              + chain
              + " ("
              + String.join("; ", because)
              + ")");
    }

    private void checkNetwork() {
      Ipv4Range lan = null;
      try {
        lan = Ipv4Range.parse(lab.network().lan());
      } catch (IllegalArgumentException e) {
        problem(Pointer.of("network", "lan"), e.getMessage());
      }
      try {
        Ipv4Range.parse(lab.network().tailscale());
      } catch (IllegalArgumentException e) {
        problem(Pointer.of("network", "tailscale"), e.getMessage());
      }
      for (int i = 0; i < lab.network().metallbPools().size(); i++) {
        String pool = lab.network().metallbPools().get(i);
        try {
          Ipv4Range range = Ipv4Range.parse(pool);
          // Without a LAN that parses, a pool is only checked for its own form.
          if (lan != null && !lan.contains(range)) {
            problem(
                Pointer.of("network", "metallbPools", i),
                "MetalLB pool " + pool + " lies outside the LAN " + lab.network().lan());
          }
        } catch (IllegalArgumentException e) {
          problem(Pointer.of("network", "metallbPools", i), e.getMessage());
        }
      }
    }

    private int line(String pointer) {
      return document.locate(pointer).line();
    }

    private void problem(String pointer, String message) {
      problems.add(new ConfigException.Problem(document.locate(pointer), message));
    }
  }
}
