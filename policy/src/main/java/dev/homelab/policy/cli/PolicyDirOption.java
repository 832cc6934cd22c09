package dev.homelab.policy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --policy-dir}: the user's own policies beside the lab's, for policy and check alike. */
public final class PolicyDirOption {

  @Option(
      names = "--policy-dir",
      paramLabel = "DIR",
      description =
          "Also evaluate the policies in DIR: .wasm files and OPA bundles as they are, .rego files"
              + " (packages homelab.custom.<name> with deny and warn rules) compiled with the opa on"
              + " PATH; repeatable.")
  List<Path> directories = new ArrayList<>();

  public List<Path> directories() {
    return List.copyOf(directories);
  }
}
