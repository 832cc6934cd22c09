package dev.homelab.core.config;

import dev.homelab.core.source.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the generator writes (generatedPath, and the diagram under docsPath), checked against the
 * repository it commits to, so that validate names the problem at the line where generate refuses.
 */
public final class OutputPaths {
  /** The app-of-apps diagram, relative to docsPath. */
  public static final String DIAGRAM = "diagrams/app-of-apps.md";

  private OutputPaths() {}

  /** The generated folder of {@code config}'s lab. */
  public static Path generated(HomeLabConfig config) {
    return config.root().resolve(config.lab().generatedPath()).normalize();
  }

  /** The diagram file of {@code config}'s lab. */
  public static Path diagram(HomeLabConfig config) {
    return config.root().resolve(config.lab().docsPath()).resolve(DIAGRAM).normalize();
  }

  /**
   * generatedPath and docsPath that lead out of {@code workTree} (or to its top), each at its key's
   * line, or at the file's start when the key is unset and its default leads out.
   */
  public static List<ConfigException.Problem> outside(HomeLabConfig config, Path workTree) {
    List<ConfigException.Problem> problems = new ArrayList<>();
    check(config, "generatedPath", config.lab().generatedPath(), generated(config), workTree)
        .ifPresent(problems::add);
    check(config, "docsPath", config.lab().docsPath(), diagram(config), workTree)
        .ifPresent(problems::add);
    return problems;
  }

  private static Optional<ConfigException.Problem> check(
      HomeLabConfig config, String key, String value, Path path, Path workTree) {
    if (path.startsWith(workTree) && !path.equals(workTree)) {
      return Optional.empty();
    }
    boolean set = config.document().root().has(key);
    return Optional.of(
        new ConfigException.Problem(
            set
                ? config.locate("/" + key)
                : Location.fileStart(config.document().file().source().displayPath()),
            "`"
                + key
                + "` is `"
                + value
                + "`"
                + (set ? "" : " (the default, which suits a lab in a gitops/ folder)")
                // No absolute path, so that the finding reads the same on every machine.
                + (path.equals(workTree)
                    ? ", which is the top of the repository that the generator commits to"
                    : ", which leads outside the repository that the generator commits to")
                + "; set it to a folder inside the repository"
                + (key.equals("docsPath") ? ", such as `docs` for a lab at its top" : "")));
  }
}
