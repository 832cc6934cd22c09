# METADATA
# title: Entry point
# description: >-
#   Collects the deny (error) and warn (warning) rules of every package under homelab.policies into
#   one set of violations per document: {rule, severity, msg, path}.
package homelab.main

import data.homelab.policies

violations contains object.union(v, {"severity": "error"}) if some v in denies

violations contains object.union(v, {"severity": "warning"}) if some v in warns

# Listed one by one because iterating data.homelab.policies[_] evaluates every helper rule of every
# package and costs a third more per document in Wasm; main_test checks both lists are complete.
aggregated := {"images", "reliability", "resources", "secrets", "storage", "tailscale", "tls"}

aggregated_warn := {"reliability", "secrets", "tailscale"}

# The kinds these policies look up in data.index. The engine indexes only these for the bundled
# policy, since parsing an index of every object costs each Wasm instance more than evaluating a
# thousand documents; RuleCatalogTest fails when a policy reads a kind missing here.
index_kinds := {"Certificate", "ClusterIssuer", "Gateway", "HelmChartConfig", "Ingress", "Issuer", "Middleware", "Namespace", "TLSOption"}

# Each package is routed by its applies rule, so a document only pays for the packages that look at
# its kind; without routing, an unrelated custom resource costs as much as a Deployment. The test
# fixtures evaluate every input both ways (unrouted below) and require the same violations.
denies contains v if {
	policies.images.applies
	some v in policies.images.deny
}

denies contains v if {
	policies.reliability.applies
	some v in policies.reliability.deny
}

denies contains v if {
	policies.resources.applies
	some v in policies.resources.deny
}

denies contains v if {
	policies.secrets.applies
	some v in policies.secrets.deny
}

denies contains v if {
	policies.storage.applies
	some v in policies.storage.deny
}

denies contains v if {
	policies.tailscale.applies
	some v in policies.tailscale.deny
}

denies contains v if {
	policies.tls.applies
	some v in policies.tls.deny
}

warns contains v if {
	policies.secrets.applies
	some v in policies.secrets.warn
}

warns contains v if {
	policies.reliability.applies
	some v in policies.reliability.warn
}

warns contains v if {
	policies.tailscale.applies
	some v in policies.tailscale.warn
}

# Every package's rules whatever the document, for the tests that prove the routing loses nothing.
unrouted_violations contains object.union(v, {"severity": "error"}) if {
	some v in ((((((policies.images.deny | policies.reliability.deny) | policies.resources.deny) | policies.secrets.deny) | policies.storage.deny) | policies.tailscale.deny) | policies.tls.deny)
}

unrouted_violations contains object.union(v, {"severity": "warning"}) if {
	some v in ((policies.secrets.warn | policies.reliability.warn) | policies.tailscale.warn)
}
