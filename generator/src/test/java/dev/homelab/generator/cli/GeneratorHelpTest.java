package dev.homelab.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.ToolInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** The generator's --help text as picocli renders it from the annotations. */
class GeneratorHelpTest {

  @Test
  void theCommandDescriptionWrapsAsOneParagraph() {
    StringWriter out = new StringWriter();
    int code =
        GeneratorCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter()), "--help");

    assertThat(code).isZero();
    assertThat(out.toString())
        .contains(
            "PATHs (a folder or staged files) select\nthe tree of the homelab.yaml above them.");
  }

  @Test
  void exitCodeTwoIncludesCommitSigningJGitCannotDo() {
    StringWriter out = new StringWriter();
    GeneratorCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter()), "--help");

    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains(
            "Exit code 2 also means a --repo that cannot be cloned, a tree in a bare repository,"
                + " --push on a detached HEAD, no commit author, commit signing that JGit cannot do"
                + " (commit.gpgSign for OpenPGP or X.509, or for SSH without a usable key), or a"
                + " homelab.yaml that cannot be planned (a component with no manifests for its"
                + " Application).");
  }

  @ParameterizedTest
  @ValueSource(strings = {"check", "status", "apply"})
  void aSubcommandPrintsTheVersionItsHelpOffers(String subcommand) {
    StringWriter out = new StringWriter();
    int code =
        GeneratorCli.run(
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter()),
            subcommand,
            "--version");

    assertThat(code).isZero();
    assertThat(out.toString())
        .startsWith(
            "generator " + subcommand + " " + ToolInfo.version() + " (homelab GitOps toolkit)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"check", "status", "apply"})
  void aSubcommandsHelpListsEveryExitCodeOfTheContract(String subcommand) {
    StringWriter out = new StringWriter();
    GeneratorCli.run(
        new PrintWriter(out, true), new PrintWriter(new StringWriter()), subcommand, "--help");

    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("Exit codes: 0 ")
        .contains(" 1 ")
        .contains(" 2 usage or configuration error")
        .contains(" 3 internal error.");
  }

  @Test
  void theHelpSaysThePoliciesRunBeforeWritingBesideTheValidator() {
    StringWriter out = new StringWriter();
    GeneratorCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter()), "--help");

    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains("checks it with the validator and the policies, and commits it.")
        .contains("--skip-checks Do not run the validator and the policies before writing");
  }

  @Test
  void theHelpSaysARequestedReportIsWrittenOnEveryRun() {
    StringWriter out = new StringWriter();
    GeneratorCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter()), "--help");

    assertThat(out.toString().replaceAll("\\s+", " "))
        .contains(
            "A report asked for with --format (other than text) or --output is written on every"
                + " run: the validator and the policies run even when the output is up to date,"
                + " under --check, or when git, the repository's state (such as a detached HEAD"
                + " to --push) or a homelab.yaml that cannot be planned stops the run first. Their"
                + " errors (or findings at --fail-on) exit 1, except in a run that exits 2 for one"
                + " of the reasons below, whatever the report holds.");
  }

  /** Generate refuses --stdin-name, so its help does not offer it; the check command still does. */
  @Test
  void generatesHelpLeavesOutStdinNameWhichItRefuses() {
    StringWriter help = new StringWriter();
    StringWriter checkHelp = new StringWriter();
    StringWriter err = new StringWriter();
    GeneratorCli.run(new PrintWriter(help, true), new PrintWriter(new StringWriter()), "--help");
    GeneratorCli.run(
        new PrintWriter(checkHelp, true), new PrintWriter(new StringWriter()), "check", "--help");

    int code =
        GeneratorCli.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            "--stdin-name",
            "gitops/x.yaml");

    assertThat(help.toString()).contains("--format=FORMAT").doesNotContain("stdin");
    assertThat(checkHelp.toString()).contains("--stdin-name=FILE");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: generate reads the lab from its folder; - (standard input) and --stdin-name"
                + " are for validate, policy and check\n");
  }

  @Test
  void everyDescriptionLineEndsASentence() {
    List<String> broken = new ArrayList<>();
    collectBrokenLines(new CommandLine(new GeneratorCli()), broken);

    // Picocli starts a new line for each element, so a sentence split over two breaks mid-line.
    assertThat(broken).isEmpty();
  }

  private static void collectBrokenLines(CommandLine command, List<String> broken) {
    CommandSpec spec = command.getCommandSpec();
    List<String[]> descriptions = new ArrayList<>();
    descriptions.add(spec.usageMessage().description());
    for (ArgSpec arg : spec.args()) {
      descriptions.add(arg.description());
    }
    for (String[] description : descriptions) {
      for (String line : description) {
        if (!line.matches("(?s).*[.:)]")) {
          broken.add(spec.qualifiedName() + ": " + line);
        }
      }
    }
    command.getSubcommands().values().forEach(sub -> collectBrokenLines(sub, broken));
  }
}
