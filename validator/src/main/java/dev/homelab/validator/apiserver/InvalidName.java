package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Names and namespaces the API server refuses, by the syntax of the object's kind. */
final class InvalidName extends ObjectRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "invalid-name",
          "schema",
          "An object's name or namespace is one the API server refuses.",
          "Most names must be lowercase DNS subdomains (at most 253 characters); namespaces must"
              + " be DNS labels (at most 63), Service names must also start with a letter, and"
              + " CronJob names may have at most 52 characters. JSON Schemas do not check names,"
              + " so such a typo otherwise surfaces only when Argo CD fails to sync.",
          Severity.ERROR,
          "0.1.0",
          "Rename the object: lowercase letters, digits and '-' (and '.' where the kind allows"
              + " it), starting and ending with a letter or digit.");

  InvalidName() {
    super(INFO);
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    ApiNames.NameSyntax syntax = ApiNames.nameSyntax(resource.type());
    checkValue(
        resource,
        "/metadata/name",
        resource.kind() + " name",
        name -> ApiNames.check(syntax, name).or(() -> cronJobLength(resource, name)),
        findings);
    checkValue(resource, "/metadata/namespace", "namespace", ApiNames::dns1123Label, findings);
    return findings;
  }

  private static Optional<String> cronJobLength(Resource resource, String name) {
    boolean cronJob = resource.group().equals("batch") && resource.kind().equals("CronJob");
    return cronJob && name.length() > ApiNames.CRONJOB_NAME_MAX
        ? Optional.of(
            "must be at most "
                + ApiNames.CRONJOB_NAME_MAX
                + " characters, not "
                + name.length()
                + ", because each Job it starts adds 11 to it")
        : Optional.empty();
  }
}
