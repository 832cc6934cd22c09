package homelab.policies.reliability_test

import data.homelab.policies.reliability
import data.homelab.test.fixtures

test_probed_deployment_passes if {
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [fixtures.good_container]))) == set()
}

test_missing_probes if {
	c := object.remove(fixtures.good_container, ["livenessProbe", "readinessProbe"])
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [fixtures.good_container, c]))) == {
		["container-liveness-probe-missing", ["spec", "template", "spec", "containers", 1]],
		["container-readiness-probe-missing", ["spec", "template", "spec", "containers", 1]],
	}
}

test_daemonset_missing_readiness if {
	d := json.patch(fixtures.deployment("monitoring", [object.remove(fixtures.good_container, ["readinessProbe"])]), [{"op": "replace", "path": "/kind", "value": "DaemonSet"}])
	fixtures.run(fixtures.manifest(d)) == {["container-readiness-probe-missing", ["spec", "template", "spec", "containers", 0]]}
}

test_init_containers_and_jobs_need_no_probes if {
	bare := object.remove(fixtures.good_container, ["livenessProbe", "readinessProbe"])
	d := json.patch(fixtures.deployment("apps", [fixtures.good_container]), [{"op": "add", "path": "/spec/template/spec/initContainers", "value": [bare]}])
	job := {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "migrate", "namespace": "apps"}, "spec": {"template": {"spec": {"containers": [bare]}}}}
	fixtures.run(fixtures.manifest(d)) == set()
	fixtures.run(fixtures.manifest(job)) == set()
}

# A sidecar is an init container with restartPolicy Always: it runs for the pod's whole life and takes probes.
test_sidecars_need_probes if {
	bare := object.remove(fixtures.good_container, ["livenessProbe", "readinessProbe"])
	sidecar := object.union(bare, {"name": "proxy", "restartPolicy": "Always"})
	d := json.patch(fixtures.deployment("apps", [fixtures.good_container]), [{"op": "add", "path": "/spec/template/spec/initContainers", "value": [bare, sidecar]}])
	fixtures.run(fixtures.manifest(d)) == {
		["container-liveness-probe-missing", ["spec", "template", "spec", "initContainers", 1]],
		["container-readiness-probe-missing", ["spec", "template", "spec", "initContainers", 1]],
	}
}

loki_values(retention, enabled) := {"loki": {
	"limits_config": {"retention_period": retention},
	"compactor": {"retention_enabled": enabled, "delete_request_store": "filesystem"},
}}

test_loki_with_lab_retention_passes if {
	fixtures.run(fixtures.values("loki", "monitoring", loki_values("168h", true))) == set()
}

test_loki_retention_in_days_is_equivalent if {
	fixtures.run(fixtures.values("loki", "monitoring", loki_values("7d", true))) == set()
}

# Loki reads retention_period as a Prometheus duration, which may mix units or count minutes or seconds.
test_loki_retention_in_other_units_is_equivalent if {
	every retention in ["10080m", "604800s", "6d24h", "1w", "168h0m0s", "7d0h0m0s0ms"] {
		reliability.same_duration(retention, "168h")
	}
}

# A bare 0 is the one duration without a unit; Loki reads it as keeping logs for ever.
test_loki_retention_zero_is_a_duration_but_not_the_lab_retention if {
	reliability.same_duration("0", "0s")
	not reliability.same_duration("0", "168h")
}

test_loki_retention_malformed_or_different if {
	every retention in ["24h6d", "168hh", "h", "7 d", "", "10081m", "1y", "168h1ms", "-168h", "1.5w", "168H"] {
		not reliability.same_duration(retention, "168h")
	}
}

test_loki_with_other_retention if {
	fixtures.run(fixtures.values("loki", "monitoring", loki_values("720h", true))) == {["loki-retention-mismatch", ["loki", "limits_config", "retention_period"]]}
}

test_loki_without_retention if {
	fixtures.run(fixtures.values("loki", "monitoring", {"loki": {"compactor": {"retention_enabled": true}}})) == {["loki-retention-mismatch", ["loki"]]}
}

test_loki_without_compactor_retention if {
	fixtures.run(fixtures.values("loki", "monitoring", loki_values("168h", false))) == {["loki-retention-disabled", ["loki", "compactor", "retention_enabled"]]}
}

test_loki_rules_only_apply_to_loki if {
	fixtures.run(fixtures.values("grafana", "monitoring", {"loki": {}})) == set()
}

test_prometheus_retention_set_passes if {
	fixtures.run(fixtures.values("kube-prometheus-stack", "monitoring", {"prometheus": {"prometheusSpec": {"retention": "15d"}}})) == set()
}

test_prometheus_retention_unset_is_a_warning if {
	result := fixtures.violations(fixtures.values("kube-prometheus-stack", "monitoring", {"prometheus": {"prometheusSpec": {"replicas": 1}}}))
	{[v.rule, v.severity, v.path] | some v in result} == {["prometheus-retention-unset", "warning", ["prometheus", "prometheusSpec"]]}
}

test_loki_retention_of_wrong_type if {
	some v in fixtures.violations(fixtures.values("loki", "monitoring", loki_values(0, true)))
	v.rule == "loki-retention-mismatch"
	v.msg == "values file component/values-homelab.yaml keeps Loki logs for 0 instead of 168h"
}
