package dev.homelab.validator.cli;

import picocli.CommandLine.Option;

/** {@code --base REF}, shared by the commands that run the validator. */
public final class BaseOption {

  @Option(
      names = "--base",
      paramLabel = "REF",
      description =
          "Compare each object with its version at this git revision (a branch, tag or commit,"
              + " such as origin/main or HEAD) and report changes the API server refuses on an"
              + " existing object.")
  String revision;

  /** The revision, or null when the option was not given. */
  public String revision() {
    return revision;
  }
}
