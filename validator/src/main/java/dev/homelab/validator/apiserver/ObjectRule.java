package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.model.Resource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The base of the API server rules: the rule's metadata, and the report of a string that fails a
 * syntax, as {@code subject "value" reason} at the value or at the key.
 */
abstract class ObjectRule implements ApiServerRule {

  private final RuleInfo info;

  ObjectRule(RuleInfo info) {
    this.info = info;
  }

  @Override
  public final RuleInfo info() {
    return info;
  }

  /** Checks the string at {@code pointer}, if there is a non-empty one; other types pass. */
  final void checkValue(
      Resource resource,
      String pointer,
      String subject,
      Function<String, Optional<String>> syntax,
      List<Finding> findings) {
    JsonNode value = resource.object().at(pointer);
    if (value.isString() && !value.asString().isEmpty()) {
      report(resource, pointer, subject, value.asString(), syntax, findings);
    }
  }

  /** Checks the string at {@code pointer}, empty or not, for fields where "" is not "unset". */
  final void checkValueOrEmpty(
      Resource resource,
      String pointer,
      String subject,
      Function<String, Optional<String>> syntax,
      List<Finding> findings) {
    JsonNode value = resource.object().at(pointer);
    if (value.isString()) {
      report(resource, pointer, subject, value.asString(), syntax, findings);
    }
  }

  /** Reports {@code message} at the value of {@code pointer}, or its nearest existing parent. */
  final void add(Resource resource, String pointer, String message, List<Finding> findings) {
    findings.add(Finding.of(info, resource.locate(pointer), resource.ref(), message));
  }

  /** Reports {@code message} at the key of the property {@code pointer} names. */
  final void addAtKey(Resource resource, String pointer, String message, List<Finding> findings) {
    findings.add(Finding.of(info, resource.locateKey(pointer), resource.ref(), message));
  }

  private void report(
      Resource resource,
      String pointer,
      String subject,
      String value,
      Function<String, Optional<String>> syntax,
      List<Finding> findings) {
    syntax
        .apply(value)
        .ifPresent(
            reason ->
                findings.add(
                    Finding.of(
                        info,
                        resource.locate(pointer),
                        resource.ref(),
                        subject + " \"" + value + "\" " + reason)));
  }

  /** Checks a property's key; {@code pointer} names the property. */
  final void checkKey(
      Resource resource,
      String pointer,
      String key,
      String subject,
      Function<String, Optional<String>> syntax,
      List<Finding> findings) {
    syntax
        .apply(key)
        .ifPresent(
            reason ->
                findings.add(
                    Finding.of(
                        info,
                        resource.locateKey(pointer),
                        resource.ref(),
                        subject + " \"" + key + "\" " + reason)));
  }
}
