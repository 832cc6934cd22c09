package dev.homelab.generator.cluster;

import dev.homelab.core.render.JsonText;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders a status report as pretty JSON, byte-identical for equal input. */
public final class StatusJson {
  private StatusJson() {}

  /**
   * One object: the namespace, every Application in the given order (with {@code unsettledOnly},
   * only those not settled), and the verdict, which counts every one.
   */
  public static String render(StatusReport report, boolean unsettledOnly) {
    ObjectNode root = JsonText.object();
    if (report.namespace() != null) {
      root.put("namespace", report.namespace());
    }
    ArrayNode applications = root.putArray("applications");
    for (ApplicationStatus app : report.applications()) {
      if (unsettledOnly && app.isSettled()) {
        continue;
      }
      ObjectNode node = applications.addObject();
      node.put("name", app.name());
      node.put("project", app.project());
      node.put("sync", app.sync());
      node.put("health", app.health());
      node.put("operationPhase", app.operationPhase());
      node.put("operationRequested", app.operationRequested());
      node.put("message", app.message());
      node.put("settled", app.isSettled());
    }
    root.put("ready", report.allSettled());
    root.put("waitExpired", report.waitExpired());
    root.put("summary", report.summary());
    return JsonText.pretty(root) + "\n";
  }
}
