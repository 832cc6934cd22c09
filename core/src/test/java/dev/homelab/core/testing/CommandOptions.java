package dev.homelab.core.testing;

import dev.homelab.core.cli.CommonOptions;
import picocli.CommandLine;

/** The shared options of the commands, parsed from arguments as a command parses them. */
public final class CommandOptions {

  private CommandOptions() {}

  public static CommonOptions parse(String... args) {
    CommonOptions options = new CommonOptions();
    new CommandLine(
            new Object() {
              @CommandLine.Mixin CommonOptions mixin = options;
            })
        .parseArgs(args);
    return options;
  }
}
