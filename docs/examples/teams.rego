# METADATA
# title: Team ownership
package homelab.custom.teams

# METADATA
# title: Deployment without team label
# description: Every Deployment names the team that owns it.
# custom:
#   id: deployment-team-missing
#   severity: warning
#   remediation: Add the label team.
warn contains {"rule": "deployment-team-missing", "msg": msg, "path": ["metadata", "labels"]} if {
	input.kind == "manifest"
	input.resource.kind == "Deployment"
	not input.resource.metadata.labels.team
	msg := sprintf("Deployment %s has no team label", [input.resource.metadata.name])
}
