package dev.homelab.core.finding;

import java.util.Objects;

/**
 * Why a finding was exempted and where that exemption is written: an annotation on the resource
 * ({@code inSource}, in the file the finding is in) or an entry of homelab.yaml.
 */
public record Suppression(String reason, String source, boolean inSource) {

  public Suppression {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(source, "source");
  }
}
