package dev.homelab.core.render;

import java.util.List;
import java.util.Optional;

/** The output formats, in the order {@code --help} lists them. */
public final class Renderers {

  public static final List<String> FORMATS = List.of("text", "json", "sarif", "junit", "github");

  private Renderers() {}

  /**
   * @param color whether the text format may use ANSI colours (only on a terminal, without
   *     NO_COLOR)
   */
  public static Optional<Renderer> forFormat(String format, boolean color) {
    return Optional.ofNullable(
        switch (format) {
          case "text" -> new TextRenderer(color);
          case "json" -> new JsonRenderer();
          case "sarif" -> new SarifRenderer();
          case "junit" -> new JunitRenderer();
          case "github" -> new GithubRenderer();
          default -> null;
        });
  }
}
