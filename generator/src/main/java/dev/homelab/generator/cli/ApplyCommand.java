package dev.homelab.generator.cli;

import dev.homelab.core.cli.ExitCode;
import dev.homelab.core.cli.VersionProvider;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.render.JsonText;
import dev.homelab.generator.cluster.ApplyResult;
import dev.homelab.generator.cluster.ArgoCdCluster;
import dev.homelab.generator.cluster.ArgoCdClusterException;
import dev.homelab.generator.cluster.ArgoCdClusterException.Reason;
import dev.homelab.generator.cluster.FieldChange;
import dev.homelab.generator.model.AppOfApps;
import dev.homelab.generator.model.ArgoObject;
import dev.homelab.generator.model.ComponentFiles;
import dev.homelab.generator.output.YamlEmitter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code generator.jar apply}: creates or updates the root Application in the cluster. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Bootstraps Argo CD: creates or updates the root Application (the app-of-apps) through the"
          + " kubeconfig context.",
      "Exit codes: 0 applied (with --dry-run: planned), 1 the cluster refused or could not be"
          + " reached, 2 usage or configuration error (such as no usable kubeconfig), 3 internal"
          + " error."
    })
final class ApplyCommand implements Callable<Integer> {
  @Mixin LabLocation location;

  @Mixin ClusterOutput output;

  @Mixin KubeconfigOptions kubeconfig;

  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (one line, the default) or json (one object with name, namespace and result on"
              + " stdout, errors on stderr; with --dry-run, an update's changes, each with path,"
              + " live and applied value).")
  String format;

  @Option(
      names = "--dry-run",
      description =
          "Change nothing: read the root Application, say whether apply would create, update or"
              + " leave it, and print it when it would be created or updated, after the fields an"
              + " update would change.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    boolean json = TextOrJson.json("apply", format);
    PrintWriter out = spec.commandLine().getOut();
    HomeLabConfig config = location.load(true).orElseThrow();
    ArgoObject root = AppOfApps.plan(config, ComponentFiles.scan(config)).root();
    String namespace = config.lab().argocd().namespace();
    try (ArgoCdCluster cluster = kubeconfig.connect(namespace)) {
      ApplyResult result = cluster.applyRootApplication(root.body(), dryRun);
      String done = result.name().toLowerCase(Locale.ROOT);
      if (json) {
        ObjectNode object = JsonText.object();
        object.put("name", root.name());
        object.put("namespace", namespace);
        object.put("result", done);
        if (dryRun) {
          object.put("dryRun", true);
          if (result == ApplyResult.UPDATED) {
            ArrayNode changes = object.putArray("changes");
            for (FieldChange change : cluster.rootApplicationChanges(root.body())) {
              ObjectNode field = changes.addObject();
              field.put("path", change.path());
              field.set("live", JsonText.tree(change.before()));
              field.set("applied", JsonText.tree(change.after()));
            }
          }
        }
        out.println(JsonText.pretty(object));
      } else if (dryRun) {
        out.println(
            "Application "
                + root.name()
                + " in namespace "
                + namespace
                + ": "
                + (result == ApplyResult.UNCHANGED ? "unchanged" : "would be " + done)
                + " (dry run; nothing changed)");
        if (result == ApplyResult.UPDATED) {
          List<FieldChange> changes = cluster.rootApplicationChanges(root.body());
          if (!changes.isEmpty()) {
            out.println("Fields that would change (live → applied):");
            changes.forEach(change -> out.println("  " + change.describe()));
            out.println("The Application that would be sent:");
          }
        }
        if (result != ApplyResult.UNCHANGED) {
          out.print(YamlEmitter.document(root.body()));
        }
      } else if (!output.quiet()) {
        out.println("Application " + root.name() + " in namespace " + namespace + ": " + done);
      }
      return ExitCode.CLEAN;
    } catch (ArgoCdClusterException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return e.reason() == Reason.KUBECONFIG ? ExitCode.USAGE : ExitCode.FINDINGS;
    }
  }
}
