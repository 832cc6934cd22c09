package dev.homelab.validator.schema;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.cli.Cli;
import dev.homelab.validator.cli.ValidatorCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local --schema-location in kubeconform's split layout: each kind's file refers to the
 * definitions in {@code _definitions.json} beside it instead of carrying them.
 */
class LocationSchemasTest {

  static final String DEFINITIONS =
      """
      {"definitions": {
        "example.v1.WidgetSpec": {"type": "object",
          "properties": {
            "size": {"type": "integer"},
            "parts": {"type": "array", "items": {"$ref": "#/definitions/example.v1.Part"}}}},
        "example.v1.Part": {"type": "object", "required": ["name"],
          "properties": {"name": {"type": "string"}}}}}
      """;

  static final String WIDGET =
      """
      {"type": "object", "required": ["spec"],
       "properties": {
         "apiVersion": {"type": "string"},
         "kind": {"type": "string"},
         "metadata": {"type": "object"},
         "spec": {"$ref": "_definitions.json#/definitions/example.v1.WidgetSpec"}}}
      """;

  static final String MANIFEST =
      """
      apiVersion: widgets.example.com/v1
      kind: Widget
      metadata:
        name: big-widget
      spec:
        size: "9"
        parts:
          - label: wheel
      """;

  @TempDir Path tree;
  @TempDir Path schemas;
  @TempDir Path cache;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void writeManifest() {
    write(tree, "widget.yaml", MANIFEST);
  }

  private Run validate(String location) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Cli.execute(
            new ValidatorCli(),
            new PrintWriter(out),
            new PrintWriter(err),
            "--offline",
            "--no-catalog",
            "--cache-dir",
            cache.toString(),
            "--checks",
            "schema",
            "--format",
            "github",
            "--schema-location",
            location,
            tree.toString());
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void aKindsFileReferringToTheDefinitionsBesideItChecksAgainstThem() {
    write(schemas, "widget-widgets-v1.json", WIDGET);
    write(schemas, "_definitions.json", DEFINITIONS);

    Run run = validate(schemas.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("widget.yaml,line=6,col=9")
        .contains("`spec.size` must be an integer, got string \"9\"")
        .as("a reference inside the definitions file resolves in that file")
        .contains("`spec.parts[0]` is missing required field `name`");
    assertThat(run.exit()).isEqualTo(1);
  }

  /**
   * kubeconform's generated files name {@code http://json-schema.org/schema#}, which its validator
   * takes as the latest draft, 2020-12; the registry would otherwise try to download it.
   */
  @Test
  void aSchemaNamingTheLatestDraftAsKubeconformsFilesDoIsDraft202012() {
    write(
        schemas,
        "widget-widgets-v1.json",
        WIDGET.replace("{\"type\"", "{\"$schema\": \"http://json-schema.org/schema#\", \"type\""));
    write(schemas, "_definitions.json", DEFINITIONS);

    Run run = validate(schemas.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("`spec.size` must be an integer, got string \"9\"");
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void anUnknownFieldUnderAReferencedDefinitionIsOfferedTheDefinitionsFields() {
    write(schemas, "widget-widgets-v1.json", WIDGET);
    write(
        schemas,
        "_definitions.json",
        DEFINITIONS.replace(
            "\"example.v1.WidgetSpec\": {",
            "\"example.v1.WidgetSpec\": {\"additionalProperties\": false,"));
    write(tree, "widget.yaml", MANIFEST.replace("size: \"9\"", "sise: 9"));

    Run run = validate(schemas.toString());

    assertThat(run.out()).contains("unknown field `spec.sise` (did you mean `size`?)");
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void aTemplatesSchemaFindsTheDefinitionsInItsOwnFolder() {
    write(schemas, "v1.34.0/widget-widgets-v1.json", WIDGET);
    write(schemas, "v1.34.0/_definitions.json", DEFINITIONS);

    Run run =
        validate(
            schemas
                + "/{{ .NormalizedKubernetesVersion }}/{{ .ResourceKind }}{{ .KindSuffix }}.json");

    assertThat(run.out()).contains("`spec.size` must be an integer, got string \"9\"");
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void aBrokenReferencedFileIsAUsageErrorNamingItsLine() {
    Path kind = write(schemas, "widget-widgets-v1.json", WIDGET);
    Path definitions = write(schemas, "_definitions.json", "{\"definitions\":\n  {\"x\": }}\n");

    Run run = validate(schemas.toString());

    assertThat(run.err())
        .isEqualTo(
            "error: --schema-location "
                + schemas
                + ": "
                + definitions
                + ":2:9: not valid JSON: Unexpected character ('}' (code 125)): expected a valid"
                + " value (JSON String, Number, Array, Object or token 'null', 'true' or"
                + " 'false')\n");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(kind).exists();
  }

  @Test
  void aMissingReferencedFileIsAUsageErrorAtTheReference() {
    Path kind = write(schemas, "widget-widgets-v1.json", WIDGET);

    Run run = validate(schemas.toString());

    assertThat(run.err())
        .isEqualTo(
            "error: --schema-location "
                + schemas
                + ": "
                + kind
                + ":6:21: not a usable JSON schema: `$ref`"
                + " `_definitions.json#/definitions/example.v1.WidgetSpec` does not resolve: no"
                + " file "
                + schemas.resolve("_definitions.json")
                + "\n");
    assertThat(run.exit()).isEqualTo(2);
  }

  @Test
  void aDefinitionTheReferencedFileLacksIsAUsageErrorAtTheReference() {
    Path kind = write(schemas, "widget-widgets-v1.json", WIDGET.replace("WidgetSpec", "Gadget"));
    write(schemas, "_definitions.json", DEFINITIONS);

    Run run = validate(schemas.toString());

    assertThat(run.err())
        .isEqualTo(
            "error: --schema-location "
                + schemas
                + ": "
                + kind
                + ":6:21: not a usable JSON schema: `$ref`"
                + " `_definitions.json#/definitions/example.v1.Gadget` does not resolve: "
                + schemas.resolve("_definitions.json")
                + " has nothing at /definitions/example.v1.Gadget\n");
    assertThat(run.exit()).isEqualTo(2);
  }

  @Test
  void aReferenceOutOfTheLocationsFolderIsNotRead() {
    Path kind =
        write(
            schemas,
            "widgets/widget-widgets-v1.json",
            WIDGET.replace("_definitions.json", "../outside.json"));
    write(schemas, "outside.json", DEFINITIONS);

    Run run = validate(schemas.resolve("widgets").toString());

    assertThat(run.err())
        .startsWith(
            "error: --schema-location "
                + schemas.resolve("widgets")
                + ": "
                + kind
                + ":6:21: not a usable JSON schema: `$ref`"
                + " `../outside.json#/definitions/example.v1.WidgetSpec` does not resolve: ")
        .endsWith(
            schemas.resolve("outside.json")
                + " lies outside the folder or URL of every schema location\n");
    assertThat(run.exit()).isEqualTo(2);
  }
}
