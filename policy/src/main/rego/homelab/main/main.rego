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

aggregated_warn := {"reliability", "secrets"}

denies := (((((policies.images.deny | policies.reliability.deny) | policies.resources.deny) | policies.secrets.deny) | policies.storage.deny) | policies.tailscale.deny) | policies.tls.deny

warns := policies.secrets.warn | policies.reliability.warn
