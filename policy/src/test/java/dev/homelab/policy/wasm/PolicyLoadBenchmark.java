package dev.homelab.policy.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures one engine in a fresh JVM: time to a loaded policy, the first evaluation, and the
 * steady-state cost per document over the test cases. Not a test; run it once per engine, as
 * policy/README.md shows, so class loading and JIT warm-up count the way they do in a real run.
 */
public final class PolicyLoadBenchmark {
  private PolicyLoadBenchmark() {}

  public static void main(String[] args) {
    long jvmStart = System.nanoTime();
    Engine engine = Engine.valueOf(args.length > 0 ? args[0] : "BUILD_TIME_COMPILED");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;

    long t0 = System.nanoTime();
    PolicyModule module = PolicyModule.loadBundled(engine);
    PolicyEvaluator evaluator = module.newEvaluator();
    evaluator.setData(TestResources.data().toString());
    long t1 = System.nanoTime();

    List<String> inputs = new ArrayList<>();
    for (JsonNode c : TestResources.cases().values()) {
      if (!c.has("index")) {
        inputs.add(c.get("input").toString());
      }
    }
    evaluator.evaluate(inputs.get(0));
    long t2 = System.nanoTime();

    int warmup = rounds / 2;
    for (int r = 0; r < warmup; r++) {
      inputs.forEach(evaluator::evaluate);
    }
    long t3 = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      inputs.forEach(evaluator::evaluate);
    }
    long t4 = System.nanoTime();
    int evaluations = rounds * inputs.size();

    System.out.printf(
        Locale.ROOT,
        "%s load=%.0fms (module %.0fms) firstEval=%.1fms steady=%.1fus/doc (%.0f docs/s) over %d docs%n",
        engine,
        (t1 - t0) / 1e6,
        module.loadTime().toNanos() / 1e6,
        (t2 - t1) / 1e6,
        (t4 - t3) / 1e3 / evaluations,
        evaluations / ((t4 - t3) / 1e9),
        evaluations);
    System.out.printf(Locale.ROOT, "main-to-first-result=%.0fms%n", (t2 - jvmStart) / 1e6);
  }
}
