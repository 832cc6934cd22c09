package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.Error;
import dev.homelab.validator.schema.DocumentMutation.Kind;
import dev.homelab.validator.schema.SchemaGuidedWalk.Visit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The embedded schemas against an independent reference: for a corpus of valid documents and
 * mutations of them, both sets must give the same verdict, unless a documented deviation explains
 * the difference.
 */
class KubernetesSchemaDifferentialTest {

  private static final String REFERENCE_FILE =
      "../shared/schemas/kubernetes/v1.34.0/_definitions.json";
  private static final String PUBLISHED_CRDS_FOLDER = "../shared/schemas/argo-cd-crds";
  private static final String CORPUS_FOLDER = "differential/valid";

  private static final Set<String> KINDS_THE_CORPUS_MUST_COVER =
      Set.of(
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "CronJob",
          "Job",
          "Service",
          "ConfigMap",
          "Secret",
          "Ingress",
          "PersistentVolumeClaim",
          "StorageClass",
          "Namespace",
          "ResourceQuota",
          "LimitRange",
          "ServiceAccount",
          "Role",
          "RoleBinding",
          "ClusterRole",
          "NetworkPolicy",
          "PodDisruptionBudget",
          "HorizontalPodAutoscaler",
          "CustomResourceDefinition",
          "PriorityClass",
          "IngressClass");

  /**
   * Every intended difference between the two sets, in one place. A verdict that differs for any
   * other reason fails the test. docs/schemas.md describes the same list.
   */
  enum DocumentedDeviation {
    EXPLICIT_NULL(
        "The API server treats an explicit null as an unset optional field; the reference rejects"
            + " null everywhere.") {
      @Override
      boolean explains(Comparison comparison) {
        return comparison.embedded().isEmpty()
            && comparison.reference().stream().allMatch(error -> isNull(error.getInstanceNode()));
      }
    },
    TYPE_META_REQUIRED(
        "A manifest without apiVersion or kind cannot be applied or even matched to a schema, so"
            + " the embedded set requires both; the reference leaves them optional.") {
      @Override
      boolean explains(Comparison comparison) {
        return comparison.reference().isEmpty()
            && comparison.embedded().stream()
                .allMatch(
                    error ->
                        error.getKeyword().equals("required")
                            && error.getInstanceLocation().toString().isEmpty()
                            && Set.of("apiVersion", "kind").contains(error.getProperty()));
      }
    },
    QUANTITY_PATTERN(
        "The embedded set checks quantity strings against Kubernetes' quantity grammar, which the"
            + " API server enforces; the reference accepts any string.") {
      @Override
      boolean explains(Comparison comparison) {
        return comparison.reference().isEmpty()
            && comparison.embedded().stream()
                .allMatch(
                    error ->
                        error.getKeyword().equals("pattern")
                            && comparison.isQuantity(error.getInstanceLocation().toString()));
      }
    };

    final String reason;

    DocumentedDeviation(String reason) {
      this.reason = reason;
    }

    abstract boolean explains(Comparison comparison);

    private static boolean isNull(JsonNode node) {
      return node != null && node.isNull();
    }
  }

  /**
   * Reference definitions that the strict copy leaves open, with the reason; every other definition
   * with properties gets {@code additionalProperties: false}.
   */
  private static final Map<String, String> REFERENCE_DEFINITIONS_LEFT_OPEN =
      Map.of(
          "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps",
          "CRD schema content is free-form by design: the embedded set types its keywords but"
              + " accepts unknown ones, so the strict copy must not close it either.");

  /**
   * Kinds that only the reference knows. client-java-api 26.0.0 was generated from the Kubernetes
   * 1.35 API: the generator drops 1.35's new versions of three alpha/beta APIs (see Kubernetes134),
   * and 1.34's versions of them are not in the models at all.
   */
  private static final Set<String> STORED_KINDS_ONLY_IN_REFERENCE =
      Set.of(
          "certificates.k8s.io/v1alpha1 PodCertificateRequest",
          "storage.k8s.io/v1alpha1 VolumeAttributesClass",
          "storagemigration.k8s.io/v1alpha1 StorageVersionMigration");

  private static Map<String, JsonNode> corpus;

  @BeforeAll
  static void loadCorpus() {
    corpus = readCorpus();
  }

