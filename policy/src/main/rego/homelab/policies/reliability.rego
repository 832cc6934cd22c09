# METADATA
# title: Reliability
# description: >-
#   Long-running workloads tell Kubernetes when they are alive and ready, and the observability
#   stack keeps the history the lab promises.
package homelab.policies.reliability

import data.homelab.lib.k8s

# main evaluates this package only for the documents it inspects: workloads and Helm values.
applies if k8s.workload

applies if k8s.values

long_running_containers := [c |
	k8s.kind in k8s.long_running_kinds
	some c in k8s.containers
	long_running(c)
]

long_running(c) if not c.init

# A sidecar (an init container with restartPolicy Always) runs beside the others for the pod's whole life.
long_running(c) if c.container.restartPolicy == "Always"

# METADATA
# title: Container without a liveness probe
# description: >-
#   Every container of a Deployment, StatefulSet or DaemonSet, sidecars (init containers with
#   restartPolicy Always) included, has a livenessProbe, so Kubernetes restarts it when it hangs and
#   the lab recovers without the operator.
# custom:
#   id: container-liveness-probe-missing
#   severity: error
#   remediation: Add a livenessProbe (httpGet, tcpSocket, grpc or exec) that fails only when a restart would help.
deny contains {"rule": "container-liveness-probe-missing", "msg": msg, "path": c.path} if {
	some c in long_running_containers
	not c.container.livenessProbe
	msg := sprintf("%s %s: container %s has no liveness probe", [k8s.kind, k8s.name, c.name])
}

# METADATA
# title: Container without a readiness probe
# description: >-
#   Every container of a Deployment, StatefulSet or DaemonSet, sidecars (init containers with
#   restartPolicy Always) included, has a readinessProbe, so its Service sends traffic only once it
#   can answer.
# custom:
#   id: container-readiness-probe-missing
#   severity: error
#   remediation: Add a readinessProbe that succeeds once the container can serve requests.
deny contains {"rule": "container-readiness-probe-missing", "msg": msg, "path": c.path} if {
	some c in long_running_containers
	not c.container.readinessProbe
	msg := sprintf("%s %s: container %s has no readiness probe", [k8s.kind, k8s.name, c.name])
}

chart_name := input.chart.name if k8s.values

loki_retention_path := ["loki", "limits_config", "retention_period"]

# Milliseconds per unit of a Prometheus duration, which is how Loki reads retention_period, and each
# unit's rank: the units of one duration appear in this order, each at most once.
duration_unit_ms := {"y": 31536000000, "w": 604800000, "d": 86400000, "h": 3600000, "m": 60000, "s": 1000, "ms": 1}

duration_unit_rank := {"y": 1, "w": 2, "d": 3, "h": 4, "m": 5, "s": 6, "ms": 7}

# A duration such as 168h, 7d, 1w, 10080m or 6d24h in milliseconds, so equal spans compare equal.
# Plain string functions rather than regex, as in k8s.match_hosts.
duration_ms("0") := 0

duration_ms(d) := ms if {
	is_string(d)
	count(d) > 0
	digit_at(d, 0)
	starts := [i | some i in numbers.range(0, count(d) - 1); token_start(d, i)]
	bounds := array.concat(starts, [count(d)])
	tokens := [substring(d, s, bounds[k + 1] - s) | some k, s in starts]
	count(tokens) % 2 == 0
	ranks := [duration_unit_rank[unit] | some k, unit in tokens; k % 2 == 1]
	count(ranks) * 2 == count(tokens)
	not out_of_order(ranks)
	ms := sum([(to_number(tokens[k - 1]) * duration_unit_ms[unit]) | some k, unit in tokens; k % 2 == 1])
}

digit_at(d, i) := contains("0123456789", substring(d, i, 1))

# Tokens alternate between runs of digits and runs of unit letters.
token_start(_, 0)

token_start(d, i) if {
	i > 0
	digit_at(d, i) != digit_at(d, i - 1)
}

out_of_order(ranks) if {
	some k, rank in ranks
	k > 0
	ranks[k - 1] >= rank
}

# METADATA
# title: Loki log retention differs from the lab's
# description: >-
#   The grafana/loki chart values keep logs for exactly observability.logRetention (7 days by
#   default) with loki.limits_config.retention_period, so disk use and history match the promise.
# custom:
#   id: loki-retention-mismatch
#   severity: error
#   remediation: Set loki.limits_config.retention_period to the lab's observability.logRetention, such as 168h.
deny contains {"rule": "loki-retention-mismatch", "msg": msg, "path": path} if {
	chart_name == "loki"
	retention := object.get(input.values, loki_retention_path, null)
	not same_duration(retention, data.lab.observability.logRetention)
	path := k8s.nearest(input.values, loki_retention_path)
	msg := sprintf("values file %s keeps Loki logs for %s instead of %s", [input.file, describe(retention), data.lab.observability.logRetention])
}

same_duration(a, b) if a == b

same_duration(a, b) if {
	is_string(a)
	duration_ms(a) == duration_ms(b)
}

describe(null) := "the chart default (forever)"

describe(v) := v if is_string(v)

describe(v) := json.marshal(v) if {
	v != null
	not is_string(v)
}

loki_compactor_path := ["loki", "compactor", "retention_enabled"]

# METADATA
# title: Loki retention not enforced
# description: >-
#   Loki deletes old logs only when its compactor has retention enabled; without it the retention
#   period is recorded but never applied.
# custom:
#   id: loki-retention-disabled
#   severity: error
#   remediation: Set loki.compactor.retention_enabled to true (and loki.compactor.delete_request_store to the storage type).
deny contains {"rule": "loki-retention-disabled", "msg": msg, "path": path} if {
	chart_name == "loki"
	object.get(input.values, loki_compactor_path, false) != true
	path := k8s.nearest(input.values, loki_compactor_path)
	msg := sprintf("values file %s does not enable the Loki compactor's retention", [input.file])
}

prometheus_retention_path := ["prometheus", "prometheusSpec", "retention"]

# METADATA
# title: Prometheus retention not set
# description: >-
#   The kube-prometheus-stack values set prometheus.prometheusSpec.retention, so metrics history is
#   a decision rather than the chart default. Advisory, because the default (10d) is still bounded.
# custom:
#   id: prometheus-retention-unset
#   severity: warning
#   remediation: Set prometheus.prometheusSpec.retention, such as 15d, sized to the Prometheus volume.
warn contains {"rule": "prometheus-retention-unset", "msg": msg, "path": path} if {
	chart_name == "kube-prometheus-stack"
	retention := object.get(input.values, prometheus_retention_path, "")
	not non_empty_string(retention)
	path := k8s.nearest(input.values, prometheus_retention_path)
	msg := sprintf("values file %s leaves Prometheus retention at the chart default", [input.file])
}

non_empty_string(s) if {
	is_string(s)
	trim_space(s) != ""
}
