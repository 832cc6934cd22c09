# METADATA
# title: Tailscale-only access
# description: >-
#   Nothing is reachable from outside the LAN and the tailnet: no stray LoadBalancer or NodePort,
#   every route behind the allow-list middleware, no host namespaces, no foreign hosts.
package homelab.policies.tailscale

import data.homelab.lib.k8s

# main evaluates this package only for the documents it inspects.
applies if k8s.workload

applies if k8s.kind == "Service"

applies if k8s.kind == "Ingress"

applies if k8s.kind == "IngressRoute"

applies if k8s.kind == "Middleware"

applies if gateway_route

applies if k8s.values

exposed_types := {"LoadBalancer", "NodePort"}

# Matched directly rather than by k8s.is_kind, whose group table costs every Service and
# Ingress document allocations; a Knative Service or another controller's Ingress is not judged.
service if {
	k8s.kind == "Service"
	input.resource.apiVersion == "v1"
}

ingress if {
	k8s.kind == "Ingress"
	startswith(input.resource.apiVersion, "networking.k8s.io/")
}

ingress_route if k8s.is_kind(input.resource, "IngressRoute")

# METADATA
# title: Service exposed without an allowance
# description: >-
#   A Service of type LoadBalancer or NodePort opens a port on the LAN, and one with spec.externalIPs
#   answers on node addresses past MetalLB and the allow-list, so each exists only where the lab
#   config's exposure list allows that namespace, name and type (LoadBalancer, NodePort or
#   ExternalIPs), with a reason.
# custom:
#   id: service-exposure-not-allowed
#   severity: error
#   remediation: Use a ClusterIP Service without externalIPs behind a route, or add the Service to exposure in homelab.yaml with its type (ExternalIPs for externalIPs) and the reason it must be reachable directly.
deny contains {"rule": "service-exposure-not-allowed", "msg": msg, "path": ["spec", "type"]} if {
	service
	service_type := input.resource.spec.type
	exposed_types[service_type]
	not exposure_allowed(service_type)
	msg := sprintf("Service %s/%s is of type %s without an exposure entry in the lab config", [k8s.namespace, k8s.name, service_type])
}

deny contains {"rule": "service-exposure-not-allowed", "msg": msg, "path": ["spec", "externalIPs"]} if {
	service
	addresses := input.resource.spec.externalIPs
	count(addresses) > 0
	not exposure_allowed("ExternalIPs")
	msg := sprintf(
		"Service %s/%s listens on node addresses %s (spec.externalIPs) without an exposure entry of type ExternalIPs in the lab config",
		[k8s.namespace, k8s.name, concat(", ", [sprintf("%v", [a]) | some a in addresses])],
	)
}

exposure_allowed(service_type) if {
	some e in data.lab.exposure
	e.namespace == k8s.namespace
	e.name == k8s.name
	e.type == service_type
}

lb_ip_annotations := ["metallb.io/loadBalancerIPs", "metallb.universe.tf/loadBalancerIPs"]

# Every address a Service asks MetalLB for, with the node that asks.
requested_ips contains {"ip": ip, "path": ["spec", "loadBalancerIP"]} if {
	ip := trim_space(input.resource.spec.loadBalancerIP)
	ip != ""
}

requested_ips contains {"ip": trim_space(ip), "path": ["metadata", "annotations", a]} if {
	some a in lb_ip_annotations
	some ip in split(k8s.annotations[a], ",")
	trim_space(ip) != ""
}

# METADATA
# title: LoadBalancer IP outside the MetalLB pool
# description: >-
#   An address a Service requests (spec.loadBalancerIP or MetalLB's loadBalancerIPs annotation) lies
#   in one of the lab's MetalLB pools, so MetalLB can assign it and it stays inside the LAN.
# custom:
#   id: loadbalancer-ip-outside-pool
#   severity: error
#   remediation: Pick an address from network.metallbPools in homelab.yaml, or drop the fixed address and let MetalLB choose.
deny contains {"rule": "loadbalancer-ip-outside-pool", "msg": msg, "path": r.path} if {
	service
	some r in requested_ips
	not in_pool(r.ip)
	msg := sprintf("Service %s/%s requests address %s outside the MetalLB pools %s", [k8s.namespace, k8s.name, r.ip, concat(", ", data.lab.network.metallbPools)])
}

