package dev.homelab.validator.schema;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.expr.CheckedExpr;
import dev.cel.extensions.CelExtensions;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.homelab.core.cache.CacheFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Compiles and runs CRD validation rules with cel-java, in an environment close to the API
 * server's: standard macros, the strings, sets, math and optional libraries, and numbers compared
 * across types. An expression that needs something this environment lacks (Kubernetes' own
 * libraries such as {@code quantity()} or {@code url()}) does not compile and is skipped.
 */
final class CelRuleEvaluator {

  /** What running a rule gave: it held, it failed, or it could not be run here. */
  enum Outcome {
    HELD,
    FAILED,
    NOT_EVALUATED
  }

  private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

  /** Names the environment below in cached rules; change it whenever the environment changes. */
  static final String ENVIRONMENT_VERSION = "cel-java 0.14.0; strings sets math optional";

  // Keyed by the environment's name and the expression: one rule text may be in both.
  private final Map<String, Optional<CelRuntime.Program>> programs = new ConcurrentHashMap<>();
  private final Path checkedRules;
  // Rules that a run checks anew are likely edits of older ones; one look for stale files a run.
  private final AtomicBoolean pruned = new AtomicBoolean();

  /**
   * @param checkedRules a folder for rules already type-checked, which a later run loads instead of
   *     checking them again (about a third of the time); null keeps nothing
   */
  CelRuleEvaluator(Path checkedRules) {
    this.checkedRules = checkedRules;
  }

  CelRuleEvaluator() {
    this(null);
  }

  /**
   * Built on first use: an environment costs a few hundred milliseconds, most trees need none. A
   * rule with {@code optionalOldSelf} gets {@code oldSelf} as an optional, as the API server types
   * it, so that {@code oldSelf.value()} compares like any other value.
   */
  private static final class Environment {
    static final Cel CEL = build(SimpleType.DYN);
    static final Cel OPTIONAL_OLD_SELF = build(OptionalType.create(SimpleType.DYN));

    private static Cel build(CelType oldSelf) {
      return CelFactory.standardCelBuilder()
          .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).build())
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addCompilerLibraries(
              CelExtensions.strings(),
              CelExtensions.sets(CelOptions.DEFAULT),
              CelExtensions.math(CelOptions.DEFAULT),
              CelOptionalLibrary.INSTANCE)
          .addRuntimeLibraries(
              CelExtensions.strings(),
              CelExtensions.sets(CelOptions.DEFAULT),
              CelExtensions.math(CelOptions.DEFAULT),
              CelOptionalLibrary.INSTANCE)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", oldSelf)
          .build();
    }
  }

  /** Whether the rule compares with the stored object, which only an update has. */
  static boolean isTransitionRule(String expression) {
    return OLD_SELF.matcher(expression).find();
  }

  /** Runs a boolean rule against {@code self}. */
  Outcome check(String expression, Object self) {
    return outcome(run(expression, false, Map.of("self", self)));
  }

  /**
   * Runs a transition rule against {@code self} and the stored value, {@code oldSelf}; for an
   * {@code optionalOldSelf} rule that value is an optional, empty when {@code oldSelf} is null.
   */
  Outcome check(String expression, Object self, Object oldSelf, boolean optionalOldSelf) {
    return outcome(run(expression, optionalOldSelf, transition(self, oldSelf, optionalOldSelf)));
  }

  private static Outcome outcome(Optional<Object> result) {
    if (result.isEmpty() || !(result.get() instanceof Boolean held)) {
      return Outcome.NOT_EVALUATED;
    }
    return held ? Outcome.HELD : Outcome.FAILED;
  }

  /** Runs a message expression; empty when it does not give a non-blank string. */
  Optional<String> message(String expression, Object self) {
    return text(run(expression, false, Map.of("self", self)));
  }

  /** Runs a transition rule's message expression, which sees {@code oldSelf} as the rule does. */
  Optional<String> message(
      String expression, Object self, Object oldSelf, boolean optionalOldSelf) {
    return text(run(expression, optionalOldSelf, transition(self, oldSelf, optionalOldSelf)));
  }

  private static Map<String, Object> transition(
      Object self, Object oldSelf, boolean optionalOldSelf) {
    return Map.of(
        "self", self, "oldSelf", optionalOldSelf ? Optional.ofNullable(oldSelf) : oldSelf);
  }

  private static Optional<String> text(Optional<Object> result) {
    return result
        .filter(String.class::isInstance)
        .map(String.class::cast)
        .filter(text -> !text.isBlank());
  }

  private Optional<Object> run(
      String expression, boolean optionalOldSelf, Map<String, Object> variables) {
    String environment = optionalOldSelf ? "optionalOldSelf" : "";
    Optional<CelRuntime.Program> program =
        programs.computeIfAbsent(
            environment + "\n" + expression, key -> compile(environment, expression));
    if (program.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(program.get().eval(variables));
    } catch (CelEvaluationException | RuntimeException e) {
      // A runtime error (a missing key, a type the value does not have) is not a verdict.
      return Optional.empty();
    }
  }

  private Optional<CelRuntime.Program> compile(String environment, String expression) {
    Cel cel = environment.isEmpty() ? Environment.CEL : Environment.OPTIONAL_OLD_SELF;
    try {
      return Optional.of(cel.createProgram(checked(cel, environment, expression)));
    } catch (CelValidationException | CelEvaluationException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The rule type-checked, from the folder of checked rules when an earlier run left it there. */
  private CelAbstractSyntaxTree checked(Cel cel, String environment, String expression)
      throws CelValidationException {
    Path file =
        checkedRules == null ? null : checkedRules.resolve(key(environment, expression) + ".pb");
    if (file != null && Files.isRegularFile(file)) {
      try {
        CheckedExpr stored = CheckedExpr.parseFrom(Files.readAllBytes(file));
        CelAbstractSyntaxTree ast = CelProtoAbstractSyntaxTree.fromCheckedExpr(stored).getAst();
        CacheFolder.markUsed(file);
        return ast;
      } catch (IOException | RuntimeException e) {
        // An unreadable or foreign file is checked again and replaced below.
      }
    }
    CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
    if (file != null) {
      store(file, CelProtoAbstractSyntaxTree.fromCelAst(ast).toCheckedExpr().toByteArray());
      if (pruned.compareAndSet(false, true)) {
        CacheFolder.pruneUnused(checkedRules, name -> name.endsWith(".pb"), Instant.now());
      }
    }
    return ast;
  }

  /** Writes beside the file and moves it in place, so a reader never sees half of it. */
  private static void store(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Path partial = Files.createTempFile(file.getParent(), "rule-", ".partial");
      Files.write(partial, bytes);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // A cache that cannot be written (a read-only home) only costs the next run the checking.
    }
  }

  private static String key(String environment, String expression) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (ENVIRONMENT_VERSION + environment + "\n" + expression)
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
