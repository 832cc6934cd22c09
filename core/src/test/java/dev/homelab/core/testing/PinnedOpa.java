package dev.homelab.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The opa that scripts/install-opa.sh pins, for tests that compile Rego: such a test is skipped
 * with a printed reason when it is not installed, and fails under CI=true, where .ci/run installs
 * it.
 */
public final class PinnedOpa {
  private static final Pattern PINNED =
      Pattern.compile("OPA_VERSION=\"\\$\\{OPA_VERSION:-v([^}]+)}\"");

  private static Optional<Path> found;

  private PinnedOpa() {}

  /** The version the install script pins, without the leading v. */
  public static String version() {
    Path script = RepoPaths.repoRoot().resolve("scripts/install-opa.sh");
    try {
      Matcher pinned = PINNED.matcher(Files.readString(script));
      if (!pinned.find()) {
        throw new IllegalStateException("no pinned OPA_VERSION in " + script);
      }
      return pinned.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The pinned opa in OPA_INSTALL_DIR, the script's install folder or on PATH, if any. */
  public static synchronized Optional<Path> find() {
    if (found == null) {
      String version = version();
      found = candidates(version).stream().filter(opa -> isVersion(opa, version)).findFirst();
    }
    return found;
  }

  /** The pinned opa; without it the calling test is skipped, or fails under CI=true. */
  public static Path orSkip(String test) {
    Optional<Path> opa = find();
    if (opa.isPresent()) {
      return opa.get();
    }
    String reason = test + " needs opa " + version() + "; run scripts/install-opa.sh";
    if ("true".equals(System.getenv("CI"))) {
      fail(reason + " (CI=true, where .ci/run installs it)");
    }
    System.out.println("SKIPPED: " + reason);
    return abort(reason);
  }

  private static List<Path> candidates(String version) {
    List<Path> candidates = new ArrayList<>();
    String installDir = System.getenv("OPA_INSTALL_DIR");
    if (installDir != null && !installDir.isBlank()) {
      candidates.add(Path.of(installDir, "opa"));
    }
    candidates.add(
        Path.of(System.getProperty("user.home"), ".local/share/homelab/opa", "v" + version, "opa"));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir, "opa"));
      }
    }
    return candidates;
  }

  private static boolean isVersion(Path opa, String version) {
    return Files.isExecutable(opa)
        && Commands.run(opa.getParent(), List.of(opa.toString(), "version"))
            .output()
            .contains("Version: " + version);
  }
}
