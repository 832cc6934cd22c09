package dev.homelab.generator.git;

import dev.homelab.core.cli.UsageException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.UserConfig;

/** Who a generator commit is attributed to: {@code --author}, or else the git configuration. */
public final class CommitAuthor {
  private static final Pattern NAME_AND_EMAIL =
      Pattern.compile("\\s*([^<>]*?)\\s*<([^<>\\s]+)>\\s*");

  private CommitAuthor() {}

  /** Parses {@code Name <email>}, the format of git's own {@code --author}. */
  public static PersonIdent parse(String nameAndEmail) {
    Matcher matcher = NAME_AND_EMAIL.matcher(nameAndEmail == null ? "" : nameAndEmail);
    if (!matcher.matches() || matcher.group(1).isEmpty()) {
      throw new UsageException(
          "--author must look like \"Name <email>\", got \"" + nameAndEmail + "\"");
    }
    return new PersonIdent(matcher.group(1), matcher.group(2));
  }

  /**
   * The author from {@code option} when given, else from {@code user.name} and {@code user.email}
   * of {@code config} (a repository's config falls back to the global and system files).
   */
  public static PersonIdent resolve(String option, Config config) {
    if (option != null && !option.isBlank()) {
      return parse(option);
    }
    return configured(config)
        .orElseThrow(
            () ->
                new UsageException(
                    "no commit author: set user.name and user.email (git config --global"
                        + " user.name \"Your Name\"; git config --global user.email"
                        + " you@example.com) or pass --author \"Name <email>\""));
  }

  /** The identity that {@code config} (or the GIT_AUTHOR_* variables) sets explicitly. */
  static Optional<PersonIdent> configured(Config config) {
    UserConfig user = config.get(UserConfig.KEY);
    if (user.isAuthorNameImplicit() || user.isAuthorEmailImplicit()) {
      return Optional.empty();
    }
    return Optional.of(new PersonIdent(user.getAuthorName(), user.getAuthorEmail()));
  }

  /** The committer to record with {@code author}: the configured identity, else the author. */
  static PersonIdent committerFor(PersonIdent author, Config config) {
    UserConfig user = config.get(UserConfig.KEY);
    if (user.isCommitterNameImplicit() || user.isCommitterEmailImplicit()) {
      return author;
    }
    return new PersonIdent(user.getCommitterName(), user.getCommitterEmail());
  }
}
