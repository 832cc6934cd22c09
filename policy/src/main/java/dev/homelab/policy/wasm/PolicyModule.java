package dev.homelab.policy.wasm;

import com.dylibso.chicory.wasm.WasmModule;
import dev.homelab.policy.wasm.generated.BundledPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * A loaded policy: the bundled one ({@link #loadBundled()}) or a {@code .wasm} module or OPA bundle
 * from disk ({@link #load(Path)}). Load it once per run and evaluate through {@link
 * #newEvaluator()}; instances are created on demand, one per concurrently evaluating thread.
 */
public final class PolicyModule {
  /** The single entry point of the bundled policy and the default for others. */
  public static final String ENTRYPOINT = "homelab/main/violations";

  static final String BUNDLED_WASM = "/dev/homelab/policy/wasm/policy.wasm";

  private final String source;
  private final Map<String, String> sourcesByPackage;
  private final Map<String, String> placesByRule;
  private final Engine engine;
  private final String entrypoint;
  private final Supplier<PolicyInstance> factory;
  private final ConcurrentLinkedDeque<Slot> idle = new ConcurrentLinkedDeque<>();
  private final Duration loadTime;

  /** An instance and the data it currently holds, so data is loaded only when it changed. */
  static final class Slot {
    final PolicyInstance instance;
    Object data;

    Slot(PolicyInstance instance) {
      this.instance = instance;
    }
  }

  private PolicyModule(
      String source,
      Map<String, String> sourcesByPackage,
      Map<String, String> placesByRule,
      Engine engine,
      String entrypoint,
      Supplier<PolicyInstance> factory) {
    this.source = source;
    this.sourcesByPackage = Map.copyOf(sourcesByPackage);
    this.placesByRule = Map.copyOf(placesByRule);
    this.engine = engine;
    this.entrypoint = entrypoint;
    this.factory = factory;
    long start = System.nanoTime();
    // The first instance is built now, so a broken policy fails at load time and not mid-run.
    idle.push(new Slot(newInstance()));
    this.loadTime = Duration.ofNanos(System.nanoTime() - start);
  }

  /** The policy bundled in this jar, on the classes compiled from it at build time. */
  public static PolicyModule loadBundled() {
    return loadBundled(Engine.BUILD_TIME_COMPILED);
  }

  /** The bundled policy on the given engine; the others exist to compare against. */
  public static PolicyModule loadBundled(Engine engine) {
    Objects.requireNonNull(engine, "engine");
    if (engine == Engine.BUILD_TIME_COMPILED) {
      WasmModule module = BundledPolicy.load();
      return new PolicyModule(
          "the bundled policy",
          Map.of(),
          Map.of(),
          engine,
          ENTRYPOINT,
          () -> new AbiPolicyInstance(module, BundledPolicy::create, ENTRYPOINT));
    }
    return fromBytes(bundledWasm(), "the bundled policy", Map.of(), Map.of(), engine, ENTRYPOINT);
  }

  /**
   * A {@code .wasm} module or an OPA bundle ({@code .tar.gz} from {@code opa build -t wasm}),
   * compiled by Chicory at load time. Its entry point is the bundle's only one, else {@link
   * #ENTRYPOINT}.
   */
  public static PolicyModule load(Path wasmOrBundle) {
    return load(wasmOrBundle, Engine.RUNTIME_COMPILED);
  }

  /** Like {@link #load(Path)} on the given engine, which cannot be BUILD_TIME_COMPILED. */
  public static PolicyModule load(Path wasmOrBundle, Engine engine) {
    return load(wasmOrBundle, wasmOrBundle.toString(), Map.of(), Map.of(), engine);
  }

  /**
   * Like {@link #load(Path)} for a bundle compiled from Rego files that messages should name
   * instead: {@code source} in general, and for a violation tagged with the {@code package} it came
   * from, that package's entry of {@code sourcesByPackage}.
   */
  public static PolicyModule load(
      Path bundle, String source, Map<String, String> sourcesByPackage) {
    return load(bundle, source, sourcesByPackage, Map.of(), Engine.RUNTIME_COMPILED);
  }

  /**
   * Like {@link #load(Path, String, Map)}, with the file:line of each rule id's METADATA, which
   * messages about a violation of that rule name instead of its package's file.
   */
  public static PolicyModule load(
      Path bundle,
      String source,
      Map<String, String> sourcesByPackage,
      Map<String, String> placesByRule) {
    return load(bundle, source, sourcesByPackage, placesByRule, Engine.RUNTIME_COMPILED);
  }

  private static PolicyModule load(
      Path wasmOrBundle,
      String source,
      Map<String, String> sourcesByPackage,
      Map<String, String> placesByRule,
      Engine engine) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(wasmOrBundle);
    } catch (IOException e) {
      throw new PolicyException("cannot read policy " + wasmOrBundle + ": " + e.getMessage(), e);
    }
    OpaBundle bundle = OpaBundle.read(bytes, wasmOrBundle.toString());
    String entrypoint = bundle.entrypoints().size() == 1 ? bundle.entrypoints().get(0) : ENTRYPOINT;
    return fromBytes(bundle.wasm(), source, sourcesByPackage, placesByRule, engine, entrypoint);
  }

  private static PolicyModule fromBytes(
      byte[] wasm,
      String source,
      Map<String, String> sourcesByPackage,
      Map<String, String> placesByRule,
      Engine engine,
      String entrypoint) {
    Objects.requireNonNull(engine, "engine");
    if (engine == Engine.BUILD_TIME_COMPILED) {
      throw new IllegalArgumentException(
          "only the bundled policy has build-time compiled classes; load "
              + source
              + " with RUNTIME_COMPILED or INTERPRETED");
    }
    boolean compile = engine == Engine.RUNTIME_COMPILED;
    return new PolicyModule(
        source,
        sourcesByPackage,
        placesByRule,
        engine,
        entrypoint,
        () -> new OpaJavaWasmInstance(wasm, compile, entrypoint));
  }

  static byte[] bundledWasm() {
    try (InputStream in = PolicyModule.class.getResourceAsStream(BUNDLED_WASM)) {
      if (in == null) {
        throw new PolicyException("the jar has no " + BUNDLED_WASM);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new PolicyException("cannot read " + BUNDLED_WASM + ": " + e.getMessage(), e);
    }
  }

  /** A new evaluator; give it the run's data with {@link PolicyEvaluator#setData(String)}. */
  public PolicyEvaluator newEvaluator() {
    return new PolicyEvaluator(this);
  }

  public Engine engine() {
    return engine;
  }

  public String entrypoint() {
    return entrypoint;
  }

  /** Where the policy came from, for messages. */
  public String source() {
    return source;
  }

  /** Where the rules of {@code packageName} came from, for messages; else {@link #source()}. */
  public String sourceOf(String packageName) {
    return sourcesByPackage.getOrDefault(packageName, source);
  }

  /**
   * Where {@code rule} of {@code packageName} is declared, as file:line, for messages; else its
   * package's file.
   */
  public String placeOf(String packageName, String rule) {
    return placesByRule.getOrDefault(rule, sourceOf(packageName));
  }

  /** How long building the first instance took, for the performance figures. */
  public Duration loadTime() {
    return loadTime;
  }

  PolicyInstance newInstance() {
    try {
      return factory.get();
    } catch (PolicyException e) {
      throw new PolicyException(source + ": " + e.getMessage(), e);
    }
  }

  Slot borrow() {
    Slot slot = idle.poll();
    return slot != null ? slot : new Slot(newInstance());
  }

  void release(Slot slot) {
    idle.push(slot);
  }

  /** Instances created so far and not discarded, for tests of the pool. */
  int idleInstances() {
    return idle.size();
  }
}
