package dev.homelab.policy.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
  private static PolicyModule module;
  private static ExecutorService pool;

  @BeforeAll
  static void load() {
    module = PolicyModule.loadBundled();
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static String input(String caseName) {
    return TestResources.json("cases/" + caseName + ".json").get("input").toString();
  }

  private static String dataWithIndex(JsonNode index) {
    ObjectNode data = (ObjectNode) TestResources.data();
    data.set("index", index);
    return data.toString();
  }

  @Test
  void theIndexDecidesWhetherAnIssuerExists() {
    PolicyEvaluator evaluator = module.newEvaluator();
    String ingress = input("tls/clean-ingress");
    ObjectNode index = (ObjectNode) TestResources.data().get("index");

    evaluator.setData(dataWithIndex(index));
    assertThat(evaluator.evaluate(ingress)).isEmpty();

    ObjectNode withoutIssuer = index.deepCopy();
    withoutIssuer.remove("ClusterIssuer");
    evaluator.setData(dataWithIndex(withoutIssuer));
    assertThat(evaluator.evaluate(ingress))
        .extracting(Violation::rule, Violation::path)
        .containsExactly(
            Tuple.tuple(
                "ingress-issuer-not-found",
                List.of("metadata", "annotations", "cert-manager.io/cluster-issuer")));
  }

  @Test
  void theLabConfigIsHonoured() {
    PolicyEvaluator evaluator = module.newEvaluator();
    String service = input("tailscale/node-port-and-ip-outside-pool");
    ObjectNode data = (ObjectNode) TestResources.data();

    evaluator.setData(data.toString());
    assertThat(evaluator.evaluate(service))
        .extracting(Violation::rule)
        .contains("service-exposure-not-allowed");

    ((ArrayNode) data.get("lab").get("exposure"))
        .addObject()
        .put("namespace", "apps")
        .put("name", "n8n")
        .put("type", "NodePort")
        .put("reason", "Webhooks from the LAN.");
    ((ArrayNode) data.get("lab").get("network").get("metallbPools")).add("192.168.2.128/25");
    evaluator.setData(data.toString());
    assertThat(evaluator.evaluate(service)).isEmpty();
  }

  @Test
  void violationsCarryTheContractFields() {
    PolicyEvaluator evaluator = module.newEvaluator();
    evaluator.setData(TestResources.data().toString());

    List<Violation> violations =
        evaluator.evaluate(input("reliability/prometheus-retention-unset"));

    assertThat(violations)
        .containsExactly(
            new Violation(
                "prometheus-retention-unset",
                "warning",
                "values file kube-prometheus-stack/values-homelab.yaml leaves Prometheus retention at the chart default",
                List.of("prometheus", "prometheusSpec")));
  }

  @Test
  void evaluationIsThreadSafeAcrossTwoThreads() throws Exception {
    PolicyEvaluator evaluator = module.newEvaluator();
    evaluator.setData(TestResources.data().toString());
    Map<String, JsonNode> cases = TestResources.cases();
    List<String> names = new ArrayList<>();
    cases.forEach(
        (name, c) -> {
          if (!c.has("index")) {
            names.add(name);
          }
        });
    Map<String, List<String>> expected = new HashMap<>();
    for (String name : names) {
      expected.put(
          name,
          PolicyCasesTest.findings(evaluator.evaluate(cases.get(name).get("input").toString())));
    }

    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int offset = t;
      Callable<Integer> worker =
          () -> {
            start.await();
            int checked = 0;
            for (int round = 0; round < 10; round++) {
              for (int i = 0; i < names.size(); i++) {
                // The threads walk the cases in different orders so they overlap on different
                // inputs.
                String name = names.get((i * (offset + 1) + round) % names.size());
                List<String> actual =
                    PolicyCasesTest.findings(
                        evaluator.evaluate(cases.get(name).get("input").toString()));
                assertThat(actual).as(name).isEqualTo(expected.get(name));
                checked++;
              }
            }
            return checked;
          };
      results.add(pool.submit(worker));
    }
    start.countDown();
    int total = 0;
    for (Future<Integer> result : results) {
      total += result.get(2, TimeUnit.MINUTES);
    }

    assertThat(total).isEqualTo(2 * 10 * names.size());
    assertThat(module.idleInstances()).isBetween(1, 2);
  }

  @Test
  void evaluateRequiresData() {
    PolicyEvaluator evaluator = module.newEvaluator();

    assertThatThrownBy(() -> evaluator.evaluate(input("tls/clean-ingress")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("setData");
  }

  @Test
  void dataMustBeAJsonObject() {
    PolicyEvaluator evaluator = module.newEvaluator();

    assertThatThrownBy(() -> evaluator.setData("[1, 2]")).isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> evaluator.setData("{\"lab\": ")).isInstanceOf(PolicyException.class);
  }

  @Test
  void aBrokenInputFailsThatEvaluationOnly() {
    PolicyEvaluator evaluator = module.newEvaluator();
    evaluator.setData(TestResources.data().toString());

    assertThatThrownBy(() -> evaluator.evaluate("{\"kind\": \"manifest\", \"resource\": "))
        .isInstanceOf(PolicyException.class);
    assertThat(evaluator.evaluate(input("images/latest-and-untagged")))
        .extracting(Violation::rule)
        .containsExactlyInAnyOrder("image-tag-latest", "image-untagged");
  }

  @Test
  void nonAsciiInputSurvivesTheRoundTrip() {
    PolicyEvaluator evaluator = module.newEvaluator();
    evaluator.setData(TestResources.data().toString());
    ObjectNode input =
        (ObjectNode) TestResources.json("cases/reliability/missing-probes.json").get("input");
    ((ObjectNode)
            input.get("resource").get("spec").get("template").get("spec").get("containers").get(0))
        .put("name", "überwachung-✓");

    assertThat(evaluator.evaluate(input.toString()))
        .extracting(Violation::message)
        .contains("DaemonSet app-server: container überwachung-✓ has no liveness probe");
  }
}
