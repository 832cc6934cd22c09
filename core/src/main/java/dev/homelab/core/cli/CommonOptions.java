package dev.homelab.core.cli;

import dev.homelab.core.finding.FailOn;
import dev.homelab.core.render.Renderers;
import dev.homelab.core.source.Folders;
import dev.homelab.core.source.IoReasons;
import dev.homelab.core.workspace.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by validator, policy and generator. */
public final class CommonOptions {
  private static final int MAX_THREADS = 32767;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description =
          "Files or folders to check (default: the gitops/ folder found from the current"
              + " directory); - reads manifests from standard input.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "homelab.yaml to use (default: the nearest one above the first path).")
  Path config;

  @Option(
      names = "--stdin-name",
      paramLabel = "FILE",
      description =
          "Check standard input (-) as this file, which need not exist, in its lab (default:"
              + " <stdin>, on its own, with the config of --config or of the lab found from the"
              + " current directory).")
  Path stdinName;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "Output on stdout: text, json, sarif, junit or github (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--output",
      paramLabel = "FORMAT=FILE",
      description = "Also write FORMAT to FILE; repeatable, e.g. --output sarif=report.sarif.")
  List<String> outputs = new ArrayList<>();

  @Option(
      names = "--fail-on",
      paramLabel = "LEVEL",
      defaultValue = "error",
      description = "Exit with 1 when a finding is at least this severe: error, warning or never.")
  String failOn;

  @Option(names = "--no-color", description = "No ANSI colours (also when NO_COLOR is set).")
  boolean noColor;

  @Option(
      names = {"-q", "--quiet"},
      description = "Report errors only; warnings and infos are left out of the output.")
  boolean quiet;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Check with N threads (default: one per core).")
  Integer threads;

  @Option(names = "--timings", description = "Print how long each phase took to stderr.")
  boolean timings;

  @Option(
      names = "--lab-files-only",
      description =
          "Leave out named files that belong to no lab (no homelab.yaml above them), such as a"
              + " hook's staged workflows and tool configs, and say which on stderr; a named"
              + " .gitignore or .homelabignore stands for the labs it decides, checked whole.")
  boolean labFilesOnly;

  private List<Path> hookPaths;

  /** Whether named files in no lab are left out (a hook's run). */
  public boolean labFilesOnly() {
    return labFilesOnly;
  }

  public int threads() {
    int cores = Runtime.getRuntime().availableProcessors();
    if (threads == null) {
      return cores;
    }
    // ForkJoinPool's own ceiling; far beyond any useful number of threads.
    if (threads < 1 || threads > MAX_THREADS) {
      throw new UsageException(
          "--threads must be between 1 and " + MAX_THREADS + ", not " + threads);
    }
    return threads;
  }

  public boolean timings() {
    return timings;
  }

  /**
   * The named paths; in a hook's run (--lab-files-only), a staged ignore file stands for the labs
   * whose files it decides.
   */
  public List<Path> paths() {
    if (!labFilesOnly) {
      return paths;
    }
    if (hookPaths == null) {
      hookPaths = ProjectPaths.withIgnoreFilesAsLabs(paths);
    }
    return hookPaths;
  }

  public Path config() {
    return config;
  }

  /** What --stdin-name gives, or null. */
  public Path stdinName() {
    return stdinName;
  }

  public boolean quiet() {
    return quiet;
  }

  public boolean noColor() {
    return noColor;
  }

  /** The --format, in lower case as --fail-on's level is taken. */
  public String format() {
    String lower = format.trim().toLowerCase(Locale.ROOT);
    requireFormat(lower, "--format");
    return lower;
  }

  public FailOn failOn() {
    try {
      return FailOn.valueOf(failOn.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--fail-on must be error, warning or never, not `" + failOn + "`");
    }
  }

  /** The extra outputs, by file, in the order given. */
  public Map<Path, String> outputs() {
    Map<Path, String> byFile = new LinkedHashMap<>();
    for (String output : outputs) {
      int equals = output.indexOf('=');
      if (equals <= 0 || equals == output.length() - 1) {
        throw new UsageException("--output takes FORMAT=FILE, not `" + output + "`");
      }
      String format = output.substring(0, equals).trim().toLowerCase(Locale.ROOT);
      requireFormat(format, "--output");
      Path file = Path.of(output.substring(equals + 1));
      if (isStandardOutput(file)) {
        throw new UsageException(
            "--output "
                + format
                + "="
                + file
                + ": standard output already carries the --format report ("
                + format()
                + "), and a second one there would run into it; name a file instead");
      }
      for (Map.Entry<Path, String> earlier : byFile.entrySet()) {
        if (sameFile(earlier.getKey(), file)) {
          throw new UsageException(
              "--output names "
                  + file
                  + " twice ("
                  + earlier.getValue()
                  + " and "
                  + format
                  + "); one report would overwrite the other");
        }
      }
      String blocked = blockedReason(file);
      if (blocked != null) {
        throw new UsageException(
            "--output "
                + format
                + "="
                + file
                + ": cannot write the report there ("
                + blocked
                + ")");
      }
      byFile.put(file, format);
    }
    return byFile;
  }

  /** Why a report could never be written at {@code file}, told before the check runs. */
  private static String blockedReason(Path file) {
    if (Files.isDirectory(file)) {
      return "it is a folder";
    }
    Optional<Path> blocker = Folders.fileInTheWay(file.toAbsolutePath().getParent());
    if (blocker.isPresent()) {
      return shown(file, blocker.get())
          + (Files.isRegularFile(blocker.get()) ? " is a file, not a folder" : " is not a folder");
    }
    Path target = file.toAbsolutePath();
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      return Files.isWritable(target) ? null : shown(file, target) + " is not writable";
    }
    try {
      target = Files.exists(target) ? target.toRealPath() : target;
    } catch (IOException e) {
      return IoReasons.of(e);
    }
    if (Files.exists(target)) {
      String kernel = kernelFileSystem(target);
      if (kernel != null) {
        return shown(file, target)
            + " belongs to the kernel's "
            + kernel
            + " file system, which takes no report";
      }
    }
    // The report replaces the file through a new one beside it, so its folder must be writable.
    Path folder = target.getParent();
    while (!Files.exists(folder)) {
      folder = folder.getParent();
    }
    String kernel = kernelFileSystem(folder);
    if (kernel != null) {
      return "the folder "
          + shown(file, folder)
          + " belongs to the kernel's "
          + kernel
          + " file system, which takes no new file";
    }
    return Files.isWritable(folder)
        ? null
        : "the folder " + shown(file, folder) + " is not writable";
  }

  /**
   * The kind of the kernel's own file system that {@code path} is on, such as proc or sysfs, where
   * root too can neither add a file nor replace one; null elsewhere.
   */
  private static String kernelFileSystem(Path path) {
    try {
      String type = Files.getFileStore(path).type();
      return KERNEL_FILE_SYSTEMS.contains(type) ? type : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static final Set<String> KERNEL_FILE_SYSTEMS = Set.of("proc", "sysfs");

  /** {@code path} as the user wrote {@code named}: relative to the working folder if it was. */
  private static String shown(Path named, Path path) {
    if (named.isAbsolute()) {
      return path.toString();
    }
    String relative = Path.of("").toAbsolutePath().relativize(path).toString();
    return relative.isEmpty() ? "." : relative;
  }

  /** Standard output by name: -, or a path to what stdout is, such as /dev/stdout or /dev/fd/1. */
  private static boolean isStandardOutput(Path file) {
    if (file.toString().equals("-")) {
      return true;
    }
    Path stdout = Path.of("/dev/stdout");
    try {
      return Files.exists(file) && Files.exists(stdout) && Files.isSameFile(file, stdout);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean sameFile(Path one, Path other) {
    try {
      if (Files.exists(one) && Files.exists(other)) {
        return Files.isSameFile(one, other);
      }
    } catch (IOException e) {
      // Told apart by name below.
    }
    return one.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize());
  }

  private static void requireFormat(String format, String option) {
    if (!Renderers.FORMATS.contains(format)) {
      throw new UsageException(
          option
              + ": unknown format `"
              + format
              + "`; use one of "
              + String.join(", ", Renderers.FORMATS));
    }
  }
}
