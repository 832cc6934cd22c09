package dev.homelab.core.cli;

/** The exit codes every command shares; {@code --help} lists them. */
public final class ExitCode {

  public static final int CLEAN = 0;
  public static final int FINDINGS = 1;
  public static final int USAGE = 2;
  public static final int INTERNAL = 3;

  /** The help footer that documents the codes. */
  public static final String[] HELP = {
    "",
    "Exit codes:",
    "  0  no findings at or above --fail-on",
    "  1  findings at or above --fail-on",
    "  2  usage or configuration error (bad option, missing path, bad homelab.yaml)",
    "  3  internal error"
  };

  private ExitCode() {}
}
