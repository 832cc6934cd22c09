package dev.homelab.validator.schema.gen;

import static dev.homelab.validator.schema.EmbeddedSchemaFixture.schema;
import static dev.homelab.validator.schema.EmbeddedSchemaFixture.validate;
import static dev.homelab.validator.schema.EmbeddedSchemaFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** What the generated schemas accept and reject, checked with the validator the product uses. */
class GeneratedSchemaSemanticsTest {

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: paperless-web
        namespace: apps
        labels:
          app.kubernetes.io/name: paperless
      spec:
        replicas: 1
        selector:
          matchLabels:
            app.kubernetes.io/name: paperless
        template:
          metadata:
            labels:
              app.kubernetes.io/name: paperless
          spec:
            containers:
              - name: web
                image: ghcr.io/paperless-ngx/paperless-ngx:2.14.7
                ports:
                  - name: http
                    containerPort: 8000
                resources:
                  requests:
                    cpu: 250m
                    memory: 512Mi
      """;

  private static final String SERVICE =
      """
      apiVersion: v1
      kind: Service
      metadata:
        name: paperless-web
      spec:
        selector:
          app.kubernetes.io/name: paperless
        ports:
          - name: http
            port: 80
            targetPort: TARGET
      """;

  @Test
  void theBaseDeploymentIsValid() {
    assertThat(validate(DEPLOYMENT)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"selector", "template"})
  void deploymentSpecRequiresSelectorAndTemplate(String field) {
    ObjectNode deployment = deployment();
    ((ObjectNode) deployment.get("spec")).remove(field);

    assertThat(validate(deployment))
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.getKeyword()).isEqualTo("required");
              assertThat(error.getInstanceLocation()).hasToString("/spec");
              assertThat(error.getProperty()).isEqualTo(field);
            });
  }

  @Test
  void containerRequiresName() {
    ObjectNode deployment = deployment();
    ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).remove("name");

    assertThat(validate(deployment))
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.getKeyword()).isEqualTo("required");
              assertThat(error.getInstanceLocation())
                  .hasToString("/spec/template/spec/containers/0");
              assertThat(error.getProperty()).isEqualTo("name");
            });
  }

  @Test
  void containerPortIsAnInteger() {
    ObjectNode deployment = deployment();
    ObjectNode port = (ObjectNode) deployment.at("/spec/template/spec/containers/0/ports/0");
    port.put("containerPort", "8000");

    assertThat(validate(deployment))
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.getKeyword()).isEqualTo("type");
              assertThat(error.getInstanceLocation())
                  .hasToString("/spec/template/spec/containers/0/ports/0/containerPort");
            });

    port.put("containerPort", 8000.5);
    assertThat(validate(deployment)).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8080", "http"})
  void targetPortAcceptsANumberOrAPortName(String targetPort) {
    assertThat(validate(SERVICE.replace("TARGET", targetPort))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "{port: 8080}", "[8080]"})
  void targetPortRejectsAnythingElse(String targetPort) {
    assertThat(validate(SERVICE.replace("TARGET", targetPort)))
        .extracting(error -> error.getInstanceLocation().toString())
        .containsOnly("/spec/ports/0/targetPort");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"\"500m\"", "1", "0.5", "\"1.5Gi\"", "\"2e3\"", "\"128974848\"", "\"-1\""})
  void quantityAcceptsKubernetesQuantities(String cpu) {
    assertThat(validate(deploymentWithCpu(cpu))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"500 m\"", "\"two cores\"", "\"1GB\"", "\"\"", "true", "{}"})
  void quantityRejectsEverythingElse(String cpu) {
    assertThat(validate(deploymentWithCpu(cpu)))
        .extracting(error -> error.getInstanceLocation().toString())
        .containsOnly("/spec/template/spec/containers/0/resources/requests/cpu");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "/metadata",
        "/spec",
        "/spec/selector",
        "/spec/template",
        "/spec/template/metadata",
        "/spec/template/spec",
        "/spec/template/spec/containers/0",
        "/spec/template/spec/containers/0/ports/0",
        "/spec/template/spec/containers/0/resources"
      })
  void unknownFieldsAreRejectedAtEveryDepth(String objectPointer) {
    ObjectNode deployment = deployment();
    ((ObjectNode) deployment.at(objectPointer)).put("replica", 2);

    assertThat(validate(deployment))
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.getKeyword()).isEqualTo("additionalProperties");
              assertThat(error.getInstanceLocation()).hasToString(objectPointer);
              assertThat(error.getProperty()).isEqualTo("replica");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/metadata/namespace",
        "/metadata/labels",
        "/metadata/creationTimestamp",
        "/spec/replicas",
        "/spec/strategy",
        "/spec/template/metadata",
        "/spec/template/spec/containers/0/image",
        "/spec/template/spec/containers/0/ports",
        "/spec/template/spec/containers/0/resources",
        "/spec/template/spec/containers/0/resources/requests"
      })
  void explicitNullIsAcceptedForOptionalFields(String fieldPointer) {
    assertThat(validate(withNullAt(fieldPointer))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/spec/selector",
        "/spec/template",
        "/spec/template/spec/containers",
        "/spec/template/spec/containers/0/name",
        "/spec/template/spec/containers/0/ports/0/containerPort"
      })
  void explicitNullIsRejectedForRequiredFields(String fieldPointer) {
    assertThat(validate(withNullAt(fieldPointer)))
        .extracting(error -> error.getInstanceLocation().toString())
        .containsOnly(fieldPointer);
  }

  @Test
  void listItemsAndMapValuesAreNotNullable() {
    ObjectNode deployment = deployment();
    ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).putArray("args").addNull();
    ((ObjectNode) deployment.at("/metadata/labels")).putNull("tier");

    assertThat(validate(deployment))
        .extracting(error -> error.getInstanceLocation().toString())
        .containsExactlyInAnyOrder(
            "/spec/template/spec/containers/0/args/0", "/metadata/labels/tier");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", "[a]", "{nested: value}"})
  void labelValuesMustBeStrings(String value) {
    ObjectNode deployment = deployment();
    ((ObjectNode) deployment.at("/metadata/labels")).set("tier", yaml(value));

    assertThat(validate(deployment))
        .extracting(error -> error.getInstanceLocation().toString())
        .containsOnly("/metadata/labels/tier");
  }

  @Test
  void apiVersionAndKindArePinnedAndRequired() {
    ObjectNode deployment = deployment();
    deployment.put("apiVersion", "apps/v1beta2");
    assertThat(schema("deployment-apps-v1.json").validate(deployment))
        .extracting(Error::getKeyword)
        .containsExactly("const");

    deployment.remove("apiVersion");
    deployment.put("kind", "StatefulSet");
    assertThat(schema("deployment-apps-v1.json").validate(deployment))
        .extracting(Error::getKeyword)
        .containsExactlyInAnyOrder("const", "required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cGFwZXJsZXNz", "cGFwZXJsZXNzLWRi", "cGFw\\nZXJsZXNzLWRi", "", "YQ=="})
  void secretDataAcceptsBase64(String value) {
    assertThat(validate(secretWithData("\"" + value + "\""))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"not base64\"", "\"pass=word\"", "\"äöü\"", "42"})
  void secretDataRejectsTextThatIsNotBase64(String value) {
    assertThat(validate(secretWithData(value)))
        .extracting(error -> error.getInstanceLocation().toString())
        .containsOnly("/data/password");
  }

  @Test
  void creationTimestampIsADateTimeString() {
    ObjectNode deployment = deployment();
    ((ObjectNode) deployment.get("metadata")).put("creationTimestamp", "2026-01-01T00:00:00Z");
    assertThat(validate(deployment)).isEmpty();

    ((ObjectNode) deployment.get("metadata")).put("creationTimestamp", 1767225600);
    assertThat(validate(deployment)).isNotEmpty();
  }

  @Test
  void freeFormContentAcceptsAnything() {
    String revision =
        """
        apiVersion: apps/v1
        kind: ControllerRevision
        metadata:
          name: postgres-7c9d
        revision: 3
        data:
          spec: {template: {anything: [1, "two", null, {deep: true}]}}
        """;
    assertThat(validate(revision)).isEmpty();
  }

  @Test
  void crdSchemaContentIsOpenButItsDeclaredKeywordsAreTyped() {
    String crd =
        """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: backups.homelab.dev
        spec:
          group: homelab.dev
          scope: Namespaced
          names: {plural: backups, singular: backup, kind: Backup}
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  x-vendor-hint: kept
                  properties:
                    spec:
                      type: object
                      x-kubernetes-preserve-unknown-fields: true
                      default: {schedule: "0 3 * * *", keep: [7, "weekly"]}
                      properties:
                        schedule: {type: string, example: "@daily", enum: ["@daily", 3, null]}
                    retention:
                      type: TYPE
        """;
    assertThat(validate(crd.replace("TYPE", "integer"))).isEmpty();
    assertThat(validate(crd.replace("TYPE", "7")))
        .extracting(error -> error.getInstanceLocation().toString())
        .containsOnly("/spec/versions/0/schema/openAPIV3Schema/properties/retention/type");
  }

  @Test
  void fieldsAndKindsThatArrivedInKubernetes135AreNotAccepted() {
    ObjectNode deployment = deployment();
    ((ObjectNode) deployment.at("/spec/template/spec")).putObject("workloadRef").put("name", "x");
    assertThat(validate(deployment))
        .extracting(error -> String.valueOf(error.getKeyword()))
        .contains("additionalProperties");
    java.util.List<String> kinds = new java.util.ArrayList<>();
    for (JsonNode entry : dev.homelab.validator.schema.EmbeddedSchemaFixture.index().get("kinds")) {
      kinds.add(
          entry.get("group").asString()
              + "/"
              + entry.get("version").asString()
              + " "
              + entry.get("kind").asString());
    }
    assertThat(kinds)
        .contains("apps/v1 Deployment")
        .doesNotContain(
            "scheduling.k8s.io/v1alpha1 Workload",
            "certificates.k8s.io/v1beta1 PodCertificateRequest",
            "storagemigration.k8s.io/v1beta1 StorageVersionMigration");
  }

  private static ObjectNode deployment() {
    return (ObjectNode) yaml(DEPLOYMENT);
  }

  private static String deploymentWithCpu(String cpu) {
    return DEPLOYMENT.replace("cpu: 250m", "cpu: " + cpu);
  }

  private static String secretWithData(String value) {
    return """
        apiVersion: v1
        kind: Secret
        metadata:
          name: paperless-db
        type: Opaque
        data:
          password: VALUE
        """
        .replace("VALUE", value);
  }

  private static JsonNode withNullAt(String fieldPointer) {
    ObjectNode deployment = deployment();
    int slash = fieldPointer.lastIndexOf('/');
    JsonNode parent = deployment.at(fieldPointer.substring(0, slash));
    String field = fieldPointer.substring(slash + 1);
    if (parent instanceof ObjectNode object) {
      object.set(field, JsonNodeFactory.instance.nullNode());
    } else {
      ((ArrayNode) parent).set(Integer.parseInt(field), JsonNodeFactory.instance.nullNode());
    }
    return deployment;
  }
}
