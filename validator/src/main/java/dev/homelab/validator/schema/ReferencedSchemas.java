package dev.homelab.validator.schema;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.InvalidSchemaRefException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.ResourceLoader;
import com.networknt.schema.serialization.BasicNodeReader;
import dev.homelab.core.cli.UsageException;
import dev.homelab.core.source.IoReasons;
import dev.homelab.core.yaml.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documents that schemas refer to outside themselves, as kubeconform's split layout does: a
 * kind's file says {@code "$ref": "_definitions.json#/definitions/..."} of a file beside it. A file
 * of a local location is read with the same checks as the location's schemas, a URL through the
 * run's fetcher, so --offline, the cache and the memory of unreachable hosts apply; the registry
 * fetches nothing itself. Each document is read once a run.
 */
final class ReferencedSchemas implements ResourceLoader {

  /** A referenced document that cannot be had, and why. */
  static final class UnresolvedReference extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String document;

    UnresolvedReference(String document, String message) {
      super(message);
      this.document = document;
    }
  }

  /** Hands the registry the tree this loader already parsed, so a big file is parsed once. */
  static final class Reader extends BasicNodeReader {

    @Override
    public JsonNode readSchema(InputStream in, InputFormat format) {
      return in instanceof Parsed parsed ? parsed.document : super.readSchema(in, format);
    }

    @Override
    public JsonNode readTree(InputStream in, InputFormat format) {
      return in instanceof Parsed parsed ? parsed.document : super.readTree(in, format);
    }
  }

  private static final class Parsed extends InputStream {
    private final JsonNode document;

    Parsed(JsonNode document) {
      this.document = document;
    }

    @Override
    public int read() {
      return -1;
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<SchemaLocationTemplate> locations;
  private final RemoteSchemaFetcher fetcher;
  private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
  private final Map<String, RuntimeException> failed = new ConcurrentHashMap<>();

  /**
   * @param locations where schemas come from; a reference is read only when it lies in one of them
   */
  ReferencedSchemas(List<SchemaLocationTemplate> locations, RemoteSchemaFetcher fetcher) {
    this.locations = List.copyOf(locations);
    this.fetcher = fetcher;
  }

  @Override
  public InputStreamSource getResource(AbsoluteIri iri) {
    String uri = iri.toString();
    // The registry asks again for a document it could not load, or loads it once per cache it
    // keeps; the answer stays the same.
    RuntimeException failure = failed.get(uri);
    if (failure != null) {
      throw failure;
    }
    try {
      JsonNode document = documents.computeIfAbsent(uri, this::read);
      return () -> new Parsed(document);
    } catch (UnresolvedReference | UsageException e) {
      failed.put(uri, e);
      throw e;
    }
  }

  /** A document a schema referred to, as read; empty for one never asked for. */
  Optional<JsonNode> document(String uri) {
    return Optional.ofNullable(documents.get(uri));
  }

  private JsonNode read(String uri) {
    URI document;
    try {
      document = new URI(uri);
    } catch (URISyntaxException e) {
      throw new UnresolvedReference(uri, uri + " is not a valid URI");
    }
    SchemaLocationTemplate owner =
        locations.stream()
            .filter(location -> location.holds(document))
            .findFirst()
            .orElseThrow(
                () ->
                    new UnresolvedReference(
                        uri,
                        display(uri) + " lies outside the folder or URL of every schema location"));
    return owner.isRemote() ? download(uri) : readFile(uri, owner, Path.of(document));
  }

  private static JsonNode readFile(String uri, SchemaLocationTemplate owner, Path file) {
    String name = owner.nameOf(file);
    if (!Files.isRegularFile(file)) {
      throw new UnresolvedReference(uri, "no file " + name);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UnresolvedReference(uri, "cannot read " + name + ": " + IoReasons.of(e));
    }
    return LocationSchemas.jsonObject("--schema-location " + owner.location() + ": " + name, bytes);
  }

  private JsonNode download(String url) {
    Optional<String> text;
    try {
      text = fetcher.fetch(url);
    } catch (SchemaSource.SchemaSourceException e) {
      throw new UnresolvedReference(url, url + ": " + e.getMessage());
    }
    if (text.isEmpty()) {
      throw new UnresolvedReference(
          url,
          fetcher.offline()
              ? url + " is not in the cache, and --offline forbids downloading it"
              : url + " is not found");
    }
    try {
      JsonNode document = JSON.readTree(text.get());
      if (document.isObject()) {
        return document;
      }
    } catch (JacksonException e) {
      // Said below, as for any other body that is no schema.
    }
    throw new UnresolvedReference(url, url + " is not a JSON object");
  }

  /**
   * What compiling {@code found} threw, told as the reference that does not resolve and where it
   * is; empty when it threw for another reason. A broken file of the operator's own that a
   * reference named is rethrown, as the usage error it is.
   */
  static Optional<UnusableSchema.Problem> unresolved(RuntimeException e, SchemaSource.Found found) {
    UsageException usage = causeOf(e, UsageException.class);
    if (usage != null) {
      throw usage;
    }
    UnresolvedReference missing = causeOf(e, UnresolvedReference.class);
    if (missing != null) {
      return Optional.of(
          problem(found, target -> withoutFragment(target).equals(missing.document), missing));
    }
    InvalidSchemaRefException invalid = causeOf(e, InvalidSchemaRefException.class);
    Error error = invalid == null ? null : invalid.getError();
    if (error == null || error.getArguments() == null || error.getArguments().length == 0) {
      return Optional.empty();
    }
    String fragment = String.valueOf(error.getArguments()[0]);
    AbsoluteIri iri =
        error.getSchemaLocation() == null ? null : error.getSchemaLocation().getAbsoluteIri();
    String document = iri == null || iri.toString().isEmpty() ? found.uri() : iri.toString();
    String owner =
        document == null || document.equals(found.uri()) ? "the schema" : display(document);
    return Optional.of(
        problem(
            found,
            target ->
                target.endsWith("#" + fragment)
                    && (document == null || withoutFragment(target).equals(document)),
            new UnresolvedReference(document, owner + " has nothing at " + fragment)));
  }

  private static UnusableSchema.Problem problem(
      SchemaSource.Found found, Predicate<String> names, RuntimeException why) {
    String pointer = referenceTo(found.schema(), "", found.uri(), names);
    String reference =
        pointer == null ? "a reference" : "`$ref` `" + found.schema().at(pointer).asString() + "`";
    return new UnusableSchema.Problem(
        pointer, reference + " does not resolve: " + why.getMessage());
  }

  /** The pointer of the first {@code $ref} in {@code node} whose target {@code names} accepts. */
  private static String referenceTo(
      JsonNode node, String pointer, String base, Predicate<String> names) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isString() && names.test(target(base, ref.asString()))) {
        return Pointer.append(pointer, "$ref");
      }
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        String found =
            referenceTo(entry.getValue(), Pointer.append(pointer, entry.getKey()), base, names);
        if (found != null) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = referenceTo(node.get(i), Pointer.append(pointer, i), base, names);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Where a reference points, resolved as the registry resolves it. */
  private static String target(String base, String ref) {
    try {
      return base == null ? ref : SchemaLocation.resolve(SchemaLocation.of(base), ref);
    } catch (RuntimeException e) {
      return ref;
    }
  }

  /** A file's path, or a URL as it is. */
  private static String display(String uri) {
    try {
      return uri.startsWith("file:") ? Path.of(new URI(uri)).toString() : uri;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return uri;
    }
  }

  private static String withoutFragment(String uri) {
    int hash = uri.indexOf('#');
    return hash < 0 ? uri : uri.substring(0, hash);
  }

  private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
