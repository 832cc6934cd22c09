package dev.homelab.policy;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.core.cli.UsageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which METADATA keys a custom policy may use: those opa reads, and id, severity, remediation. */
class CustomPoliciesMetadataTest {

  @TempDir Path work;

  /** opa 1.x reads compile (the unknowns of partial evaluation) beside the older keys. */
  @Test
  void everyKeyOpaReadsIsAccepted() throws Exception {
    Path file =
        write(
            work,
            "teams.rego",
            """
            # METADATA
            # title: Teams
            # description: >-
            #   Who owns what.
            #   titel: not a key, a line of the description
            # scope: package
            # authors:
            #   - name: Jane
            # organizations: [Lab]
            # related_resources:
            #   - ref: https://example.com
            # schemas:
            #   - input: schema.input
            # entrypoint: false
            # compile:
            #   unknowns: [input.x]
            package homelab.custom.teams

            # METADATA
            # custom:
            #   id: deployment-team-missing
            #   severity: warning
            #   remediation: >-
            #     Add the label team.
            #     owner: not a key either
            warn contains 1 if false
            """);

    assertThatCode(() -> CustomPolicies.requireKnownMetadataKeys(file)).doesNotThrowAnyException();
  }

  @Test
  void aKeyNothingReadsIsRefusedAtItsLine() throws Exception {
    Path file =
        write(
            work,
            "teams.rego",
            """
            package homelab.custom.teams

            # METADATA
            # title: Teams
            # custom:
            #   id: deployment-team-missing
            #   owner: platform
            warn contains 1 if false
            """);

    assertThatThrownBy(() -> CustomPolicies.requireKnownMetadataKeys(file))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith(
            file + ":7: METADATA key `custom.owner` is none of id, severity and remediation");
  }
}
