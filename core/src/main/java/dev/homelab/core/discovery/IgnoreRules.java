package dev.homelab.core.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ignore patterns of one folder, in gitignore syntax: {@code #} comments, {@code !} negation, a
 * leading or inner {@code /} anchors to the folder, a trailing {@code /} matches folders only, and
 * {@code *}, {@code ?}, {@code [...]} and {@code **} glob.
 */
public final class IgnoreRules {

  public static final String FILE_NAME = ".homelabignore";

  // What git leaves out of a commit is never synced, so it is not checked either; the toolkit's own
  // file comes last, so that its ! can take back what git ignores.
  private static final List<String> GIT_FILES = List.of(".git/info/exclude", ".gitignore");

  private static final int MAX_INCLUDE_DEPTH = 10;

  private record Rule(Pattern pattern, boolean negated, boolean directoryOnly, boolean fromGit) {}

  /** What a set of rules says about a path. */
  public enum Verdict {
    /** Left out by a .homelabignore pattern. */
    IGNORED,
    /** Left out by git's ignore files, which do not apply to files git already tracks. */
    IGNORED_BY_GIT,
    INCLUDED,
    NO_MATCH
  }

  private final List<Rule> rules;

  private IgnoreRules(List<Rule> rules) {
    this.rules = rules;
  }

  /** Rules in .homelabignore's sense. */
  public static IgnoreRules parse(List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    addAll(lines, false, rules);
    return new IgnoreRules(List.copyOf(rules));
  }

  private static void addAll(List<String> lines, boolean fromGit, List<Rule> rules) {
    for (String raw : lines) {
      Rule rule = compile(raw, fromGit);
      if (rule != null) {
        rules.add(rule);
      }
    }
  }

  /**
   * The rules of {@code directory}: its {@code .gitignore}, its {@code .homelabignore} and, in a
   * repository's top folder, {@code .git/info/exclude} and the user's global excludes file ({@code
   * core.excludesFile}, by default {@code ~/.config/git/ignore}); none when it has none.
   *
   * @param environment for HOME and XDG_CONFIG_HOME, where git looks for the user's files
   */
  public static IgnoreRules in(Path directory, Map<String, String> environment) throws IOException {
    List<Rule> rules = new ArrayList<>();
    if (Files.exists(directory.resolve(".git"))) {
      Optional<Path> global = globalExcludes(directory, environment);
      if (global.isPresent()) {
        addAll(lines(global.get()), true, rules);
      }
    }
    for (String name : GIT_FILES) {
      addAll(lines(directory.resolve(name)), true, rules);
    }
    addAll(lines(directory.resolve(FILE_NAME)), false, rules);
    return new IgnoreRules(List.copyOf(rules));
  }

  /**
   * The file {@code core.excludesFile} names in the repository's, the user's or the system's git
   * config (the first that sets it, as git's later files win), else git's default place.
   */
  private static Optional<Path> globalExcludes(Path top, Map<String, String> environment)
      throws IOException {
    String home = environment.getOrDefault("HOME", "");
    String xdg = environment.getOrDefault("XDG_CONFIG_HOME", "");
    Path xdgConfig =
        !xdg.isBlank() ? Path.of(xdg) : home.isBlank() ? null : Path.of(home, ".config");
    List<Path> configs = new ArrayList<>(List.of(top.resolve(".git/config")));
    if (!home.isBlank()) {
      configs.add(Path.of(home, ".gitconfig"));
    }
    if (xdgConfig != null) {
      configs.add(xdgConfig.resolve("git/config"));
    }
    configs.add(Path.of("/etc/gitconfig"));
    for (Path config : configs) {
      Optional<String> value = excludesFile(config, home);
      if (value.isPresent()) {
        String file = value.get();
        if (file.startsWith("~/")) {
          return home.isBlank() ? Optional.empty() : Optional.of(Path.of(home, file.substring(2)));
        }
        return Optional.of(top.resolve(file));
      }
    }
    return Optional.ofNullable(xdgConfig).map(folder -> folder.resolve("git/ignore"));
  }

  /**
   * The last {@code excludesFile} of the {@code [core]} sections of a git config file, with the
   * files its {@code [include]} sections name read in their place, as git does ({@code [includeIf]}
   * is not followed).
   */
  static Optional<String> excludesFile(Path config, String home) throws IOException {
    return Optional.ofNullable(lastExcludesFile(config, home, null, 0));
  }

  private static String lastExcludesFile(Path config, String home, String value, int depth)
      throws IOException {
    // Git stops at the same depth, which also ends a file that includes itself.
    if (depth > MAX_INCLUDE_DEPTH) {
      return value;
    }
    String section = "";
    for (String raw : lines(config)) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        int end = line.indexOf(']');
        section = line.substring(1, end < 0 ? line.length() : end).strip().toLowerCase(Locale.ROOT);
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String key = line.substring(0, equals).strip();
      String text = line.substring(equals + 1).strip();
      if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
        text = text.substring(1, text.length() - 1);
      }
      if (section.equals("core") && key.equalsIgnoreCase("excludesfile")) {
        value = text.isEmpty() ? null : text;
      } else if (section.equals("include") && key.equalsIgnoreCase("path") && !text.isEmpty()) {
        Path included =
            text.startsWith("~/")
                ? home.isBlank() ? null : Path.of(home, text.substring(2))
                : config.resolveSibling(text);
        if (included != null) {
          value = lastExcludesFile(included, home, value, depth + 1);
        }
      }
    }
    return value;
  }

  private static List<String> lines(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    // Decoded leniently: a stray byte in someone's .gitignore must not stop the run.
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
  }

  /** A line of a .homelabignore file: the file, its 1-based number and its text. */
  public record Line(Path file, int number, String text) {}

  /**
   * The .homelabignore line that leaves out {@code path}, looking at the files from {@code top}
   * down: the line that leaves out the outermost of its folders, else the path itself. As in git,
   * the deepest ignore file with a matching pattern decides, by its last matching line. Empty when
   * no .homelabignore line does (git's ignore files may still).
   */
  public static Optional<Line> leavingOut(Path top, Path path, boolean directory) {
    Path relative = top.relativize(path);
    Path at = top;
    for (int i = 0; i < relative.getNameCount(); i++) {
      at = at.resolve(relative.getName(i));
      Optional<Line> line = deciding(top, at, directory || i < relative.getNameCount() - 1);
      if (line.isPresent()) {
        return line;
      }
    }
    return Optional.empty();
  }

  /**
   * The .homelabignore line that decides that {@code path} itself is left out, looking at the files
   * of its folders up to {@code top}; empty when none leaves it out.
   */
  public static Optional<Line> deciding(Path top, Path path, boolean directory) {
    for (Path folder = path.getParent();
        folder != null && folder.startsWith(top);
        folder = folder.getParent()) {
      List<String> lines;
      try {
        lines = lines(folder.resolve(FILE_NAME));
      } catch (IOException unreadable) {
        continue; // file discovery reads it first, and says so when it cannot
      }
      String relative = folder.relativize(path).toString().replace('\\', '/');
      Verdict verdict = parse(lines).match(relative, directory);
      if (verdict == Verdict.NO_MATCH) {
        continue;
      }
      if (verdict != Verdict.IGNORED) {
        return Optional.empty();
      }
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (parse(List.of(lines.get(i))).match(relative, directory) == Verdict.IGNORED) {
          return Optional.of(new Line(folder.resolve(FILE_NAME), i + 1, lines.get(i).strip()));
        }
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /**
   * @param relativePath the path relative to this file's folder, with forward slashes
   */
  public Verdict match(String relativePath, boolean directory) {
    Verdict verdict = Verdict.NO_MATCH;
    for (Rule rule : rules) {
      if (rule.directoryOnly && !directory) {
        continue;
      }
      if (rule.pattern.matcher(relativePath).matches()) {
        verdict =
            rule.negated
                ? Verdict.INCLUDED
                : rule.fromGit ? Verdict.IGNORED_BY_GIT : Verdict.IGNORED;
      }
    }
    return verdict;
  }

  private static Rule compile(String raw, boolean fromGit) {
    String line = stripTrailingSpaces(raw);
    if (line.isEmpty() || line.startsWith("#")) {
      return null;
    }
    boolean negated = false;
    if (line.startsWith("!")) {
      negated = true;
      line = line.substring(1);
    } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
      line = line.substring(1);
    }
    boolean directoryOnly = line.endsWith("/");
    if (directoryOnly) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty()) {
      return null;
    }
    boolean anchored = line.contains("/");
    if (line.startsWith("/")) {
      line = line.substring(1);
    }
    String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(line);
    return new Rule(Pattern.compile(regex), negated, directoryOnly, fromGit);
  }

  private static String globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*' && glob.startsWith("**", i)) {
        boolean slashBefore = i == 0 || glob.charAt(i - 1) == '/';
        boolean slashAfter = i + 2 == glob.length() || glob.charAt(i + 2) == '/';
        if (slashBefore && slashAfter) {
          if (i + 2 == glob.length()) {
            regex.append(".*");
            i += 2;
          } else {
            regex.append("(?:.*/)?");
            i += 3;
          }
          continue;
        }
        regex.append("[^/]*");
        i += 2;
        continue;
      }
      switch (c) {
        case '*' -> regex.append("[^/]*");
        case '?' -> regex.append("[^/]");
        case '[' -> {
          int close = glob.indexOf(']', i + 1);
          if (close < 0) {
            regex.append("\\[");
          } else {
            String body = glob.substring(i + 1, close);
            if (body.startsWith("!")) {
              body = "^" + body.substring(1);
            }
            regex.append('[').append(body.replace("\\", "\\\\")).append(']');
            i = close;
          }
        }
        case '\\' -> {
          if (i + 1 < glob.length()) {
            regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    // A pattern that names a folder also covers everything below it.
    return regex + "(?:/.*)?";
  }

  private static String stripTrailingSpaces(String line) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ' && (end < 2 || line.charAt(end - 2) != '\\')) {
      end--;
    }
    return line.substring(0, end).replace("\\ ", " ");
  }
}
