package dev.homelab.core.yaml;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.Region;
import dev.homelab.core.source.SourceFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A loaded file: its documents, and what went wrong while reading it. */
public final class YamlFile {

  private final SourceFile source;
  private final String text;
  private final LoadLimits limits;
  private final List<Document> documents = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private volatile SourceMap sourceMap;

  YamlFile(SourceFile source, String text, LoadLimits limits) {
    this.source = source;
    this.text = text;
    this.limits = limits;
  }

  public SourceFile source() {
    return source;
  }

  /** The decoded text, or null when the file could not be read or decoded. */
  public String text() {
    return text;
  }

  public List<Document> documents() {
    return Collections.unmodifiableList(documents);
  }

  public List<Finding> findings() {
    return Collections.unmodifiableList(findings);
  }

  void add(Document document) {
    documents.add(document);
  }

  void add(Finding finding) {
    findings.add(finding);
  }

  /** For formats whose positions are recorded while parsing (JSON). */
  void sourceMap(SourceMap precomputed) {
    this.sourceMap = precomputed;
  }

  Location locate(int documentIndex, String pointer, boolean preferKey) {
    Region region = sourceMap().region(documentIndex, pointer, preferKey);
    return new Location(source.displayPath(), region);
  }

  private SourceMap sourceMap() {
    SourceMap map = sourceMap;
    if (map == null) {
      synchronized (this) {
        map = sourceMap;
        if (map == null) {
          map = YamlSourceMap.of(text, limits);
          sourceMap = map;
        }
      }
    }
    return map;
  }
}
