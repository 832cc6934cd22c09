package dev.homelab.generator.cli;

import dev.homelab.generator.cluster.ArgoCdCluster;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --kubeconfig} and {@code --context} of the commands that talk to the cluster. */
final class KubeconfigOptions {
  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "Read this kubeconfig file alone (default: the files KUBECONFIG names, else"
              + " ~/.kube/config).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "kubeconfig context (default: the current one).")
  String context;

  /** Connects to the Argo CD in {@code namespace} through the kubeconfig these options name. */
  ArgoCdCluster connect(String namespace) {
    return ArgoCdCluster.connect(kubeconfig, context, namespace);
  }
}
