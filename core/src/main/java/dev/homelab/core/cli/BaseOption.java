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

  /** The revision, or null when the option was not given; an empty value is a usage error. */
  public String revision() {
    if (revision != null && revision.isBlank()) {
      // Usually an unset variable, such as a pull request's base branch on a push build.
      throw new UsageException(
          "--base was given an empty value; name a branch, tag or commit such as origin/main, or"
              + " leave --base out to check the files as they are");
    }
    return revision;
  }
}