in_pool(ip) if {
	some pool in data.lab.network.metallbPools
	contains(pool, "/")
	net.cidr_contains(pool, ip)
}

in_pool(ip) if {
	some pool in data.lab.network.metallbPools
	[low, high] := split(pool, "-")
	ip_number(trim_space(low)) <= ip_number(ip)
	ip_number(ip) <= ip_number(trim_space(high))
}

ip_number(ip) := n if {
	parts := split(ip, ".")
	count(parts) == 4
	every o in parts {
		count(o) > 0
		count(o) <= 3
		trim(o, "0123456789") == ""
	}
	octets := [to_number(o) | some o in parts]
	n := (((((octets[0] * 256) + octets[1]) * 256) + octets[2]) * 256) + octets[3]
}

# METADATA
# title: LoadBalancer open beyond the lab's networks
# description: >-
#   The source ranges a LoadBalancer Service admits (spec.loadBalancerSourceRanges) lie inside the
#   LAN or the tailnet from the lab config; a wider range such as 0.0.0.0/0 lets in whatever can
#   reach the address, a port forward on the router included.
# custom:
#   id: loadbalancer-source-range-outside-lab
#   severity: error
#   remediation: Limit spec.loadBalancerSourceRanges to network.lan and network.tailscale from homelab.yaml (or ranges inside them), or drop the field.
deny contains {"rule": "loadbalancer-source-range-outside-lab", "msg": msg, "path": ["spec", "loadBalancerSourceRanges", i]} if {
	service
	some i, source_range in input.resource.spec.loadBalancerSourceRanges
	not lab_range(source_range)
	msg := sprintf("Service %s/%s admits %v, outside the LAN %s and the tailnet %s", [k8s.namespace, k8s.name, source_range, data.lab.network.lan, data.lab.network.tailscale])
}

lab_range(source_range) if net.cidr_contains(data.lab.network.lan, trim_space(source_range))

lab_range(source_range) if net.cidr_contains(data.lab.network.tailscale, trim_space(source_range))

allow_list := data.lab.routing.allowListMiddleware

# Traefik's name for a Kubernetes CRD middleware in an Ingress annotation.
allow_list_ref := sprintf("%s-%s@kubernetescrd", [allow_list.namespace, allow_list.name])

middlewares_annotation := "traefik.ingress.kubernetes.io/router.middlewares"

# METADATA
# title: Route without the allow-list middleware
# description: >-
#   Every Ingress and every IngressRoute route passes through the lab's allow-list middleware
#   (routing.allowListMiddleware), so only the LAN and the tailnet reach it.
# custom:
#   id: route-without-allowlist
#   severity: error
#   remediation: Add the middleware to the Ingress annotation traefik.ingress.kubernetes.io/router.middlewares as <namespace>-<name>@kubernetescrd, or to each IngressRoute route's middlewares.
deny contains {"rule": "route-without-allowlist", "msg": f.msg, "path": f.path} if some f in routes_without_allow_list

routes_without_allow_list contains {"msg": msg, "path": path} if {
	ingress
	allow_list
	not allow_list_ref in {trim_space(m) | some m in split(object.get(k8s.annotations, middlewares_annotation, ""), ",")}
	path := k8s.nearest(input.resource, ["metadata", "annotations", middlewares_annotation])
	msg := sprintf("Ingress %s does not pass through the allow-list middleware %s", [k8s.name, allow_list_ref])
}