  @Test
  void corpusCoversTheKindsAHomeLabUses() {
    Set<String> kinds =
        corpus.values().stream()
            .map(document -> document.get("kind").asString())
            .collect(Collectors.toSet());

    assertThat(kinds).containsAll(KINDS_THE_CORPUS_MUST_COVER);
  }

  @Test
  void everyCorpusDocumentIsValidAgainstTheEmbeddedSchemas() {
    corpus.forEach(
        (file, document) ->
            assertThat(EmbeddedSchemaFixture.validate(document))
                .as(file)
                .extracting(Error::toString)
                .isEmpty());
  }

  @Test
  void bothSchemaSetsGiveTheSameVerdictForEveryDocumentAndMutation() {
    ReferenceSchemaSet reference = referenceOrSkip();
    int documents = 0;
    int mutations = 0;
    int agreements = 0;
    Map<DocumentedDeviation, Integer> deviations = new EnumMap<>(DocumentedDeviation.class);
    List<String> unexplained = new ArrayList<>();

    for (Map.Entry<String, JsonNode> entry : corpus.entrySet()) {
      JsonNode document = entry.getValue();
      String apiVersion = document.get("apiVersion").asString();
      String kind = document.get("kind").asString();
      String definition = reference.definitionOf(apiVersion, kind);
      assertThat(definition).as("reference schema for " + apiVersion + " " + kind).isNotNull();
      // Mutations of apiVersion or kind are still checked against the original kind's schemas.
      String embeddedFile =
          EmbeddedSchemaFixture.indexEntry(apiVersion, kind).get("file").asString();
      JsonNode embeddedSchema = EmbeddedSchemaFixture.readJson(embeddedFile);
      JsonNode referenceSchema = reference.definitionSchema(definition);

      List<DocumentMutation> cases = new ArrayList<>();
      cases.add(new DocumentMutation(Kind.NONE, "", document));
      cases.addAll(
          DocumentMutation.allOf(
              document,
              SchemaGuidedWalk.walk(reference.strictDocument(), referenceSchema, document),
              SchemaGuidedWalk.walk(embeddedSchema, embeddedSchema, document)));
      documents++;
      mutations += cases.size() - 1;

      for (DocumentMutation mutation : cases) {
        Comparison comparison =
            new Comparison(
                kind,
                mutation,
                EmbeddedSchemaFixture.schema(embeddedFile).validate(mutation.document()),
                reference.validate(definition, mutation.document()),
                SchemaGuidedWalk.walk(
                    reference.strictDocument(), referenceSchema, mutation.document()));
        if (comparison.embedded().isEmpty() == comparison.reference().isEmpty()) {
          agreements++;
          continue;
        }
        DocumentedDeviation deviation = explain(comparison);
        if (deviation != null) {
          deviations.merge(deviation, 1, Integer::sum);
        } else {
          unexplained.add(comparison.describe());
        }
      }
    }

    System.out.printf(
        "Differential vs %s: %d documents, %d mutations, %d agreements, %d documented deviations"
            + " %s, %d unexplained%n",
        REFERENCE_FILE,
        documents,
        mutations,
        agreements,
        deviations.values().stream().mapToInt(Integer::intValue).sum(),
        deviations,
        unexplained.size());
    assertThat(unexplained)
        .withFailMessage(
            () ->
                unexplained.size()
                    + " verdicts differ without a documented deviation ("
                    + documentedDeviations()
                    + "):\n"
                    + String.join("\n", unexplained))
        .isEmpty();
    assertThat(agreements).isGreaterThan(mutations / 2);
  }

  @Test
  void publishedCrdsAreValidInBothSets() throws IOException {
    ReferenceSchemaSet reference = referenceOrSkip();
    Path folder = repositoryRoot().resolve(PUBLISHED_CRDS_FOLDER).normalize();
    if (!Files.isDirectory(folder)) {
      System.out.println("Skipping the published-CRD check: no CRD manifests at " + folder);
    }
    assumeTrue(Files.isDirectory(folder), "no CRD manifests at " + folder);
    String definition =
        reference.definitionOf("apiextensions.k8s.io/v1", "CustomResourceDefinition");
    List<Path> manifests;
    try (Stream<Path> files = Files.list(folder)) {
      manifests = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    }

    assertThat(manifests).isNotEmpty();
    for (Path manifest : manifests) {
      JsonNode crd = EmbeddedSchemaFixture.YAML.readTree(manifest.toFile());
      assertThat(EmbeddedSchemaFixture.validate(crd))
          .as("embedded verdict on " + manifest.getFileName())
          .extracting(Error::toString)
          .isEmpty();
      assertThat(reference.validate(definition, crd))
          .as("reference verdict on " + manifest.getFileName())
          .extracting(Error::toString)
          .isEmpty();
    }
  }

