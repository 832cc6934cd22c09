package dev.homelab.validator.schema;

import dev.homelab.core.cache.CacheFolder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Downloads schemas over HTTP into an on-disk cache. A cached file is used without asking the
 * network again; a 404 is remembered for a day. A host that cannot be reached is not tried again in
 * the same run, nor for five minutes after, so offline pre-commit runs do not each wait for DNS.
 */
public final class RemoteSchemaFetcher {

  private static final Duration NOT_FOUND_TTL = Duration.ofHours(24);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Duration UNREACHABLE_TTL = Duration.ofMinutes(5);

  private final Path cacheDir;
  private final boolean offline;
  private volatile HttpClient client;
  private volatile String unreachable;

  /**
   * @param offline use cached schemas only and never open a connection
   */
  public RemoteSchemaFetcher(Path cacheDir, boolean offline) {
    this.cacheDir = cacheDir;
    this.offline = offline;
  }

  /** Whether the fetcher uses cached schemas only. */
  public boolean offline() {
    return offline;
  }

  /**
   * The default cache: $XDG_CACHE_HOME/homelab/schemas, else (also for a relative one)
   * ~/.cache/homelab/schemas.
   */
  public static Path defaultCacheDir() {
    return CacheFolder.userCacheHome().resolve("homelab").resolve("schemas");
  }

  /**
   * The body at {@code url}, from the cache or the network.
   *
   * @throws SchemaSource.SchemaSourceException when the server cannot be reached
   */
  public Optional<String> fetch(String url) throws SchemaSource.SchemaSourceException {
    Path cached = cacheDir.resolve(key(url) + ".json");
    Path missing = cacheDir.resolve(key(url) + ".404");
    try {
      if (Files.isRegularFile(cached)) {
        return Optional.of(Files.readString(cached, StandardCharsets.UTF_8));
      }
      if (Files.isRegularFile(missing)
          && Files.getLastModifiedTime(missing)
              .toInstant()
              .plus(NOT_FOUND_TTL)
              .isAfter(Instant.now())) {
        return Optional.empty();
      }
    } catch (IOException e) {
      // An unreadable cache entry is fetched again.
    }
    if (offline) {
      return Optional.empty();
    }
    if (unreachable != null) {
      throw new SchemaSource.SchemaSourceException(unreachable);
    }
    Path hostDown = cacheDir.resolve(key(hostOf(url)) + ".unreachable");
    Optional<String> remembered = rememberedFailure(hostDown);
    if (remembered.isPresent()) {
      unreachable = remembered.get() + ", remembered from an earlier run; pass --offline to skip";
      throw new SchemaSource.SchemaSourceException(unreachable);
    }
    HttpResponse<String> response;
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
      response = client().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      unreachable = "cannot reach " + URI.create(url).getHost() + " (" + describe(e) + ")";
      remember(hostDown, unreachable);
      throw new SchemaSource.SchemaSourceException(unreachable);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaSource.SchemaSourceException("interrupted while fetching " + url);
    } catch (IllegalArgumentException e) {
      throw new SchemaSource.SchemaSourceException("not a valid URL: " + url);
    }
    Optional<String> notASchema =
        response.statusCode() == 200 ? notASchema(response.body()) : Optional.empty();
    if (notASchema.isPresent()) {
      // Not cached, since a cached file is never fetched again and a later run should retry.
      throw new SchemaSource.SchemaSourceException(
          notASchema.get() + " from " + URI.create(url).getHost());
    }
    try {
      Files.createDirectories(cacheDir);
      if (response.statusCode() == 200) {
        Path temp = Files.createTempFile(cacheDir, "fetch", ".tmp");
        Files.writeString(temp, response.body(), StandardCharsets.UTF_8);
        Files.move(
            temp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Optional.of(response.body());
      }
      if (response.statusCode() == 404) {
        Files.writeString(missing, url, StandardCharsets.UTF_8);
        return Optional.empty();
      }
    } catch (IOException e) {
      // A cache that cannot be written only costs a download next time.
      return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    }
    throw new SchemaSource.SchemaSourceException(
        "HTTP " + response.statusCode() + " from " + URI.create(url).getHost());
  }

  /**
   * Why a 200 body is no schema: empty, or not a JSON object, as a captive portal's login page or a
   * proxy's error page is.
   */
  static Optional<String> notASchema(String body) {
    if (body.isBlank()) {
      return Optional.of("empty response");
    }
    try {
      if (JSON.readTree(body).isObject()) {
        return Optional.empty();
      }
    } catch (JacksonException e) {
      // Described below, with the body's start.
    }
    String start = body.strip().lines().findFirst().orElse("");
    return Optional.of(
        "a response that is not a JSON object (it starts `"
            + (start.length() > 40 ? start.substring(0, 40) + "…" : start)
            + "`)");
  }

  private static String hostOf(String url) {
    try {
      return String.valueOf(URI.create(url).getAuthority());
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  private static Optional<String> rememberedFailure(Path marker) {
    try {
      if (Files.isRegularFile(marker)
          && Files.getLastModifiedTime(marker)
              .toInstant()
              .plus(UNREACHABLE_TTL)
              .isAfter(Instant.now())) {
        return Optional.of(Files.readString(marker, StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      // An unreadable marker only costs one more attempt.
    }
    return Optional.empty();
  }

  private void remember(Path marker, String reason) {
    try {
      Files.createDirectories(cacheDir);
      Files.writeString(marker, reason, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // Without a writable cache the next run simply tries the network again.
    }
  }

  private HttpClient client() {
    HttpClient current = client;
    if (current == null) {
      synchronized (this) {
        if (client == null) {
          client =
              HttpClient.newBuilder()
                  .connectTimeout(TIMEOUT)
                  .followRedirects(HttpClient.Redirect.NORMAL)
                  .build();
        }
        current = client;
      }
    }
    return current;
  }

  private static String describe(IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
        return "host name does not resolve; no network?";
      }
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof HttpTimeoutException) {
      return "timed out";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static String key(String url) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
