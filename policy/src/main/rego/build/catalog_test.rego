package homelab.build.catalog_test

import data.homelab.build.catalog

annotation(rule, fields) := {
	"annotations": object.union({"scope": "rule", "title": "T", "description": "D", "custom": {"id": "some-rule", "severity": "error", "remediation": "Fix it."}}, fields),
	"location": {"file": "p.rego", "row": 3, "col": 1},
	"path": [{"type": "var", "value": "data"}, {"type": "string", "value": "homelab"}, {"type": "string", "value": "policies"}, {"type": "string", "value": "x"}, {"type": "string", "value": rule}],
}

test_catalog_entry if {
	catalog.rules == [{"id": "some-rule", "title": "T", "description": "D", "severity": "error", "remediation": "Fix it.", "package": "homelab.policies.x"}] with input as {"annotations": [annotation("deny", {})]}
	count(catalog.problems) == 0 with input as {"annotations": [annotation("deny", {})]}
}

test_entries_are_sorted_by_id if {
	a := annotation("deny", {"custom": {"id": "b-rule", "severity": "error", "remediation": "Fix."}})
	b := annotation("warn", {"custom": {"id": "a-rule", "severity": "warning", "remediation": "Fix."}})
	[r.id | some r in catalog.rules] == ["a-rule", "b-rule"] with input as {"annotations": [a, b]}
}

test_problems if {
	bad := [
		annotation("warn", {}),
		annotation("deny", {"title": " ", "custom": {"id": "Bad_Id", "severity": "error", "remediation": "No period"}}),
		annotation("helper", {"custom": {"id": "other", "severity": "error", "remediation": "Fix."}}),
		json.remove(annotation("deny", {}), ["annotations/custom/id", "annotations/custom/remediation"]),
	]
	catalog.problems == {
		"p.rego:3: some-rule is a warn rule but declares severity error",
		"p.rego:3: id Bad_Id is not kebab-case",
		"p.rego:3: Bad_Id lacks title",
		"p.rego:3: remediation of Bad_Id does not end with a period",
		"p.rego:3: METADATA on helper, which the entry point does not collect",
		"p.rego:3: rule has no custom.id",
		"p.rego:3: rule lacks custom.remediation",
		"p.rego:3: remediation of rule does not end with a period",
	} with input as {"annotations": bad}
}

test_duplicate_ids if {
	second := json.patch(annotation("deny", {}), [{"op": "replace", "path": "/location/row", "value": 9}])
	catalog.problems == {
		"p.rego:3: id some-rule is used more than once",
		"p.rego:9: id some-rule is used more than once",
	} with input as {"annotations": [annotation("deny", {}), second]}
}

test_restates_is_carried_when_declared if {
	a := annotation("deny", {"custom": {"id": "some-rule", "severity": "error", "remediation": "Fix it.", "restates": "other-rule"}})
	catalog.rules == [{"id": "some-rule", "title": "T", "description": "D", "severity": "error", "remediation": "Fix it.", "package": "homelab.policies.x", "restates": "other-rule"}] with input as {"annotations": [a]}
	count(catalog.problems) == 0 with input as {"annotations": [a]}
}

test_restates_must_name_another_rule if {
	own := annotation("deny", {"custom": {"id": "some-rule", "severity": "error", "remediation": "Fix it.", "restates": "some-rule"}})
	bad := annotation("deny", {"custom": {"id": "some-rule", "severity": "error", "remediation": "Fix it.", "restates": ["x"]}})
	catalog.problems == {"p.rego:3: some-rule restates some-rule, which is not a kebab-case id of another rule"} with input as {"annotations": [own]}
	catalog.problems == {"p.rego:3: some-rule restates [\"x\"], which is not a kebab-case id of another rule"} with input as {"annotations": [bad]}
}
