package dev.homelab.core.workspace;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.yaml.Document;
import dev.homelab.core.yaml.YamlFile;
import java.util.Optional;

/**
 * A Helm values file, with the component (and so the chart) it configures when homelab.yaml names
 * one.
 *
 * @param document the values, or empty when the file holds no document
 */
public record ValuesFile(YamlFile file, Optional<Document> document, HomeLab.Component component) {

  public Optional<HomeLab.Chart> chart() {
    return component == null ? Optional.empty() : Optional.ofNullable(component.chart());
  }
}
