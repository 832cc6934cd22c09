package dev.homelab.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.core.cli.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code status --wait} reads its duration; no cluster is needed to refuse one. */
class StatusCommandTest {
  @TempDir Path scratch;

  @Test
  void aBareZeroAndTheUsualFormsAreDurations() {
    assertThat(StatusCommand.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(StatusCommand.parse("0s")).isEqualTo(Duration.ZERO);
    assertThat(StatusCommand.parse(" 90s ")).isEqualTo(Duration.ofSeconds(90));
    assertThat(StatusCommand.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(StatusCommand.parse("PT2M30S")).isEqualTo(Duration.ofSeconds(150));
    assertThat(StatusCommand.parse("24h")).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void aBareNumberOtherThanZeroIsRefused() {
    assertThatThrownBy(() -> StatusCommand.parse("90"))
        .isInstanceOf(UsageException.class)
        .hasMessage("--wait takes a duration such as 90s, 5m, 1h or PT2M30S, not `90`");
  }

  @Test
  void aWaitOverTwentyFourHoursIsRefusedWithTheCap() {
    for (String text :
        new String[] {"25h", "1441m", "PT24H0.001S", "P2D", "99999999999999999999h"}) {
      assertThatThrownBy(() -> StatusCommand.parse(text))
          .as(text)
          .isInstanceOf(UsageException.class)
          .hasMessage("--wait is at most 24h, not `" + text + "`");
    }
  }

  @Test
  void aWaitOverTheCapIsExitTwoWithOneLineBeforeAnyKubeconfigIsRead() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        GeneratorCli.run(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            "status",
            scratch.toString(),
            "--wait",
            "48h");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("error: --wait is at most 24h, not `48h`\n");
    assertThat(out.toString()).isEmpty();
  }
}
