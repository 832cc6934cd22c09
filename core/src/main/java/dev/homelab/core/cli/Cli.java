package dev.homelab.core.cli;

import dev.homelab.core.config.ConfigException;
import dev.homelab.core.config.ConfigLoader;
import dev.homelab.core.discovery.FileDiscovery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;

/**
 * Runs a picocli command and maps every outcome to the shared exit codes. Nothing reaches the user
 * as a stack trace unless HOMELAB_DEBUG is set.
 */
public final class Cli {

  private Cli() {}

  public static int execute(Object command, String... args) {
    return execute(
        command, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  public static int execute(Object command, PrintWriter out, PrintWriter err, String... args) {
    ConfigLoader.compileSchemaInBackground();
    CommandLine commandLine = new CommandLine(command);
    commandLine.getCommandSpec().usageMessage().footer(ExitCode.HELP);
    commandLine.setOut(out);
    commandLine.setErr(err);
    // A folder called like a subcommand, such as --schema-location schemas, is still the value.
    commandLine.setAllowSubcommandsAsOptionParameters(true);
    commandLine.setParameterExceptionHandler(
        (ex, arguments) -> {
          err.println("error: " + ex.getMessage());
          err.println("Run with --help for usage.");
          return ExitCode.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (ex, cl, parseResult) -> {
          return report(unwrap(ex), cl.getErr());
        });
    int code = commandLine.execute(fileNamesNotOptions(args, Path.of("").toAbsolutePath()));
    out.flush();
    err.flush();
    return code;
  }

  /**
   * In a hook's run (--lab-files-only), a named YAML or JSON file whose name starts with a dash (a
   * {@code -x.yaml} at a lab's top) is a file, not an option: the pre-commit framework puts a
   * hook's own arguments before the file names, so no "--" can come between them.
   */
  static String[] fileNamesNotOptions(String[] args, Path workingDir) {
    if (!List.of(args).contains("--lab-files-only")) {
      return args;
    }
    String[] result = args.clone();
    for (int i = 0; i < result.length; i++) {
      String arg = result[i];
      if (arg.startsWith("-")
          && FileDiscovery.isManifestCandidate(arg)
          && Files.exists(workingDir.resolve(arg), LinkOption.NOFOLLOW_LINKS)) {
        result[i] = "./" + arg;
      }
    }
    return result;
  }

  /** Prints a failure the way users should see it, and returns its exit code. */
  public static int report(Throwable ex, PrintWriter err) {
    if (ex instanceof ConfigException config) {
      for (ConfigException.Problem problem : config.problems()) {
        err.println(problem.location() + ": error: " + problem.message());
      }
      err.println("The lab config is invalid; nothing was checked.");
      return ExitCode.USAGE;
    }
    if (ex instanceof UsageException || ex instanceof FileDiscovery.NoSuchPathException) {
      err.println("error: " + ex.getMessage());
      return ExitCode.USAGE;
    }
    err.println("internal error: " + describe(ex));
    if (System.getenv("HOMELAB_DEBUG") != null) {
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      err.print(trace);
    } else {
      err.println("Set HOMELAB_DEBUG=1 for a stack trace, and please report it.");
    }
    return ExitCode.INTERNAL;
  }

  private static Throwable unwrap(Throwable ex) {
    Throwable current = ex;
    while ((current instanceof CommandLine.ExecutionException
            || current instanceof CompletionException
            || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static String describe(Throwable ex) {
    String message = ex.getMessage();
    return ex.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
