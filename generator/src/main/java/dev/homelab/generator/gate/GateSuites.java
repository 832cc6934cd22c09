package dev.homelab.generator.gate;

import dev.homelab.core.change.BaseRevisionLoader;
import dev.homelab.core.cli.CheckSuite;
import dev.homelab.policy.PolicyCheck;
import dev.homelab.validator.Validator;
import dev.homelab.validator.schema.SchemaCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * The check suites that must pass before the generator writes anything: the one place that says
 * which tools gate a refresh.
 */
public final class GateSuites {
  private GateSuites() {}

  /**
   * The validator (schemas, with the Argo CD ones from {@code schemaOptions}, and conventions) and
   * the lab's policies with those of each of {@code policyDirs}, both comparing with a git revision
   * (null for none).
   */
  public static List<CheckSuite> of(
      SchemaCheck.Options schemaOptions, String baseRevision, List<Path> policyDirs)
      throws IOException {
    BaseRevisionLoader base = BaseRevisionLoader.of(baseRevision);
    return List.of(
        new Validator(EnumSet.allOf(Validator.Family.class), false, schemaOptions, base),
        PolicyCheck.withCustom(policyDirs, true, base));
  }

  /** Short names of {@code suites}, for the warning that {@code --skip-checks} prints. */
  public static String describe(List<CheckSuite> suites) {
    return String.join(
        ", ",
        suites.stream()
            .map(
                suite ->
                    suite instanceof Validator
                        ? "validator (Kubernetes and Argo CD schemas, lab conventions)"
                        : suite instanceof PolicyCheck
                            ? "policy (the lab's Rego policies and any of --policy-dir)"
                            : suite.name())
            .toList());
  }
}
