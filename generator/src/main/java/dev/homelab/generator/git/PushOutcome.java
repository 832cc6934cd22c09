package dev.homelab.generator.git;

import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * A push that landed.
 *
 * @param commit the commit the remote branch now points at
 * @param rebased whether the local commits were rebased onto a newer remote branch first
 * @param alreadyUpToDate whether the remote already had this commit, so nothing was sent
 * @param notices things the user should know, such as local edits parked in the stash
 */
public record PushOutcome(
    ObjectId commit, boolean rebased, boolean alreadyUpToDate, List<String> notices) {
  public PushOutcome {
    notices = List.copyOf(notices);
  }
}
