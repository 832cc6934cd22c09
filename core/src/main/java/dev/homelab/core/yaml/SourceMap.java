package dev.homelab.core.yaml;

import dev.homelab.core.source.Region;

/** Turns a JSON pointer into the region of the text it names. */
interface SourceMap {

  /**
   * @param preferKey for a property, the region of its key rather than its value
   * @return the node's region, or the deepest existing node's key when the pointer leads nowhere
   */
  Region region(int documentIndex, String pointer, boolean preferKey);
}
