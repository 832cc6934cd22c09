# Helpers shared by the policies: where workloads keep their containers, and how
# to name the nearest existing node when a required field is missing.
package homelab.lib.k8s

# Path of the pod spec inside each workload kind.
pod_spec_paths := {
	"Pod": ["spec"],
	"Deployment": ["spec", "template", "spec"],
	"StatefulSet": ["spec", "template", "spec"],
	"DaemonSet": ["spec", "template", "spec"],
	"ReplicaSet": ["spec", "template", "spec"],
	"ReplicationController": ["spec", "template", "spec"],
	"Job": ["spec", "template", "spec"],
	"CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
}

# Workloads that run until stopped, so they need probes.
long_running_kinds := {"Deployment", "StatefulSet", "DaemonSet"}

# The defaults keep these defined, so Wasm memoizes them instead of re-deriving "no" on every use.
default manifest := false

manifest if input.kind == "manifest"

default values := false

values if input.kind == "values"

kind := input.resource.kind if manifest

# Whether data.index holds every object of the lab tree. The engine sets data.run.wholeTree to false
# when the run loaded only some files of the tree (a file named outside it with --config, standard
# input not placed in it) or a file of the tree did not load, so a rule that concludes an object is
# missing from the index must conclude nothing: the object may be in a file the run did not see.
default whole_tree := true

whole_tree := false if data.run.wholeTree == false

# The API groups of the custom kinds the policies read: a kind of the same name from another group
# (an AWS ACM Certificate, say) is another resource, which the rules neither judge nor count.
custom_kind_groups := {
	"Certificate": {"cert-manager.io"},
	"ClusterIssuer": {"cert-manager.io"},
	"Issuer": {"cert-manager.io"},
	"HelmChartConfig": {"helm.cattle.io"},
	"IngressRoute": traefik_groups,
	"Middleware": traefik_groups,
	"TLSOption": traefik_groups,
}

# Traefik v3 serves its kinds from traefik.io, and still reads v2's traefik.containo.us.
traefik_groups := {"traefik.io", "traefik.containo.us"}

# Whether obj, the document under check or an object of data.index, is kind from that kind's group.
is_kind(obj, kind) if {
	obj.kind == kind
	some group in custom_kind_groups[kind]
	startswith(obj.apiVersion, concat("", [group, "/"]))
}

# The document that violation paths are relative to.
document := input.resource if manifest

document := input.values if values

name := object.get(input.resource, ["metadata", "name"], "")

annotations := object.get(input.resource, ["metadata", "annotations"], {})

# Name of the namespace's resource profile, for messages.
profile_name := object.get(input, ["namespaceConfig", "profile"], "(unnamed)")

# Namespace of the document under check ("" for cluster-scoped kinds).
namespace := object.get(input, "namespace", "")

pod_spec_path := pod_spec_paths[kind]

# A manifest of a kind that runs containers.
default workload := false

workload if pod_spec_path

pod_spec := spec if {
	spec := object.get(input.resource, pod_spec_path, null)
	is_object(spec)
}

# Regular and init containers, each with its path; ephemeral ones carry no resources or probes.
# Arrays rather than sets: Wasm finds the next element of a set by hashing the current one, and
# hashing whole container objects was most of a Deployment's evaluation.
containers := [{"path": array.concat(pod_spec_path, [field, i]), "container": c, "name": object.get(c, "name", "(unnamed)"), "init": field == "initContainers"} |
	some field in ["containers", "initContainers"]
	some i, c in pod_spec[field]
]

# Every container including ephemeral ones, for checks on what runs (images, host ports).
all_containers := array.concat(containers, [{"path": array.concat(pod_spec_path, ["ephemeralContainers", i]), "container": c, "name": object.get(c, "name", "(unnamed)"), "init": false} |
	some i, c in pod_spec.ephemeralContainers
])

# The longest prefix of path that exists in doc, so a missing field is reported at its parent.
nearest(doc, path) := array.slice(path, 0, n) if {
	n := max({i |
		some i in numbers.range(0, count(path))
		object.get(doc, array.slice(path, 0, i), _missing) != _missing
	})
}

_missing := "\u0000homelab-missing"

# A path as people read it in messages: keys joined by dots, indices in brackets.
dotted(path) := concat("", [path_element(i, p) | some i, p in path])

path_element(0, p) := p if is_string(p)

path_element(i, p) := concat("", [".", p]) if {
	i > 0
	is_string(p)
}

path_element(_, p) := concat("", ["[", json.marshal(p), "]"]) if is_number(p)

# A route host falls inside the lab domain when it is the domain or a name under it.
host_in_domain(host, domain) if lower(host) == lower(domain)

host_in_domain(host, domain) if endswith(lower(host), concat("", [".", lower(domain)]))

# Hosts named by a Traefik match expression, such as Host(`a.example.com`) || HostSNI(`b.example.com`).
# Plain string functions rather than regex: compiling a pattern costs more than the whole rule in Wasm.
match_hosts(expr) := {trim_space(token) |
	some marker in ["Host(", "HostSNI("]
	some i, call in split(expr, marker)
	i > 0
	arguments := substring(call, 0, indexof(call, ")"))
	some j, token in split(replace(arguments, "\"", "`"), "`")
	j % 2 == 1
}

# units.parse turns Kubernetes quantities (500m, 1.5Gi, 1e3) into numbers; it is undefined for anything else.
quantity(q) := units.parse(q) if is_string(q)

# YAML numbers (cpu: 2) arrive as JSON numbers, which are already in base units.
quantity(q) := q if is_number(q)
