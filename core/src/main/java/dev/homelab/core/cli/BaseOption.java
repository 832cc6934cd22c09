package dev.homelab.core.cli;

import picocli.CommandLine.Option;

/** {@code --base REF}, shared by the commands that check a tree. */
public final class BaseOption {

  @Option(
      names = "--base",
      paramLabel = "REF",
      description =
          "Compare with this git revision (a branch, tag or commit, such as origin/main or HEAD):"
              + " a run over some files also reports the files elsewhere that the change breaks,"
              + " and the validator reports changes the API server refuses on an existing object.")
  String revision;

  /** The revision, or null when the option was not given. */
  public String revision() {
    return revision;
  }
}
