package homelab.main_test

import data.homelab.test.fixtures

test_violations_carry_the_contract_fields if {
	c := object.remove(fixtures.good_container, ["readinessProbe"])
	result := fixtures.violations(fixtures.manifest(fixtures.deployment("apps", [c])))
	result == {{
		"rule": "container-readiness-probe-missing",
		"severity": "error",
		"msg": "Deployment app-server: container app has no readiness probe",
		"path": ["spec", "template", "spec", "containers", 0],
	}}
}

test_warn_rules_become_warnings if {
	result := fixtures.violations(fixtures.values("kube-prometheus-stack", "monitoring", {}))
	{v.severity | some v in result} == {"warning"}
}

test_cluster_scoped_resource_without_namespace if {
	issuer := {"apiVersion": "cert-manager.io/v1", "kind": "ClusterIssuer", "metadata": {"name": "letsencrypt-production"}, "spec": {"acme": {}}}
	fixtures.run(fixtures.manifest(issuer)) == set()
}

# Each looks up only the deny or warn rules: reading data.homelab.policies whole would also run every
# test of every _test package, which under opa test --coverage outlasts the five-second test timeout.
test_every_policy_package_is_aggregated if {
	packages := {name | some name; data.homelab.policies[name].deny}
	packages == data.homelab.main.aggregated
}

test_every_warn_rule_is_aggregated if {
	with_warn := {name | some name; data.homelab.policies[name].warn}
	with_warn == data.homelab.main.aggregated_warn
}

# The fixtures give the policies the index the engine sends the bundled policy: only index_kinds.
test_the_fixture_index_holds_only_the_declared_kinds if {
	{kind | some kind, _ in fixtures.index} == data.homelab.main.index_kinds
}

test_a_values_file_is_not_a_manifest if {
	data.homelab.lib.k8s.manifest == false with input as {"kind": "values"}
	data.homelab.lib.k8s.values with input as {"kind": "values"}
}
