package dev.homelab.validator.schema;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.homelab.core.cli.Cli;
import dev.homelab.validator.cli.ValidatorCli;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Schemas fetched from a real HTTP server on localhost, cached on disk, and --offline. */
class RemoteSchemaTest {

  private static final String WIDGET_SCHEMA =
      """
      {"type": "object", "required": ["apiVersion", "kind", "spec"],
       "properties": {
         "apiVersion": {"const": "widgets.example.com/v1"},
         "kind": {"const": "Widget"},
         "metadata": {"type": "object"},
         "spec": {"type": "object", "additionalProperties": false,
                  "properties": {"size": {"type": "integer"}}}}}
      """;

  @TempDir Path root;
  @TempDir Path cache;

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile String widgetSchema = WIDGET_SCHEMA;
  private final Map<String, String> otherFiles = new ConcurrentHashMap<>();
  private final Map<String, Integer> requested = new ConcurrentHashMap<>();
  private Path manifest;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          String path = exchange.getRequestURI().getPath();
          requested.merge(path, 1, Integer::sum);
          String other = otherFiles.get(path);
          byte[] body = (other == null ? widgetSchema : other).getBytes(StandardCharsets.UTF_8);
          boolean known = other != null || path.equals("/widgets.example.com/widget_v1.json");
          exchange.sendResponseHeaders(
              known ? 200 : 404, known && body.length > 0 ? body.length : -1);
          if (known && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
          exchange.close();
        });
    server.start();
    manifest =
        write(
            root,
            "widget.yaml",
            "apiVersion: widgets.example.com/v1\nkind: Widget\nmetadata:\n  name: big-widget\nspec:\n  size: \"9\"\n");
    write(
        root,
        "gadget.yaml",
        "apiVersion: widgets.example.com/v1\nkind: Gadget\nmetadata:\n  name: a-gadget\n");
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private String template() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/{group}/{kind}_{version}.json";
  }

  private Run validate(String... extra) {
    return validate(root, List.of(extra));
  }

  /** The schema check on {@code target}, which may be one file of the tree. */
  private Run validate(Path target, List<String> extra) {
    StringWriter out = new StringWriter();
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--format",
                "github",
                "--checks",
                "schema",
                "--no-catalog",
                "--cache-dir",
                cache.toString()));
    args.addAll(extra);
    args.add(target.toString());
    int exit =
        Cli.execute(
            new ValidatorCli(),
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            args.toArray(String[]::new));
    return new Run(exit, out.toString());
  }

  private record Run(int exit, String output) {}

  @Test
  void downloadsValidatesAndCaches() throws Exception {
    Run first = validate("--schema-location", template());
    assertThat(first.output())
        .contains("widget.yaml,line=6,col=9")
        .contains("`spec.size` must be an integer, got string \"9\"")
        .contains("gadget.yaml,line=1,col=13")
        .contains("no schema for `widgets.example.com/v1 Gadget`");
    assertThat(first.exit()).isEqualTo(1);
    int afterFirst = requests.get();
    assertThat(afterFirst).isEqualTo(2);
    try (var cached = Files.list(cache)) {
      assertThat(cached.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.endsWith(".json"))
          .anyMatch(n -> n.endsWith(".404"));
    }

    Run second = validate("--schema-location", template());
    assertThat(second.output()).isEqualTo(first.output());
    assertThat(requests.get()).as("the cache answers the second run").isEqualTo(afterFirst);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|empty response from 127.0.0.1",
        "<html><body>Log in to the guest Wi-Fi</body></html>|a response that is not a JSON object"
            + " (it starts `<html><body>Log in to the guest Wi-Fi</b…`) from 127.0.0.1"
      })
  void aResponseThatIsNoSchemaIsNotCachedSoTheNextRunAsksAgain(String body, String problem)
      throws Exception {
    widgetSchema = body;
    Run empty = validate("--schema-location", template());
    assertThat(empty.output())
        .contains("no schema for `widgets.example.com/v1 Widget`")
        .contains(template() + ": " + problem);
    try (var cached = Files.list(cache)) {
      assertThat(cached.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".json"));
    }

    widgetSchema = WIDGET_SCHEMA;
    int afterEmpty = requests.get();
    Run retried = validate("--schema-location", template());
    assertThat(requests.get())
        .as("the Widget's schema is asked for again")
        .isEqualTo(afterEmpty + 1);
    assertThat(retried.output()).contains("`spec.size` must be an integer, got string \"9\"");
  }

  @Test
  void aNamedFileOnlyFetchesTheSchemasOfItsOwnObjects() {
    write(root, "homelab.yaml", dev.homelab.core.testing.LabFixtures.MINIMAL_CONFIG);
    Path configMap =
        write(root, "settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    Run run = validate(configMap, List.of("--schema-location", template()));

    assertThat(requests.get()).as("the Widget and Gadget files are not in focus").isZero();
    assertThat(run.output()).doesNotContain("widget");
  }

  @Test
  void offlineUsesOnlyTheCache() {
    Run offline = validate("--offline", "--schema-location", template());
    assertThat(requests.get()).isZero();
    assertThat(offline.output()).contains("no schema for `widgets.example.com/v1 Widget`");
    assertThat(offline.exit()).isZero();
  }

  @Test
  void unreachableServerIsAWarningThatSaysWhy() {
    server.stop(0);
    Run run = validate("--require-schemas", "--schema-location", template());
    assertThat(run.output())
        .contains("widget.yaml,line=1,col=13,endLine=1,endColumn=35,title=schema-missing")
        .contains("cannot reach 127.0.0.1 (connection refused)");
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void anUnreachableHostIsNotTriedAgainByTheNextRunForAWhile() throws Exception {
    int port = server.getAddress().getPort();
    server.stop(0);
    Run first = validate("--schema-location", template());
    assertThat(first.output()).contains("cannot reach 127.0.0.1 (connection refused)");

    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.start();
    Run second = validate("--schema-location", template());

    assertThat(requests.get()).as("the second run trusts the first run's failure").isZero();
    assertThat(second.output())
        .contains("cannot reach 127.0.0.1 (connection refused), remembered from an earlier run");
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * kubeconform's split layout over HTTP: each kind's schema refers to {@code _definitions.json}
   * beside it, which is downloaded once, cached, and used from the cache by a later --offline run.
   */
  @Test
  void aSplitSchemasDefinitionsAreDownloadedOnceAndCached() {
    widgetSchema = LocationSchemasTest.WIDGET;
    otherFiles.put("/widgets.example.com/gadget_v1.json", LocationSchemasTest.WIDGET);
    otherFiles.put("/widgets.example.com/_definitions.json", LocationSchemasTest.DEFINITIONS);
    write(
        root,
        "gadget.yaml",
        "apiVersion: widgets.example.com/v1\nkind: Gadget\nmetadata:\n  name: a-gadget\n"
            + "spec:\n  parts:\n    - label: x\n");

    Run first = validate("--schema-location", template());

    assertThat(first.output())
        .contains("widget.yaml,line=6,col=9")
        .contains("`spec.size` must be an integer, got string \"9\"")
        .contains("gadget.yaml,line=7,col=7")
        .contains("`spec.parts[0]` is missing required field `name`")
        .doesNotContain("schema-missing");
    assertThat(first.exit()).isEqualTo(1);
    assertThat(requested.get("/widgets.example.com/_definitions.json"))
        .as("both kinds share one download of the definitions")
        .isEqualTo(1);

    int afterFirst = requests.get();
    Run cached = validate("--schema-location", template());
    assertThat(requests.get()).as("the cache answers the second run").isEqualTo(afterFirst);
    assertThat(cached.output()).isEqualTo(first.output());
    server.stop(0);
    Run offline = validate("--offline", "--schema-location", template());
    assertThat(offline.output()).isEqualTo(first.output());
  }

  /**
   * A reference that does not resolve leaves the kind without a schema, as any other remote failure
   * does, instead of failing the run when an object is validated.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "_definitions.json#/definitions/example.v1.WidgetSpec"
            + "|{base}/widgets.example.com/_definitions.json is not found",
        "defs.json#/definitions/example.v1.WidgetSpec"
            + "|{base}/widgets.example.com/defs.json has nothing at"
            + " /definitions/example.v1.WidgetSpec",
        "http://other.invalid/_definitions.json#/definitions/example.v1.WidgetSpec"
            + "|http://other.invalid/_definitions.json lies outside the folder or URL of every"
            + " schema location",
        "file:///etc/hostname#/definitions/example.v1.WidgetSpec"
            + "|/etc/hostname lies outside the folder or URL of every schema location"
      })
  void aReferenceThatDoesNotResolveIsASchemaMissingWarningThatNamesIt(String ref, String why) {
    widgetSchema =
        LocationSchemasTest.WIDGET.replace(
            "_definitions.json#/definitions/example.v1.WidgetSpec", ref);
    otherFiles.put("/widgets.example.com/defs.json", "{\"definitions\": {}}");

    Run run = validate("--schema-location", template());

    assertThat(run.output())
        .contains("widget.yaml,line=1,col=13,endLine=1,endColumn=35,title=schema-missing")
        .contains(
            template()
                + ": "
                + base()
                + "/widgets.example.com/widget_v1.json: `$ref` `"
                + ref
                + "` does not resolve: "
                + why.replace("{base}", base()));
    assertThat(run.exit()).isZero();
  }
}
