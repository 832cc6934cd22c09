package dev.homelab.core.cli;

import dev.homelab.core.ToolInfo;
import picocli.CommandLine;

/** {@code --version}: the toolkit version and the Java it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {
      "${COMMAND-FULL-NAME} " + ToolInfo.version() + " (homelab GitOps toolkit)",
      "Java " + System.getProperty("java.version") + " " + System.getProperty("java.vendor")
    };
  }
}
