package dev.homelab.validator.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.model.Resource;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ClientSideApplyTooLargeTest extends RuleFixtureTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  protected String ruleId() {
    return "client-side-apply-too-large";
  }

  @Test
  void sizesEveryObjectOfTheLabAndTheFixturesExactlyAsJacksonWritesThem() throws Exception {
    for (Path tree :
        List.of(
            RepoPaths.gitopsTree(),
            RepoPaths.repoRoot().resolve("validator/src/test/resources/conventions"))) {
      Workspace workspace =
          WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(tree), null, tree));
      assertThat(workspace.resources()).isNotEmpty();
      for (Resource resource : workspace.resources()) {
        assertThat(ClientSideApplyTooLarge.jsonLength(resource.object(), Long.MAX_VALUE))
            .as(resource.ref().display())
            .isEqualTo(JSON.writeValueAsBytes(resource.object()).length);
      }
    }
  }

  @Test
  void sizesEscapesAndCharactersBeyondAscii() {
    JsonNode node =
        JSON.readTree(
            "{\"q\":\"say \\\"hi\\\"\\\\ \\t\\n\\u0001\",\"u\":\"größe € 🚀\",\"n\":[1,-2.5,1e3,true,null]}");

    assertThat(ClientSideApplyTooLarge.jsonLength(node, Long.MAX_VALUE))
        .isEqualTo(JSON.writeValueAsBytes(node).length);
  }

  @Test
  void stopsCountingOncePastTheLimit() {
    JsonNode node = JSON.readTree("[\"" + "x".repeat(1000) + "\",\"" + "y".repeat(1000) + "\"]");

    assertThat(ClientSideApplyTooLarge.jsonLength(node, 500)).isBetween(501L, 1010L);
  }
}
