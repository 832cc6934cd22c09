import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import dev.homelab.policy.PolicyCheck;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the policy check over one corpus several times in one JVM and prints each round's
 * evaluations per second, so the cold first round can be told apart from the JIT-compiled rest.
 *
 * <p>Usage: java -cp policy/target/policy.jar bench/policy/Warm.java CORPUS ROUNDS THREADS
 */
public class Warm {
  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(corpus), null, corpus));
    int documents = workspace.resources().size() + workspace.valuesFiles().size();
    PolicyCheck check = PolicyCheck.bundled();
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
    for (int round = 1; round <= rounds; round++) {
      long start = System.nanoTime();
      int findings = pool.submit(() -> check.check(workspace).size()).get();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "round %d: %d documents, %d findings, %.0f ms, %.0f evaluations/s%n",
          round, documents, findings, seconds * 1000, documents / seconds);
    }
    pool.shutdown();
  }
}
