# METADATA
# title: Rule catalogue
# description: >-
#   Build-time only (scripts/build-policy-wasm.sh): turns the output of `opa inspect -a` into
#   rules.json and lists every METADATA problem that must fail the build.
package homelab.build.catalog

rule_annotations contains a if {
	some a in input.annotations
	a.annotations.scope == "rule"
}

# data.homelab.policies.tls.deny -> homelab.policies.tls
package_of(path) := concat(".", [p.value | some i, p in path; i > 0; i < count(path) - 1])

rule_name(path) := path[count(path) - 1].value

entry(a) := object.union(
	{
		"id": a.annotations.custom.id,
		"title": a.annotations.title,
		"description": a.annotations.description,
		"severity": a.annotations.custom.severity,
		"remediation": a.annotations.custom.remediation,
		"package": package_of(a.path),
	},
	restates(a),
)

# custom.restates names the validator rule whose finding check keeps where both report one fact.
restates(a) := {"restates": a.annotations.custom.restates} if is_string(a.annotations.custom.restates)

else := {}

rules := [entry(by_id[id]) | some id in sort(object.keys(by_id))]

by_id[a.annotations.custom.id] := a if some a in rule_annotations

expected_severity := {"deny": "error", "warn": "warning"}

problems contains sprintf("%s:%d: rule has no custom.id", [a.location.file, a.location.row]) if {
	some a in rule_annotations
	not a.annotations.custom.id
}

problems contains sprintf("%s:%d: id %s is not kebab-case", [a.location.file, a.location.row, id]) if {
	some a in rule_annotations
	id := a.annotations.custom.id
	not regex.match(`^[a-z0-9]+(-[a-z0-9]+)*$`, id)
}

problems contains sprintf("%s:%d: %s restates %s, which is not a kebab-case id of another rule", [a.location.file, a.location.row, id, object.get(a.annotations.custom, "restates", null)]) if {
	some a in rule_annotations
	id := a.annotations.custom.id
	"restates" in object.keys(a.annotations.custom)
	not other_rule_id(a.annotations.custom.restates, id)
}

other_rule_id(restated, id) if {
	is_string(restated)
	regex.match(`^[a-z0-9]+(-[a-z0-9]+)*$`, restated)
	restated != id
}

problems contains sprintf("%s:%d: id %s is used more than once", [a.location.file, a.location.row, id]) if {
	some a in rule_annotations
	id := a.annotations.custom.id
	count([b | some b in rule_annotations; b.annotations.custom.id == id]) > 1
}

problems contains sprintf("%s:%d: %s lacks %s", [a.location.file, a.location.row, object.get(a.annotations, ["custom", "id"], "rule"), field]) if {
	some a in rule_annotations
	some field in ["title", "description"]
	not non_empty(object.get(a.annotations, field, ""))
}

problems contains sprintf("%s:%d: %s lacks custom.%s", [a.location.file, a.location.row, object.get(a.annotations, ["custom", "id"], "rule"), field]) if {
	some a in rule_annotations
	some field in ["severity", "remediation"]
	not non_empty(object.get(a.annotations, ["custom", field], ""))
}

problems contains sprintf("%s:%d: remediation of %s does not end with a period", [a.location.file, a.location.row, object.get(a.annotations, ["custom", "id"], "rule")]) if {
	some a in rule_annotations
	not endswith(object.get(a.annotations, ["custom", "remediation"], ""), ".")
}

problems contains sprintf("%s:%d: %s is a %s rule but declares severity %s", [a.location.file, a.location.row, a.annotations.custom.id, name, a.annotations.custom.severity]) if {
	some a in rule_annotations
	name := rule_name(a.path)
	expected_severity[name] != a.annotations.custom.severity
}

problems contains sprintf("%s:%d: METADATA on %s, which the entry point does not collect", [a.location.file, a.location.row, rule_name(a.path)]) if {
	some a in rule_annotations
	not expected_severity[rule_name(a.path)]
}

non_empty(s) if {
	is_string(s)
	trim_space(s) != ""
}
