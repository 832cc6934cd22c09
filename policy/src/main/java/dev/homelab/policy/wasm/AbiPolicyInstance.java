package dev.homelab.policy.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One instance of an OPA Wasm module (ABI 1.x), driven directly on Chicory.
 *
 * <p>opa-java-wasm builds its Chicory instance itself and accepts no machine factory, so the
 * classes that chicory-compiler-maven-plugin generates for the bundled policy can only run through
 * a host like this one. It drives OPA's evaluation-context exports and serves SDK builtins from
 * {@link SdkBuiltins#ALL}. Not thread-safe: {@link PolicyEvaluator} gives each thread its own.
 */
final class AbiPolicyInstance implements PolicyInstance {
  private final Memory memory;
  private final Instance instance;
  private final ExportFunction malloc;
  private final ExportFunction jsonParse;
  private final ExportFunction jsonDump;
  private final ExportFunction free;
  private final ExportFunction heapPtrGet;
  private final ExportFunction heapPtrSet;
  private final ExportFunction evalCtxNew;
  private final ExportFunction evalCtxSetData;
  private final ExportFunction evalCtxSetInput;
  private final ExportFunction evalCtxSetEntrypoint;
  private final ExportFunction evalCtxGetResult;
  private final ExportFunction eval;
  private final SdkBuiltins.Builtin[] builtins;
  private final String[] builtinNames;
  private final Set<String> requiredBuiltins;
  private final int entrypoint;
  private final int baseHeapPtr;
  private int dataAddr;
  private int dataHeapPtr;

  AbiPolicyInstance(
      WasmModule module, Function<Instance, Machine> machineFactory, String entrypointName) {
    // ByteArrayMemory, as opa-java-wasm uses; ByteBufferMemory made evaluations ~40% slower.
    memory = new ByteArrayMemory(importedMemoryLimits(module));
    var imports =
        ImportValues.builder()
            .addMemory(new ImportMemory("env", "memory", memory))
            .addFunction(function("opa_abort", 1, 0, (inst, args) -> abort((int) args[0])))
            .addFunction(function("opa_println", 1, 0, (inst, args) -> null));
    for (int arity = 0; arity <= 4; arity++) {
      int n = arity;
      imports.addFunction(
          function(
              "opa_builtin" + n,
              n + 2,
              1,
              (inst, args) -> new long[] {callBuiltin((int) args[0], n, args)}));
    }
    var builder = Instance.builder(module).withImportValues(imports.build());
    if (machineFactory != null) {
      builder.withMachineFactory(machineFactory);
    }
    instance = builder.build();
    long major = instance.exports().global("opa_wasm_abi_version").getValue();
    long minor = instance.exports().global("opa_wasm_abi_minor_version").getValue();
    if (major != 1) {
      throw new PolicyException(
          "the policy uses OPA Wasm ABI " + major + "." + minor + ", this host speaks 1.x");
    }
    malloc = instance.export("opa_malloc");
    jsonParse = instance.export("opa_json_parse");
    jsonDump = instance.export("opa_json_dump");
    free = instance.export("opa_free");
    heapPtrGet = instance.export("opa_heap_ptr_get");
    heapPtrSet = instance.export("opa_heap_ptr_set");
    evalCtxNew = instance.export("opa_eval_ctx_new");
    evalCtxSetData = instance.export("opa_eval_ctx_set_data");
    evalCtxSetInput = instance.export("opa_eval_ctx_set_input");
    evalCtxSetEntrypoint = instance.export("opa_eval_ctx_set_entrypoint");
    evalCtxGetResult = instance.export("opa_eval_ctx_get_result");
    eval = instance.export("eval");

    Map<String, Integer> entrypoints = readIdMap("entrypoints");
    Integer id = entrypoints.get(entrypointName);
    if (id == null) {
      throw new PolicyException(
          "the policy has no entrypoint " + entrypointName + "; it has " + entrypoints.keySet());
    }
    entrypoint = id;

    Map<String, Integer> required = readIdMap("builtins");
    requiredBuiltins = Set.copyOf(required.keySet());
    int size = required.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    builtins = new SdkBuiltins.Builtin[size];
    builtinNames = new String[size];
    for (Map.Entry<String, Integer> e : required.entrySet()) {
      SdkBuiltins.Builtin builtin = SdkBuiltins.ALL.get(e.getKey());
      if (builtin == null) {
        throw new PolicyException(
            "the policy needs the builtin "
                + e.getKey()
                + ", which this host does not implement (it has "
                + new TreeMap<>(SdkBuiltins.ALL).keySet()
                + ")");
      }
      builtins[e.getValue()] = builtin;
      builtinNames[e.getValue()] = e.getKey();
    }
    baseHeapPtr = (int) heapPtrGet.apply()[0];
    dataHeapPtr = baseHeapPtr;
    dataAddr = parseJson("{}");
    dataHeapPtr = (int) heapPtrGet.apply()[0];
  }

  // The module declares the smallest memory it accepts, which OPA sets below the end of its own
  // data segments (its SDKs start with more); it may grow up to Wasm's 4 GiB.
  private static MemoryLimits importedMemoryLimits(WasmModule module) {
    int declared =
        module.importSection().stream()
            .filter(i -> i instanceof MemoryImport)
            .map(i -> ((MemoryImport) i).limits().initialPages())
            .findFirst()
            .orElseThrow(
                () -> new PolicyException("the module imports no memory; is it an OPA policy?"));
    return new MemoryLimits(Math.max(declared, dataPages(module)), MemoryLimits.MAX_PAGES);
  }

  /** Pages needed to hold every active data segment that sits at a constant offset. */
  static int dataPages(WasmModule module) {
    long end = 0;
    for (DataSegment segment : module.dataSection().dataSegments()) {
      if (segment instanceof ActiveDataSegment active
          && !active.offsetInstructions().isEmpty()
          && active.offsetInstructions().get(0).opcode() == OpCode.I32_CONST) {
        long offset = active.offsetInstructions().get(0).operand(0) & 0xFFFF_FFFFL;
        end = Math.max(end, offset + segment.data().length);
      }
    }
    return (int) ((end + Memory.PAGE_SIZE - 1) / Memory.PAGE_SIZE);
  }

  private static HostFunction function(
      String name, int params, int results, WasmFunctionHandle handle) {
    return new HostFunction(
        "env",
        name,
        FunctionType.of(
            Collections.nCopies(params, ValType.I32), Collections.nCopies(results, ValType.I32)),
        handle);
  }

  private long[] abort(int messageAddr) {
    throw new PolicyException("the policy aborted: " + memory.readCString(messageAddr));
  }

  /** The SDK builtins the module imports, by the names OPA gives them. */
  Set<String> requiredBuiltins() {
    return requiredBuiltins;
  }

  @Override
  public void setData(byte[] dataJson) {
    heapPtrSet.apply(baseHeapPtr);
    dataAddr = parseJson(dataJson);
    dataHeapPtr = (int) heapPtrGet.apply()[0];
  }

  // The context exports rather than the one-shot opa_eval, which reads its input with the Rego
  // value parser instead of the JSON parser; this keeps both hosts' input handling identical.
  @Override
  public String evaluate(byte[] inputJson) {
    heapPtrSet.apply(dataHeapPtr);
    int inputAddr = parseJson(inputJson);
    long ctx = evalCtxNew.apply()[0];
    evalCtxSetData.apply(ctx, dataAddr);
    evalCtxSetInput.apply(ctx, inputAddr);
    evalCtxSetEntrypoint.apply(ctx, entrypoint);
    long status = eval.apply(ctx)[0];
    if (status != 0) {
      throw new PolicyException("the policy's evaluation failed with OPA error code " + status);
    }
    return dumpJson(evalCtxGetResult.apply(ctx)[0]);
  }

  private int parseJson(String json) {
    return parseJson(json.getBytes(StandardCharsets.UTF_8));
  }

  private int parseJson(byte[] bytes) {
    // opa_malloc grows the memory itself when the heap runs out.
    int addr = (int) malloc.apply(bytes.length)[0];
    memory.write(addr, bytes);
    int value = (int) jsonParse.apply(addr, bytes.length)[0];
    free.apply(addr);
    if (value == 0) {
      throw new PolicyException("the policy could not parse a JSON document it was given");
    }
    return value;
  }

  private String dumpJson(long valueAddr) {
    int addr = (int) jsonDump.apply(valueAddr)[0];
    String json = memory.readCString(addr);
    free.apply(addr);
    return json;
  }

  private Map<String, Integer> readIdMap(String export) {
    JsonNode node = Json.parse(dumpJson(instance.export(export).apply()[0]), export);
    Map<String, Integer> ids = new TreeMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      ids.put(field.getKey(), field.getValue().asInt());
    }
    return ids;
  }

  // Arguments are (builtin id, opa_ctx, arg addresses...); 0 tells the policy "undefined".
  private long callBuiltin(int id, int arity, long[] args) {
    JsonNode[] values = new JsonNode[arity];
    for (int i = 0; i < arity; i++) {
      values[i] = Json.parse(dumpJson(args[2 + i]), "an argument of " + builtinNames[id]);
    }
    Optional<JsonNode> result = builtins[id].apply(values);
    return result.isEmpty() ? 0 : parseJson(Json.write(result.get()));
  }
}
