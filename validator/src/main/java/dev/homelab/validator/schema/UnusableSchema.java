package dev.homelab.validator.schema;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.homelab.core.schema.SchemaProblem;
import dev.homelab.core.schema.SchemaProblems;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Why a JSON object is no usable JSON Schema: what the meta-schema of its dialect refuses (such as
 * {@code "type": 5}), or a keyword that cannot be compiled (a reference that does not resolve).
 * Such a schema would otherwise check objects against nonsense or quietly pass them.
 */
final class UnusableSchema {

  /** What is wrong, and where: a JSON pointer into the schema, or null when nothing says where. */
  record Problem(String pointer, String message) {}

  private static final SchemaRegistry REGISTRY = SchemaResolver.newRegistry(null);
  private static final Pattern QUALIFIED_NAME = Pattern.compile("^(?:[a-z]\\w*\\.)+([A-Z]\\w*: )");

  private UnusableSchema() {}

  /**
   * @param registry the run's registry, which reads the files the schema refers to
   */
  static Optional<Problem> problem(SchemaSource.Found found, SchemaRegistry registry) {
    JsonNode document = found.schema();
    SpecificationVersion dialect =
        SpecificationVersion.fromSchemaNode(document).orElse(SpecificationVersion.DRAFT_2020_12);
    try {
      Schema meta = REGISTRY.getSchema(SchemaLocation.of(dialect.getDialectId()));
      List<SchemaProblem> problems =
          SchemaProblems.of(meta.validate(document), error -> List.<String>of());
      if (!problems.isEmpty()) {
        String pointer = problems.get(0).pointer();
        // A keyword may fail several of the meta-schema's alternatives; each says what would do.
        return Optional.of(
            new Problem(
                pointer,
                problems.stream()
                    .filter(p -> p.pointer().equals(pointer))
                    .map(SchemaProblem::message)
                    .collect(Collectors.joining("; "))));
      }
      SchemaResolver.compile(registry, found);
      return Optional.empty();
    } catch (RuntimeException e) {
      return ReferencedSchemas.unresolved(e, found)
          .or(() -> Optional.of(new Problem(null, firstLine(e))));
    }
  }

  /** The exception's first line, with the package of a wrapped exception's name left out. */
  private static String firstLine(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    return QUALIFIED_NAME.matcher(message.lines().findFirst().orElse(message)).replaceFirst("$1");
  }
}
