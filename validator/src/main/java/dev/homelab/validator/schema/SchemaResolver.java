package dev.homelab.validator.schema;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.DefaultDialectRegistry;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import dev.homelab.core.cli.UsageException;
import dev.homelab.core.model.GroupVersionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Finds and compiles the schema of each kind once, asking the sources in order: CRDs in the tree,
 * the embedded Kubernetes schemas, each --schema-location, the embedded CRDs, then the remote
 * catalog.
 */
public final class SchemaResolver {

  /**
   * A compiled schema, the document it came from, which source gave it, and, when a CRD gave it,
   * what the CRD says beyond JSON Schema (null when nothing).
   */
  public record Resolved(Schema schema, JsonNode document, String origin, CrdSchemaNode crd) {}

  /** What the resolver knows about a kind: its schema, or why there is none. */
  public record Lookup(Optional<Resolved> resolved, List<String> failures) {}

  /**
   * What kubeconform's generated schemas name as their dialect; its validator takes it as the
   * latest draft, where the registry would try to download it.
   */
  private static final Pattern LATEST_DRAFT =
      Pattern.compile("https?://json-schema\\.org/schema#?");

  private final List<SchemaSource> sources;
  private final SchemaRegistry registry;
  private final ReferencedSchemas references;
  private final Map<GroupVersionKind, Lookup> cache = new ConcurrentHashMap<>();

  public SchemaResolver(List<SchemaSource> sources) {
    this(sources, newRegistry(null), null);
  }

  /**
   * @param registry the run's registry, as {@link #newRegistry} makes it with {@code references}
   */
  public SchemaResolver(
      List<SchemaSource> sources, SchemaRegistry registry, ReferencedSchemas references) {
    this.sources = List.copyOf(sources);
    this.registry = registry;
    this.references = references;
  }

  /**
   * A registry that compiles schemas as the check uses them: draft 2020-12 unless they say, and
   * documents they refer to read by {@code references} (null: none).
   */
  static SchemaRegistry newRegistry(ReferencedSchemas references) {
    return SchemaRegistry.withDefaultDialect(
        SpecificationVersion.DRAFT_2020_12,
        builder -> {
          builder.dialectRegistry(
              new DefaultDialectRegistry(
                  id -> LATEST_DRAFT.matcher(id).matches() ? Dialects.getDraft202012() : null));
          builder.schemaRegistryConfig(
              SchemaRegistryConfig.builder()
                  .pathType(PathType.JSON_POINTER)
                  .formatAssertionsEnabled(true)
                  .build());
          if (references != null) {
            builder.resourceLoaders(loaders -> loaders.add(references));
            builder.nodeReader(new ReferencedSchemas.Reader());
          }
        });
  }

  /**
   * The schema, whose relative references resolve against the file it came from, with every
   * reference resolved now: the registry's preload swallows one that does not resolve, and
   * validating an object would then throw it.
   */
  static Schema compile(SchemaRegistry registry, SchemaSource.Found found) {
    Schema schema =
        found.uri() == null
            ? registry.getSchema(found.schema())
            : registry.getSchema(SchemaLocation.of(found.uri()), found.schema());
    schema.initializeValidators();
    return schema;
  }

  /**
   * The document {@code error}'s schema location points into: the kind's schema, or a file it
   * refers to, whose definition then names the properties that a "did you mean" hint offers.
   */
  public JsonNode documentOf(Resolved resolved, Error error) {
    AbsoluteIri own = resolved.schema().getSchemaLocation().getAbsoluteIri();
    AbsoluteIri at =
        error.getSchemaLocation() == null ? null : error.getSchemaLocation().getAbsoluteIri();
    if (at == null || at.equals(own) || references == null) {
      return resolved.document();
    }
    return references.document(at.toString()).orElse(resolved.document());
  }

  public Lookup lookup(GroupVersionKind type) {
    return cache.computeIfAbsent(type, this::resolve);
  }

  private Lookup resolve(GroupVersionKind type) {
    List<String> failures = new ArrayList<>();
    for (SchemaSource source : sources) {
      Optional<SchemaSource.Found> found = Optional.empty();
      try {
        found = source.find(type);
        if (found.isPresent()) {
          Schema schema = compile(registry, found.get());
          CrdSchemaNode crd = source.crdSchema(type).map(CrdSchemaNode::of).orElse(null);
          JsonNode document = found.get().schema();
          return new Lookup(
              Optional.of(new Resolved(schema, document, source.describe(), crd)), failures);
        }
      } catch (UsageException e) {
        // A broken file of the operator's own stops the run instead of becoming a warning.
        throw e;
      } catch (SchemaSource.SchemaSourceException e) {
        failures.add(source.describe() + ": " + e.getMessage());
      } catch (RuntimeException e) {
        Optional<SchemaSource.Found> schema = found;
        failures.add(
            source.describe()
                + ": "
                + schema
                    .flatMap(f -> ReferencedSchemas.unresolved(e, f))
                    .map(problem -> schema.get().uri() + ": " + problem.message())
                    .orElse("unusable schema (" + e.getMessage() + ")"));
      }
    }
    return new Lookup(Optional.empty(), failures);
  }
}
