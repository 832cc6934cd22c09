package dev.homelab.core.testing;

import dev.homelab.core.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs a tool over a copy of gitops/ with one YAML file randomly broken per round, by {@link
 * TextMutations} (a fixed seed makes the rounds repeatable), and sorts the outcomes by exit code.
 */
public final class MutatedTrees {

  /** How many rounds ended with exit 0, 1 and 2, and what any other round printed. */
  public record Outcome(int clean, int findings, int usage, List<String> failures) {}

  private MutatedTrees() {}

  /**
   * @param arguments the tool's options; the tree's path is appended
   */
  public static Outcome run(
      Path directory,
      long seed,
      int rounds,
      TextMutations.Kind mutation,
      Supplier<Object> tool,
      String... arguments)
      throws IOException {
    Path tree = directory.resolve("gitops");
    Trees.copy(RepoPaths.gitopsTree(), tree);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(tree)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    String[] command = new String[arguments.length + 1];
    System.arraycopy(arguments, 0, command, 0, arguments.length);
    command[arguments.length] = tree.toString();
    Random random = new Random(seed);
    int[] exits = new int[3];
    List<String> failures = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      Path file = files.get(random.nextInt(files.size()));
      String original = Files.readString(file);
      String mutated = mutation.apply(original, random);
      // getBytes writes a lone surrogate that an edit split off as '?', where writeString throws.
      Files.write(file, mutated.getBytes(StandardCharsets.UTF_8));
      StringWriter err = new StringWriter();
      int exit =
          Cli.execute(
              tool.get(), new PrintWriter(new StringWriter()), new PrintWriter(err), command);
      if (exit < 0 || exit > 2 || err.toString().contains("Exception")) {
        failures.add(tree.relativize(file) + " exit " + exit + ": " + err + "\n" + mutated);
      } else {
        exits[exit]++;
      }
      Files.writeString(file, original);
    }
    System.out.printf(
        "mutated gitops/ %d times: %d clean, %d with findings, %d usage or config errors%n",
        rounds, exits[0], exits[1], exits[2]);
    return new Outcome(exits[0], exits[1], exits[2], failures);
  }
}
