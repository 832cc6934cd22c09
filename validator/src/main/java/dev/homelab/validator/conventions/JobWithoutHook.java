package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * A Job that Argo CD syncs as an ordinary resource: its template is immutable, and a finished Job
 * that the cluster cleans up comes back on the next sync and runs again.
 */
final class JobWithoutHook implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "job-without-hook",
          Labels.FAMILY,
          "A Job is synced as an ordinary resource rather than as an Argo CD hook.",
          "The API server refuses any change to an existing Job's pod template, so once a plain"
              + " Job has run, the next edit to it fails to sync with \"field is immutable\". If it"
              + " sets ttlSecondsAfterFinished, the cluster deletes it after it finishes, Argo CD"
              + " reports it missing, and an automated sync creates it again, so it runs over and"
              + " over. An Argo CD hook is recreated on purpose, in the phase it names.",
          Severity.WARNING,
          Labels.SINCE,
          "Make it a hook (`argocd.argoproj.io/hook: Sync`, or PreSync or PostSync, with"
              + " `argocd.argoproj.io/hook-delete-policy: BeforeHookCreation`), turn it into a"
              + " CronJob, or let Argo CD delete and recreate it on each sync with"
              + " `argocd.argoproj.io/sync-options: Force=true,Replace=true` (Replace=true alone"
              + " updates it in place, which the API server refuses).");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      if (!resource.kind().equals("Job")
          || !resource.group().equals("batch")
          || tree.isGenerated(resource)
          || tree.componentOf(resource).map(c -> !c.deployedByArgoCd()).orElse(true)) {
        continue;
      }
      if (LabTree.recreatedOnSync(resource)) {
        continue;
      }
      boolean cleanedUp = resource.object().at("/spec/ttlSecondsAfterFinished").isNumber();
      findings.add(
          LabTree.at(
              INFO,
              resource,
              "/metadata/name",
              "Job `"
                  + resource.name()
                  + "` is synced as an ordinary resource: its pod template cannot change once it"
                  + " exists, so a later edit fails to sync"
                  + (cleanedUp
                      ? ", and ttlSecondsAfterFinished deletes it after it runs, so an automated"
                          + " sync creates and runs it again"
                      : "")));
    }
    return findings;
  }
}
