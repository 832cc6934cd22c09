package dev.homelab.generator.cli;

import picocli.CommandLine.Option;

/**
 * {@code --quiet} and {@code --no-color} of the cluster commands, which the CLI contract gives
 * every command, so that one set of options fits a script that runs them all.
 */
final class ClusterOutput {
  @Option(
      names = {"-q", "--quiet"},
      description =
          "Show only what is wrong: status leaves out the Synced and Healthy Applications (the"
              + " verdict still counts them) and the notes of --wait, and apply prints nothing when"
              + " it succeeds; errors are always shown.")
  boolean quiet;

  @Option(
      names = "--no-color",
      description =
          "No ANSI colours (also when NO_COLOR is set); status and apply print none, and take"
              + " the option as the other commands do.")
  boolean noColor;

  boolean quiet() {
    return quiet;
  }
}
