package dev.homelab.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.RepoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each format rendered from the same sample report must equal its golden file. Run with
 * -Dgolden.update=true to rewrite the golden files after a deliberate change.
 */
class RendererGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "sarif", "junit", "github"})
  void matchesGoldenFile(String format) throws IOException {
    StringBuilder out = new StringBuilder();
    Renderers.forFormat(format, false).orElseThrow().render(SampleReport.build(), out);
    Path golden = RepoPaths.repoRoot().resolve("core").resolve(GOLDEN).resolve("sample." + format);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, out, StandardCharsets.UTF_8);
    }
    assertThat(out.toString()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "sarif", "junit", "github"})
  void renderingTwiceGivesTheSameBytes(String format) throws IOException {
    StringBuilder first = new StringBuilder();
    StringBuilder second = new StringBuilder();
    Renderers.forFormat(format, false).orElseThrow().render(SampleReport.build(), first);
    Renderers.forFormat(format, false).orElseThrow().render(SampleReport.build(), second);
    assertThat(first.toString()).isEqualTo(second.toString());
  }

  @org.junit.jupiter.api.Test
  void textUsesColourOnlyWhenAsked() throws IOException {
    StringBuilder plain = new StringBuilder();
    StringBuilder colored = new StringBuilder();
    Renderers.forFormat("text", false).orElseThrow().render(SampleReport.build(), plain);
    Renderers.forFormat("text", true).orElseThrow().render(SampleReport.build(), colored);
    assertThat(plain.toString()).doesNotContain("\u001b[");
    assertThat(colored.toString()).contains("\u001b[31merror").contains("\u001b[0m");
  }
}