routes_without_allow_list contains {"msg": msg, "path": path} if {
	ingress_route
	allow_list
	some i, route in input.resource.spec.routes
	not route_has_allow_list(route)
	not route_names_allow_list_elsewhere(route)
	path := k8s.nearest(input.resource, ["spec", "routes", i, "middlewares"])
	msg := sprintf("IngressRoute %s route %s does not pass through the allow-list middleware %s/%s", [k8s.name, object.get(route, "match", "(no match)"), allow_list.namespace, allow_list.name])
}

# The allow-list's name in another namespace, mostly a reference that left out its namespace.
routes_without_allow_list contains {"msg": msg, "path": path} if {
	ingress_route
	allow_list
	some i, route in input.resource.spec.routes
	not route_has_allow_list(route)
	some j, m in route.middlewares
	m.name == allow_list.name
	path := k8s.nearest(input.resource, ["spec", "routes", i, "middlewares", j])
	where := middleware_namespace_text(m)
	msg := sprintf("IngressRoute %s route %s names middleware %s in %s, not the allow-list middleware %s/%s; set namespace: %s on the reference", [k8s.name, object.get(route, "match", "(no match)"), m.name, where, allow_list.namespace, allow_list.name, allow_list.namespace])
}

route_names_allow_list_elsewhere(route) if {
	some m in route.middlewares
	m.name == allow_list.name
}

middleware_namespace_text(m) := sprintf("namespace %s", [m.namespace]) if is_string(m.namespace)

else := sprintf("its own namespace %s", [k8s.namespace])

# A middleware reference without a namespace means the IngressRoute's own namespace.
route_has_allow_list(route) if {
	some m in route.middlewares
	m.name == allow_list.name
	object.get(m, "namespace", k8s.namespace) == allow_list.namespace
}

# METADATA
# title: Allow-list middleware missing
# description: >-
#   The allow-list middleware that routes refer to exists in the repository; Traefik rejects a route
#   whose middleware does not exist. A run that sees only part of the tree (a file named outside it
#   with --config, standard input not placed in it, or a file of the tree that does not load) does
#   not report it, since the Middleware may be in a file the run did not read.
# custom:
#   id: allowlist-middleware-missing
#   severity: error
#   restates: middleware-not-found
#   remediation: Add the Middleware named in routing.allowListMiddleware, with ipAllowList.sourceRange set to the LAN and Tailscale CIDRs.
deny contains {"rule": "allowlist-middleware-missing", "msg": msg, "path": path} if {
	some path in allow_list_references
	k8s.whole_tree
	not allow_list_defined
	msg := sprintf("%s %s relies on Middleware %s/%s, which the repository does not define", [k8s.kind, k8s.name, allow_list.namespace, allow_list.name])
}

allow_list_defined if k8s.is_kind(data.index.Middleware[allow_list.namespace][allow_list.name], "Middleware")

# Where the document refers to the allow-list middleware.
allow_list_references contains ["metadata", "annotations", middlewares_annotation] if {
	ingress
	allow_list_ref in {trim_space(m) | some m in split(object.get(k8s.annotations, middlewares_annotation, ""), ",")}
}

# At the reference's name, where the validator's middleware-not-found reports the same absence.
allow_list_references contains ["spec", "routes", i, "middlewares", j, "name"] if {
	ingress_route
	some i, route in input.resource.spec.routes
	some j, m in route.middlewares
	m.name == allow_list.name
	object.get(m, "namespace", k8s.namespace) == allow_list.namespace
}

# Traefik v3 calls it ipAllowList; v2's ipWhiteList still works and is checked the same way.
allow_list_field := "ipWhiteList" if {
	not input.resource.spec.ipAllowList
	input.resource.spec.ipWhiteList
} else := "ipAllowList"

