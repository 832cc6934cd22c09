package dev.homelab.policy.wasm;

/** One loaded copy of a policy; used by one thread at a time. */
interface PolicyInstance {
  /** Replaces {@code data}; later evaluations see it until the next call. */
  void setData(byte[] dataJson);

  /** Evaluates the entry point for one UTF-8 JSON input and returns OPA's result set as JSON. */
  String evaluate(byte[] inputJson);
}
