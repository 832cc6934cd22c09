package dev.homelab.core.config;

import dev.homelab.core.source.Location;
import java.util.List;

/** homelab.yaml is missing, unreadable or wrong; the CLI prints every problem and exits with 2. */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  /** One problem in the config, at a position in homelab.yaml. */
  public record Problem(Location location, String message) {
    @Override
    public String toString() {
      return location + ": " + message;
    }
  }

  private final transient List<Problem> problems;

  public ConfigException(List<Problem> problems) {
    super(problems.isEmpty() ? "invalid configuration" : problems.get(0).toString());
    this.problems = List.copyOf(problems);
  }

  public ConfigException(Location location, String message) {
    this(List.of(new Problem(location, message)));
  }

  public List<Problem> problems() {
    return problems;
  }
}