# METADATA
# title: Allow-list source ranges differ from the lab networks
# description: >-
#   The allow-list middleware admits exactly the LAN and Tailscale CIDRs of the lab config: nothing
#   missing, which would lock the operator out, and nothing more, which would open the lab.
# custom:
#   id: allowlist-source-ranges-mismatch
#   severity: error
#   remediation: Set ipAllowList.sourceRange to exactly the network.lan and network.tailscale CIDRs from homelab.yaml.
deny contains {"rule": "allowlist-source-ranges-mismatch", "msg": msg, "path": path} if {
	k8s.is_kind(input.resource, "Middleware")
	allow_list
	k8s.namespace == allow_list.namespace
	k8s.name == allow_list.name
	ranges := {r | some r in object.get(input.resource, ["spec", allow_list_field, "sourceRange"], [])}
	expected := {data.lab.network.lan, data.lab.network.tailscale}
	ranges != expected
	path := k8s.nearest(input.resource, ["spec", allow_list_field, "sourceRange"])
	msg := sprintf(
		"Middleware %s/%s allows %s instead of exactly %s",
		[k8s.namespace, k8s.name, describe_ranges(ranges), describe_ranges(expected)],
	)
}

describe_ranges(ranges) := "no source range" if count(ranges) == 0

describe_ranges(ranges) := concat(", ", sort(ranges)) if count(ranges) > 0

host_fields := ["hostNetwork", "hostPID", "hostIPC"]

# METADATA
# title: Pod shares a host namespace
# description: >-
#   Outside kube-system no pod uses the node's network, process or IPC namespace (hostNetwork,
#   hostPID, hostIPC), which would bypass Traefik and the allow-list and expose the node.
# custom:
#   id: host-namespace-outside-kube-system
#   severity: error
#   remediation: Remove hostNetwork, hostPID and hostIPC, and reach the workload through a Service and a route.
deny contains {"rule": "host-namespace-outside-kube-system", "msg": msg, "path": array.concat(k8s.pod_spec_path, [field])} if {
	k8s.namespace != "kube-system"
	some field in host_fields
	k8s.pod_spec[field] == true
	msg := sprintf("%s %s/%s sets %s outside kube-system", [k8s.kind, k8s.namespace, k8s.name, field])
}

# METADATA
# title: Container binds a host port
# description: >-
#   Outside kube-system no container binds a port on the node (hostPort), which would expose it on
#   the LAN past Traefik and the allow-list.
# custom:
#   id: host-port-outside-kube-system
#   severity: error
#   remediation: Remove hostPort and expose the container through a ClusterIP Service and a route.
deny contains {"rule": "host-port-outside-kube-system", "msg": msg, "path": array.concat(c.path, ["ports", j, "hostPort"])} if {
	k8s.namespace != "kube-system"
	some c in k8s.all_containers
	some j, port in c.container.ports
	object.get(port, "hostPort", 0) != 0
	msg := sprintf("%s %s/%s: container %s binds host port %s outside kube-system", [k8s.kind, k8s.namespace, k8s.name, c.name, json.marshal(port.hostPort)])
}

# METADATA
# title: Route host outside the lab domain
# description: >-
#   Every host an Ingress, IngressRoute or Gateway API route (HTTPRoute, GRPCRoute, TLSRoute
#   hostnames) serves lies in the lab's domain, which resolves only inside the LAN and the tailnet.
#   A route that names no host (an Ingress rule without host or an Ingress defaultBackend, an
#   IngressRoute match without Host() or HostSNI()) serves every host that reaches Traefik, so it
#   is reported too.
# custom:
#   id: route-host-outside-domain
#   severity: error
#   restates: host-pattern
#   remediation: Serve the route on <service>.<domain> as set in homelab.yaml, and give every Ingress rule a host and every IngressRoute match a Host().
deny contains {"rule": "route-host-outside-domain", "msg": f.msg, "path": f.path} if some f in hosts_outside_domain

hosts_outside_domain contains {"msg": msg, "path": path} if {
	ingress
	some h in ingress_hosts
	not k8s.host_in_domain(h.host, data.lab.domain)
	path := h.path
	msg := sprintf("Ingress %s serves host %s outside %s", [k8s.name, h.host, data.lab.domain])
}

