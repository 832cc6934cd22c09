package dev.homelab.policy.wasm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates documents against a {@link PolicyModule} with one run's {@code data}. Thread-safe: each
 * evaluation borrows an instance of the policy that no other thread uses meanwhile, and loads the
 * current data into it only when it holds older data.
 */
public final class PolicyEvaluator {
  /** One violation of a deny or warn rule, as the guide writes it. */
  public static final String VIOLATION =
      "{\"rule\": ID, \"msg\": TEXT, \"path\": [KEY or INDEX, ...]}";

  /**
   * One violation of a compiled policy's entry point, which names its severity itself, unlike a
   * deny or warn rule.
   */
  public static final String COMPILED_VIOLATION =
      "{\"rule\": ID, \"severity\": \"error\" or \"warning\", \"msg\": TEXT, \"path\": [KEY or"
          + " INDEX, ...]}";

  /** What a deny or warn rule returns, as the guide describes it. */
  private static final String VIOLATION_SHAPE =
      VIOLATION + ", the path leading to the offending node of input.resource (or input.values)";

  private final PolicyModule module;
  // A fresh object per setData call; instances compare it by identity to know their data is stale.
  private volatile DataVersion data;

  private record DataVersion(byte[] json) {}

  PolicyEvaluator(PolicyModule module) {
    this.module = module;
  }

  /**
   * Sets {@code data} for the following evaluations: {@code {"lab": <homelab.yaml with defaults>,
   * "index": <manifests by kind, namespace and name>}}.
   */
  public void setData(String dataJson) {
    Objects.requireNonNull(dataJson, "dataJson");
    Json.requireObject(dataJson, "the policy data");
    data = new DataVersion(dataJson.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Like {@link #setData(String)} for UTF-8 data that a JSON serializer wrote from an object node;
   * such data skips the check that it is one JSON object.
   */
  public void setSerializedData(byte[] dataJson) {
    data = new DataVersion(Objects.requireNonNull(dataJson, "dataJson"));
  }

  /** The violations of one document; {@code inputJson} is one manifest or values input. */
  public List<Violation> evaluate(String inputJson) {
    return parse(evaluateRaw(inputJson));
  }

  /**
   * Like {@link #evaluate(String)} for UTF-8 input that a JSON serializer wrote from an object
   * node, as the policy check builds it; such input skips the check that it is one JSON object.
   */
  public List<Violation> evaluateSerialized(byte[] inputJson) {
    return parse(evaluateRaw(Objects.requireNonNull(inputJson, "inputJson")));
  }

  /** OPA's raw result set for one input, such as {@code [{"result":[...]}]}. */
  public String evaluateRaw(String inputJson) {
    Objects.requireNonNull(inputJson, "inputJson");
    Json.requireObject(inputJson, "the policy input");
    return evaluateRaw(inputJson.getBytes(StandardCharsets.UTF_8));
  }

  private String evaluateRaw(byte[] inputJson) {
    DataVersion current = data;
    if (current == null) {
      throw new IllegalStateException("call setData before evaluate");
    }
    PolicyModule.Slot slot = module.borrow();
    String result;
    try {
      if (slot.data != current) {
        slot.instance.setData(current.json());
        slot.data = current;
      }
      result = slot.instance.evaluate(inputJson);
    } catch (RuntimeException e) {
      // The instance may be half-way through an evaluation; it is dropped rather than reused.
      throw e instanceof PolicyException p
          ? p
          : new PolicyException(module.source() + ": evaluation failed: " + e.getMessage(), e);
    }
    module.release(slot);
    return result;
  }

  private List<Violation> parse(String raw) {
    JsonNode results = Json.parse(raw, "the policy result");
    List<Violation> violations = new ArrayList<>();
    for (JsonNode result : results) {
      JsonNode set = result.path("result");
      if (!set.isArray()) {
        throw new PolicyException(
            module.source() + ": " + module.entrypoint() + " is not a set of violations");
      }
      for (JsonNode v : set) {
        violations.add(violation(v));
      }
    }
    return List.copyOf(violations);
  }

  private Violation violation(JsonNode v) {
    // Described only when it is refused: describing copies and prints the violation.
    if (!v.isObject()) {
      throw malformed(describe(v) + " is not an object");
    }
    JsonNode pathNode = v.path("path");
    if (pathNode.isMissingNode()) {
      throw malformed(describe(v) + " has no path");
    }
    if (!pathNode.isArray()) {
      throw malformed(describe(v) + " has a path that is not an array");
    }
    List<Object> path = new ArrayList<>();
    for (JsonNode element : pathNode) {
      if (element.isTextual()) {
        path.add(element.asText());
      } else if (element.isIntegralNumber()
          && element.canConvertToInt()
          && element.intValue() >= 0) {
        path.add(element.intValue());
      } else {
        throw malformed(describe(v) + " has a path element that is neither key nor index");
      }
    }
    // A deny or warn rule gets its severity from the entry point, so the shape shown omits it.
    String severity = v.path("severity").asText();
    if (!severity.equals("error") && !severity.equals("warning")) {
      throw new PolicyException(
          describe(v)
              + " has no severity \"error\" or \"warning\"; a violation of a compiled policy's"
              + " entry point must be "
              + COMPILED_VIOLATION);
    }
    return new Violation(
        text(v, "rule"), severity, text(v, "msg"), path, v.path("package").asText(""));
  }

  /**
   * Names the violation's source, its rule when it has one, and the violation as the policy wrote
   * it, without the package that the custom policies' entry point adds to tell their sources apart.
   */
  private String describe(JsonNode v) {
    JsonNode rule = v.path("rule");
    String packageName = v.path("package").asText();
    String source =
        rule.isTextual()
            ? module.placeOf(packageName, rule.asText())
            : module.sourceOf(packageName);
    // The entry point adds the severity too, which a deny or warn does not write.
    JsonNode written =
        v.isObject() && v.has("package")
            ? ((ObjectNode) v).deepCopy().without(List.of("package", "severity"))
            : v;
    return source
        + ": "
        + (rule.isTextual()
            ? "rule " + rule.asText() + " returned " + written + ", which"
            : "the violation " + written);
  }

  private String text(JsonNode v, String field) {
    JsonNode value = v.path(field);
    if (!value.isMissingNode() && !value.isNull() && !value.isTextual()) {
      throw malformed(describe(v) + " has a " + field + " that is not a string but " + value);
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw malformed(describe(v) + " has no " + field);
    }
    return value.asText();
  }

  private static PolicyException malformed(String problem) {
    return new PolicyException(problem + "; a violation must be " + VIOLATION_SHAPE);
  }
}
