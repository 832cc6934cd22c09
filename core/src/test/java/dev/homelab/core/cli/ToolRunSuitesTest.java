package dev.homelab.core.cli;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.source.Location;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suites of one run check the tree side by side, and report in the order they are given. */
class ToolRunSuitesTest {

  private static final RuleInfo SAW =
      new RuleInfo("saw", "test", "Says what it saw.", "", Severity.WARNING, "0.1.0", "Nothing.");

  @TempDir Path root;

  private Workspace workspace() throws Exception {
    write(root, "a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    return WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(root), null, root));
  }

  /** A suite that reports one finding with the message its check returns. */
  private static CheckSuite suite(String name, CheckBody body) {
    return new CheckSuite() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<RuleInfo> rules() {
        return List.of(SAW);
      }

      @Override
      public List<Finding> check(Workspace workspace) throws Exception {
        return List.of(Finding.of(SAW, Location.fileStart("a.yaml"), body.run()));
      }
    };
  }

  private interface CheckBody {
    String run() throws Exception;
  }

  @Test
  void aSuiteRunsWhileTheOneBeforeItIsStillChecking() throws Exception {
    CountDownLatch secondStarted = new CountDownLatch(1);
    // Run one after the other, the first would wait out its whole timeout here.
    CheckSuite first =
        suite(
            "first",
            () ->
                secondStarted.await(30, TimeUnit.SECONDS)
                    ? "first saw second start"
                    : "first ran alone");
    CheckSuite second =
        suite(
            "second",
            () -> {
              secondStarted.countDown();
              return "second";
            });

    var report = ToolRun.check("test", workspace(), List.of(first, second));

    assertThat(report.findings())
        .extracting(Finding::message)
        .containsExactly("first saw second start", "second");
  }

  @Test
  void aCheckedExceptionOfASuiteComesOutAsItself() throws Exception {
    IOException broken = new IOException("cannot read the base revision");
    CheckSuite failing =
        suite(
            "failing",
            () -> {
              throw broken;
            });

    Workspace workspace = workspace();
    assertThatThrownBy(
            () -> ToolRun.check("test", workspace, List.of(suite("ok", () -> "ok"), failing)))
        .isSameAs(broken);
  }
}