hosts_outside_domain contains {"msg": msg, "path": ["spec", "routes", i, "match"]} if {
	ingress_route
	some i, route in input.resource.spec.routes
	some host in k8s.match_hosts(route.match)
	not k8s.host_in_domain(host, data.lab.domain)
	msg := sprintf("IngressRoute %s serves host %s outside %s", [k8s.name, host, data.lab.domain])
}

hosts_outside_domain contains {"msg": msg, "path": ["spec", "rules", i]} if {
	ingress
	some i, r in input.resource.spec.rules
	not is_string(object.get(r, "host", null))
	msg := sprintf("Ingress %s has a rule without a host, so it serves every host, not only names under %s", [k8s.name, data.lab.domain])
}

hosts_outside_domain contains {"msg": msg, "path": ["spec", "defaultBackend"]} if {
	ingress
	input.resource.spec.defaultBackend
	msg := sprintf("Ingress %s has a defaultBackend, so it serves every host, not only names under %s", [k8s.name, data.lab.domain])
}

hosts_outside_domain contains {"msg": msg, "path": k8s.nearest(input.resource, ["spec", "routes", i, "match"])} if {
	ingress_route
	some i, route in input.resource.spec.routes
	match := object.get(route, "match", "")
	count(k8s.match_hosts(match)) == 0
	msg := sprintf("IngressRoute %s route %s %s", [k8s.name, describe_match(match), unnamed_hosts(match)])
}

describe_match("") := "(no match)"

describe_match(match) := match if match != ""

# HostRegexp() narrows the hosts, but to a pattern the domain check cannot read.
unnamed_hosts(match) := sprintf("matches its hosts by HostRegexp() only, which cannot be checked against %s", [data.lab.domain]) if contains(match, "HostRegexp(")

unnamed_hosts(match) := sprintf("names no Host() or HostSNI(), so it serves every host, not only names under %s", [data.lab.domain]) if not contains(match, "HostRegexp(")

hosts_outside_domain contains {"msg": msg, "path": ["spec", "hostnames", i]} if {
	gateway_route
	some i, host in input.resource.spec.hostnames
	not k8s.host_in_domain(host, data.lab.domain)
	msg := sprintf("%s %s serves host %s outside %s", [k8s.kind, k8s.name, host, data.lab.domain])
}

# Gateway API's route kinds that name their hosts in spec.hostnames.
gateway_route_kinds := {"HTTPRoute", "GRPCRoute", "TLSRoute"}

gateway_route if {
	gateway_route_kinds[k8s.kind]
	startswith(input.resource.apiVersion, "gateway.networking.k8s.io/")
}

ingress_hosts contains {"host": r.host, "path": ["spec", "rules", i, "host"]} if {
	some i, r in input.resource.spec.rules
	is_string(r.host)
}

route_keys := {"ingress", "ingressRoute"}

# A chart's own route: an enabled block under a key named ingress or ingressRoute, directly or one
# level down (app-template style: ingress.main.enabled), and not a NetworkPolicy's ingress rules.
chart_routes contains path if {
	k8s.values
	walk(input.values, [path, node])
	is_object(node)
	node.enabled == true
	count(path) > 0
	route_path(path)
	not "networkPolicy" in path
}

route_path(path) if path[count(path) - 1] in route_keys

route_path(path) if {
	count(path) > 1
	path[count(path) - 2] in route_keys
}

# METADATA
# title: Chart route enabled
# description: >-
#   A Helm values file leaves the chart's own Ingress or IngressRoute switched off; the lab writes each
#   route as a manifest beside the values, where the TLS, allow-list and host rules can check it. A
#   route the chart renders itself is invisible to them until it is live.
# custom:
#   id: chart-route-enabled
#   severity: warning
#   remediation: Set the chart's ingress enabled value to false and add the route as an Ingress or IngressRoute in the component's folder.
warn contains {"rule": "chart-route-enabled", "msg": msg, "path": array.concat(path, ["enabled"])} if {
	some path in chart_routes
	msg := sprintf("values file %s enables the chart's own route at %s, which no route rule can check", [input.file, k8s.dotted(path)])
}
