package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.model.GroupVersionKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaLocationTemplateTest {

  private static final String KNOWN =
      "the known ones are {{ .ResourceKind }}, {{ .ResourceAPIVersion }}, {{ .Group }},"
          + " {{ .KindSuffix }}, {{ .NormalizedKubernetesVersion }}, {{ .StrictSuffix }},"
          + " {group}, {kind}, {version}";

  @Test
  void kubeconformAndCatalogTemplatesAreUsable(@TempDir Path schemas) {
    assertThat(
            SchemaLocationTemplate.problem(
                "https://example.com/{{ .NormalizedKubernetesVersion }}{{ .StrictSuffix }}/"
                    + "{{.ResourceKind}}{{ .KindSuffix }}.json"))
        .isEmpty();
    assertThat(SchemaLocationTemplate.problem(schemas + "/{group}/{kind}_{version}.json"))
        .isEmpty();
    assertThat(SchemaLocationTemplate.problem(schemas.toString())).isEmpty();
    assertThat(
            new SchemaLocationTemplate(
                    "https://example.com/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}",
                    "1.34")
                .candidates(new GroupVersionKind("apps", "v1", "Deployment")))
        .containsExactly("https://example.com/apps/deployment_v1");
  }

  @Test
  void aLocalLocationMayReadOnlyTheFilesItsLayoutNames(@TempDir Path schemas) {
    SchemaLocationTemplate folder = new SchemaLocationTemplate(schemas.toString(), "1.34");
    SchemaLocationTemplate catalog =
        new SchemaLocationTemplate(schemas + "/{group}/{kind}_{version}.json", "1.34");
    SchemaLocationTemplate kubeconform =
        new SchemaLocationTemplate(
            schemas
                + "/{{ .NormalizedKubernetesVersion }}/{{ .ResourceKind }}{{ .KindSuffix }}.json",
            "1.34");

    assertThat(catalog.folder()).isEqualTo(schemas);
    assertThat(folder.mayRead(schemas.resolve("deployment-apps-v1.json"))).isTrue();
    assertThat(folder.mayRead(schemas.resolve("cert-manager.io/certificate_v1.json"))).isTrue();
    assertThat(folder.mayRead(schemas.resolve("a/b/c.json"))).isFalse();
    assertThat(folder.mayRead(schemas.resolve("deployment.yaml"))).isFalse();
    assertThat(folder.mayRead(schemas.resolveSibling("other.json"))).isFalse();
    assertThat(catalog.mayRead(schemas.resolve("cert-manager.io/certificate_v1.json"))).isTrue();
    assertThat(catalog.mayRead(schemas.resolve("deployment-apps-v1.json"))).isFalse();
    assertThat(kubeconform.mayRead(schemas.resolve("v1.34.0/deployment-apps-v1.json"))).isTrue();
    assertThat(kubeconform.mayRead(schemas.resolve("v1.34.0/deployment-apps-v1.yaml"))).isFalse();
    assertThat(kubeconform.depth()).isEqualTo(2);
  }

  @Test
  void anUnknownVariableIsNamedWithTheKnownOnes(@TempDir Path schemas) {
    assertThat(
            SchemaLocationTemplate.problem(
                "https://example.com/{{ .ResourceKnd }}{{ .KindSuffix }}.json"))
        .contains("unknown variable `{{ .ResourceKnd }}`; " + KNOWN);
    assertThat(SchemaLocationTemplate.problem(schemas + "/{group}/{Kind}.json"))
        .contains("unknown variable `{Kind}`; " + KNOWN);
    assertThat(SchemaLocationTemplate.problem("https://example.com/{{ ResourceKind }}.json"))
        .contains("unknown variable `{{ ResourceKind }}`; " + KNOWN);
    assertThat(SchemaLocationTemplate.problem("https://example.com/{{ .ResourceKind }.json"))
        .contains("unknown variable `{{ .ResourceKind }.json`; " + KNOWN);
  }

  @Test
  void neitherAUrlNorAPathIsSaidSo() {
    assertThat(SchemaLocationTemplate.problem("htp:/x{{"))
        .contains("neither an http:// or https:// URL nor a local path");
    assertThat(SchemaLocationTemplate.problem("http:/example.com/{kind}.json"))
        .contains("neither an http:// or https:// URL nor a local path");
    assertThat(SchemaLocationTemplate.problem("https://exa mple.com/{kind}.json"))
        .contains(
            "not a valid URL: https://exa mple.com/deployment.json (Illegal character in authority)");
    assertThat(SchemaLocationTemplate.problem("https:///{kind}.json"))
        .contains("not a valid URL: https:///deployment.json names no host");
  }
}
