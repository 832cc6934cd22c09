package dev.homelab.core.yaml;

/**
 * Bounds that keep hostile or accidental input from exhausting memory.
 *
 * @param maxFileBytes files above this size are reported instead of read
 * @param maxAliases most aliases to collections a file may use (billion-laughs guard)
 * @param maxNestingDepth deepest nesting of collections
 * @param maxNodesPerDocument most nodes a document may expand to once aliases are resolved
 */
public record LoadLimits(
    long maxFileBytes, int maxAliases, int maxNestingDepth, int maxNodesPerDocument) {

  public static final LoadLimits DEFAULT = new LoadLimits(8L * 1024 * 1024, 100, 100, 1_000_000);
}