  @Test
  void theSetsKnowTheSameKindsExceptForTheDocumentedApiVersionSkew() {
    ReferenceSchemaSet reference = referenceOrSkip();
    Set<String> embedded = new TreeSet<>();
    for (JsonNode entry : EmbeddedSchemaFixture.index().get("kinds")) {
      String group = entry.get("group").asString();
      String version = entry.get("version").asString();
      embedded.add(
          (group.isEmpty() ? version : group + "/" + version) + " " + entry.get("kind").asString());
    }
    Set<String> referenceKinds = reference.apiVersionKinds();

    Set<String> onlyEmbedded = new TreeSet<>(embedded);
    onlyEmbedded.removeAll(referenceKinds);
    assertThat(onlyEmbedded).as("kinds the 1.34 reference does not know").isEmpty();
    assertThat(referenceKinds).containsAll(STORED_KINDS_ONLY_IN_REFERENCE);
    assertThat(embedded).doesNotContainAnyElementsOf(STORED_KINDS_ONLY_IN_REFERENCE);
  }

  private static String documentedDeviations() {
    return Stream.of(DocumentedDeviation.values())
        .map(deviation -> deviation + ": " + deviation.reason)
        .collect(Collectors.joining(" "));
  }

  private static DocumentedDeviation explain(Comparison comparison) {
    for (DocumentedDeviation deviation : DocumentedDeviation.values()) {
      if (deviation.explains(comparison)) {
        return deviation;
      }
    }
    return null;
  }

  /** The two verdicts on one document, with what the reference says about each of its nodes. */
  record Comparison(
      String kind,
      DocumentMutation mutation,
      List<Error> embedded,
      List<Error> reference,
      List<Visit> referenceVisits) {

    boolean isQuantity(String pointer) {
      return referenceVisits.stream()
          .anyMatch(
              visit ->
                  visit.pointer().equals(pointer)
                      && visit.refs().contains(ReferenceSchemaSet.QUANTITY));
    }

    String describe() {
      List<Error> rejecting = embedded.isEmpty() ? reference : embedded;
      return String.format(
          "  %s %s (%s): embedded %s, reference %s; %s",
          kind,
          pointerOrRoot(mutation.pointer()),
          mutation.kind().label,
          embedded.isEmpty() ? "accepts" : "rejects",
          reference.isEmpty() ? "accepts" : "rejects",
          rejecting.stream()
              .limit(3)
              .map(
                  error ->
                      pointerOrRoot(error.getInstanceLocation().toString())
                          + " "
                          + error.getMessage())
              .collect(Collectors.joining("; ")));
    }
  }

  private static String pointerOrRoot(String pointer) {
    return pointer.isEmpty() ? "(root)" : pointer;
  }

  private static ReferenceSchemaSet referenceOrSkip() {
    Path file = repositoryRoot().resolve(REFERENCE_FILE).normalize();
    if (!Files.isRegularFile(file)) {
      System.out.println("Skipping the differential test: no reference definitions at " + file);
    }
    assumeTrue(Files.isRegularFile(file), "no reference definitions at " + file);
    return ReferenceSchemaSet.load(file, REFERENCE_DEFINITIONS_LEFT_OPEN.keySet());
  }

  private static Path repositoryRoot() {
    String configured = System.getProperty("homelab.repo.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of("").toAbsolutePath().getParent();
  }

  private static Map<String, JsonNode> readCorpus() {
    try {
      Path folder =
          Path.of(
              KubernetesSchemaDifferentialTest.class
                  .getClassLoader()
                  .getResource(CORPUS_FOLDER)
                  .toURI());
      Map<String, JsonNode> documents = new TreeMap<>();
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
          documents.put(
              file.getFileName().toString(), EmbeddedSchemaFixture.YAML.readTree(file.toFile()));
        }
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
