package dev.homelab.generator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exit-code decision of {@code status}, one Argo CD state at a time. */
class StatusReportTest {
  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource({
    "Synced, Healthy, 0",
    "Synced, Suspended, 0",
    "OutOfSync, Healthy, 1",
    "Unknown, Healthy, 1",
    "Synced, Degraded, 1",
    "Synced, Missing, 1",
    "Synced, Unknown, 1",
    "Synced, Progressing, 1",
  })
  void oneApplicationNextToAHealthyOneDecidesTheExitCode(String sync, String health, int exitCode) {
    StatusReport report =
        new StatusReport(
            List.of(
                new ApplicationStatus("root", "default", "Synced", "Healthy", "Succeeded", ""),
                new ApplicationStatus("app", "infra", sync, health, "", "")),
            Duration.ofMinutes(5),
            exitCode != 0);

    assertThat(report.exitCode()).isEqualTo(exitCode);
    assertThat(report.allSettled()).isEqualTo(exitCode == 0);
  }

  @ParameterizedTest(name = "{0}, requested {1} -> {2}")
  @CsvSource({
    "Succeeded, false, ",
    "Failed, false, ",
    "Running, false, sync Running",
    "Terminating, false, sync Terminating",
    "Running, true, sync Running",
    "Succeeded, true, sync requested",
    "'', true, sync requested",
  })
  void aSyncThatIsRequestedOrUnfinishedKeepsSyncedAndHealthyFromBeingSettled(
      String phase, boolean requested, String problem) {
    ApplicationStatus app =
        new ApplicationStatus("app", "infra", "Synced", "Healthy", phase, "", requested);

    assertThat(app.isSettled()).isEqualTo(problem == null);
    assertThat(app.problem()).isEqualTo(java.util.Optional.ofNullable(problem));
  }

  @Test
  void noApplicationAtAllIsNotReady() {
    StatusReport report = new StatusReport(List.of(), Duration.ZERO, false);

    assertThat(report.exitCode()).isEqualTo(StatusReport.NOT_READY);
    assertThat(report.summary()).contains("No Application found");
  }

  @Test
  void missingStatusFieldsReadAsUnknownAndDefaultProject() {
    ApplicationStatus fresh = new ApplicationStatus("new-app", null, null, null, null, null);

    assertThat(fresh.project()).isEqualTo("default");
    assertThat(fresh.sync()).isEqualTo("Unknown");
    assertThat(fresh.health()).isEqualTo("Unknown");
    assertThat(fresh.problem()).hasValue("Unknown, Unknown");
  }

  @Test
  void longMultiLineMessagesStayOnOneTruncatedRow() {
    String message = "line one\nline two " + "x".repeat(200);
    String table =
        StatusTable.render(
            new StatusReport(
                List.of(new ApplicationStatus("a", "p", "Synced", "Degraded", "Failed", message)),
                Duration.ZERO,
                false),
            false);

    assertThat(table.lines().toList()).hasSize(4);
    assertThat(table.lines().skip(1).findFirst().orElseThrow())
        .contains("line one line two xxx")
        .endsWith("...")
        .hasSizeLessThan(200);
  }
}
