package dev.homelab.core.render;

import dev.homelab.core.finding.Report;
import java.io.IOException;

/** One output format. Renderers only read the report, so every format shows the same findings. */
public interface Renderer {

  /** The name used with {@code --format} and {@code --output FORMAT=FILE}. */
  String format();

  void render(Report report, Appendable out) throws IOException;
}
