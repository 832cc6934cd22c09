package homelab.policies.resources_test

import data.homelab.test.fixtures

containers_path := ["spec", "template", "spec", "containers"]

test_complete_container_passes if {
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [fixtures.good_container]))) == set()
}

test_missing_requests_and_limit_reported_at_nearest_parent if {
	c := object.remove(fixtures.good_container, ["resources"])
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [c]))) == {
		["container-cpu-request-missing", array.concat(containers_path, [0])],
		["container-memory-request-missing", array.concat(containers_path, [0])],
		["container-memory-limit-missing", array.concat(containers_path, [0])],
	}
}

test_missing_cpu_request_only if {
	c := json.patch(fixtures.good_container, [{"op": "remove", "path": "/resources/requests/cpu"}])
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [c]))) == {["container-cpu-request-missing", array.concat(containers_path, [0, "resources", "requests"])]}
}

test_missing_memory_limit_with_empty_limits if {
	c := json.patch(fixtures.good_container, [{"op": "replace", "path": "/resources/limits", "value": {}}])
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [c]))) == {["container-memory-limit-missing", array.concat(containers_path, [0, "resources", "limits"])]}
}

test_init_container_of_cronjob_is_checked if {
	cronjob := {
		"apiVersion": "batch/v1",
		"kind": "CronJob",
		"metadata": {"name": "postgres-backup", "namespace": "data"},
		"spec": {"jobTemplate": {"spec": {"template": {"spec": {
			"initContainers": [{"name": "wait", "image": "busybox:1.36", "resources": {"requests": {"cpu": "10m"}, "limits": {"memory": "16Mi"}}}],
			"containers": [object.remove(fixtures.good_container, ["livenessProbe", "readinessProbe"])],
		}}}}},
	}
	fixtures.run(fixtures.manifest(cronjob)) == {[
		"container-memory-request-missing",
		["spec", "jobTemplate", "spec", "template", "spec", "initContainers", 0, "resources", "requests"],
	]}
}

test_bare_pod_is_checked if {
	pod := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "debug", "namespace": "apps"}, "spec": {"containers": [{"name": "sh", "image": "busybox:1.36"}]}}
	fixtures.run(fixtures.manifest(pod)) == {
		["container-cpu-request-missing", ["spec", "containers", 0]],
		["container-memory-request-missing", ["spec", "containers", 0]],
		["container-memory-limit-missing", ["spec", "containers", 0]],
	}
}

test_request_within_profile_max_passes if {
	c := json.patch(fixtures.good_container, [{"op": "replace", "path": "/resources/requests/cpu", "value": "1"}])
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [c]))) == set()
}

test_request_above_profile_max if {
	c := json.patch(fixtures.good_container, [{"op": "replace", "path": "/resources/requests/cpu", "value": "1500m"}])
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [c]))) == {["container-resources-above-profile-max", array.concat(containers_path, [0, "resources", "requests", "cpu"])]}
}

test_limit_above_profile_max_in_binary_units if {
	c := json.patch(fixtures.good_container, [{"op": "replace", "path": "/resources/limits/memory", "value": "1025Mi"}])
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [c]))) == {["container-resources-above-profile-max", array.concat(containers_path, [0, "resources", "limits", "memory"])]}
}

test_numeric_cpu_request_is_compared if {
	c := json.patch(fixtures.good_container, [{"op": "replace", "path": "/resources/requests/cpu", "value": 2}])
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [c]))) == {["container-resources-above-profile-max", array.concat(containers_path, [0, "resources", "requests", "cpu"])]}
}

test_max_message_names_profile if {
	c := json.patch(fixtures.good_container, [{"op": "replace", "path": "/resources/requests/memory", "value": "2Gi"}])
	some v in fixtures.violations(fixtures.manifest(fixtures.deployment("apps", [c])))
	v.msg == "Deployment app-server: container app memory request 2Gi is above the memory maximum 1Gi of profile small"
	v.severity == "error"
}

test_gpu_allowed_in_gpu_profile if {
	c := json.patch(fixtures.good_container, [{"op": "add", "path": "/resources/limits/nvidia.com~1gpu", "value": "1"}])
	fixtures.run(fixtures.manifest(fixtures.deployment("ml", [c]))) == set()
}

test_gpu_outside_gpu_profile if {
	c := json.patch(fixtures.good_container, [{"op": "add", "path": "/resources/limits/nvidia.com~1gpu", "value": "1"}])
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [c]))) == {["gpu-request-outside-gpu-profile", array.concat(containers_path, [0, "resources", "limits", "nvidia.com/gpu"])]}
}

test_gpu_in_unknown_namespace if {
	c := json.patch(fixtures.good_container, [{"op": "add", "path": "/resources/requests/nvidia.com~1gpu", "value": "1"}])
	fixtures.run(fixtures.manifest(fixtures.deployment("elsewhere", [c]))) == {["gpu-request-outside-gpu-profile", array.concat(containers_path, [0, "resources", "requests", "nvidia.com/gpu"])]}
}

test_values_resources_within_the_profile_pass if {
	v := {"server": {"resources": {"requests": {"cpu": "500m", "memory": "2Gi"}, "limits": {"memory": "4Gi"}}}}
	fixtures.run(fixtures.values("postgresql", "data", v)) == set()
}

test_values_resources_above_the_profile_max if {
	v := {"primary": {"resources": {"requests": {"cpu": "500m"}, "limits": {"memory": "8Gi"}}}}
	fixtures.run(fixtures.values("postgresql", "data", v)) == {["container-resources-above-profile-max", ["primary", "resources", "limits", "memory"]]}
	some f in fixtures.violations(fixtures.values("postgresql", "data", v))
	f.msg == "values file component/values-homelab.yaml key primary.resources: memory limit 8Gi is above the memory maximum 4Gi of profile stateful"
}

test_values_resources_that_are_no_object_are_ignored if {
	v := {"resources": ["cpu"], "metrics": {"resources": "auto"}}
	fixtures.run(fixtures.values("postgresql", "data", v)) == set()
}

test_values_gpu_outside_a_gpu_profile if {
	v := {"resources": {"limits": {"nvidia.com/gpu": 1}}}
	fixtures.run(fixtures.values("ollama", "apps", v)) == {["gpu-request-outside-gpu-profile", ["resources", "limits", "nvidia.com/gpu"]]}
	fixtures.run(fixtures.values("ollama", "ml", v)) == set()
	some f in fixtures.violations(fixtures.values("ollama", "apps", v))
	f.msg == "values file component/values-homelab.yaml key resources asks for nvidia.com/gpu in namespace apps, whose profile does not allow GPUs"
}
