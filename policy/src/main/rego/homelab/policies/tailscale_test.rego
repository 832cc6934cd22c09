package homelab.policies.tailscale_test

import data.homelab.test.fixtures

service(ns, name, spec, annotations) := {
	"apiVersion": "v1",
	"kind": "Service",
	"metadata": {"name": name, "namespace": ns, "annotations": annotations},
	"spec": spec,
}

test_cluster_ip_service_passes if {
	fixtures.run(fixtures.manifest(service("apps", "n8n", {"type": "ClusterIP"}, {}))) == set()
}

test_allowed_load_balancer_passes if {
	fixtures.run(fixtures.manifest(service("kube-system", "traefik", {"type": "LoadBalancer", "loadBalancerIP": "192.168.2.100"}, {}))) == set()
}

test_node_port_without_allowance if {
	fixtures.run(fixtures.manifest(service("apps", "n8n", {"type": "NodePort"}, {}))) == {["service-exposure-not-allowed", ["spec", "type"]]}
}

test_allowance_is_per_type if {
	fixtures.run(fixtures.manifest(service("kube-system", "traefik", {"type": "NodePort"}, {}))) == {["service-exposure-not-allowed", ["spec", "type"]]}
}

test_load_balancer_ip_outside_range_pool if {
	fixtures.run(fixtures.manifest(service("kube-system", "traefik", {"type": "LoadBalancer", "loadBalancerIP": "192.168.2.121"}, {}))) == {["loadbalancer-ip-outside-pool", ["spec", "loadBalancerIP"]]}
}

test_load_balancer_ip_inside_cidr_pool_passes if {
	fixtures.run(fixtures.manifest(service("kube-system", "traefik", {"type": "LoadBalancer"}, {"metallb.io/loadBalancerIPs": "192.168.2.200"}))) == set()
}

test_load_balancer_annotation_list_checks_each_address if {
	svc := service("kube-system", "traefik", {"type": "LoadBalancer"}, {"metallb.universe.tf/loadBalancerIPs": "192.168.2.101, 10.0.0.1"})
	fixtures.run(fixtures.manifest(svc)) == {["loadbalancer-ip-outside-pool", ["metadata", "annotations", "metallb.universe.tf/loadBalancerIPs"]]}
}

ingress(annotations, hosts) := {
	"apiVersion": "networking.k8s.io/v1",
	"kind": "Ingress",
	"metadata": {"name": "n8n", "namespace": "apps", "annotations": object.union({"cert-manager.io/cluster-issuer": "letsencrypt-production", "traefik.ingress.kubernetes.io/router.entrypoints": "websecure"}, annotations)},
	"spec": {
		"rules": [{"host": h} | some h in hosts],
		"tls": [{"hosts": hosts, "secretName": "n8n-tls"}],
	},
}

allow := {"traefik.ingress.kubernetes.io/router.middlewares": "apps-headers@kubernetescrd, kube-system-tailscale-only@kubernetescrd"}

test_ingress_with_allow_list_passes if {
	fixtures.run(fixtures.manifest(ingress(allow, ["n8n.home.example.com"]))) == set()
}

test_ingress_without_middlewares_annotation if {
	fixtures.run(fixtures.manifest(ingress({}, ["n8n.home.example.com"]))) == {["route-without-allowlist", ["metadata", "annotations"]]}
}

test_ingress_with_other_middleware_only if {
	ing := ingress({"traefik.ingress.kubernetes.io/router.middlewares": "apps-headers@kubernetescrd"}, ["n8n.home.example.com"])
	fixtures.run(fixtures.manifest(ing)) == {["route-without-allowlist", ["metadata", "annotations", "traefik.ingress.kubernetes.io/router.middlewares"]]}
}

test_ingress_allow_list_missing_from_index if {
	result := data.homelab.main.violations with input as fixtures.manifest(ingress(allow, ["n8n.home.example.com"]))
		with data.lab as fixtures.lab
		with data.index as object.remove(fixtures.index, ["Middleware"])
	{[v.rule, v.path] | some v in result} == {["allowlist-middleware-missing", ["metadata", "annotations", "traefik.ingress.kubernetes.io/router.middlewares"]]}
}

test_allow_list_missing_only_in_the_whole_tree if {
	inp := fixtures.manifest(ingress(allow, ["n8n.home.example.com"]))
	no_middleware := object.remove(fixtures.index, ["Middleware"])
	fixtures.run_with(inp, no_middleware, fixtures.whole_tree) == {["allowlist-middleware-missing", ["metadata", "annotations", "traefik.ingress.kubernetes.io/router.middlewares"]]}
	fixtures.run_with(inp, no_middleware, fixtures.part_of_the_tree) == set()

	# Leaving the middleware out is the route's own fault, whatever the run loaded.
	bare := fixtures.manifest(ingress({}, ["n8n.home.example.com"]))
	fixtures.run_with(bare, no_middleware, fixtures.part_of_the_tree) == {["route-without-allowlist", ["metadata", "annotations"]]}
}

test_ingress_host_outside_domain if {
	fixtures.run(fixtures.manifest(ingress(allow, ["n8n.example.org"]))) == {["route-host-outside-domain", ["spec", "rules", 0, "host"]]}
}

test_ingress_host_suffix_lookalike_is_outside if {
	fixtures.run(fixtures.manifest(ingress(allow, ["n8n.evilhome.example.com"]))) == {["route-host-outside-domain", ["spec", "rules", 0, "host"]]}
}

route(match, middlewares) := {
	"apiVersion": "traefik.io/v1alpha1",
	"kind": "IngressRoute",
	"metadata": {"name": "ollama", "namespace": "kube-system"},
	"spec": {
		"entryPoints": ["websecure"],
		"routes": [{"match": match, "kind": "Rule", "middlewares": middlewares, "services": [{"name": "ollama", "port": 80}]}],
		# An ACME resolver rather than a secret, so the tls package's Certificate lookup stays out of these cases.
		"tls": {"certResolver": "letsencrypt"},
	},
}

test_ingressroute_with_same_namespace_middleware_passes if {
	fixtures.run(fixtures.manifest(route("Host(`ollama.home.example.com`)", [{"name": "tailscale-only"}]))) == set()
}

test_ingressroute_allow_list_missing_at_the_reference_name if {
	inp := fixtures.manifest(route("Host(`ollama.home.example.com`)", [{"name": "tailscale-only"}]))
	no_middleware := object.remove(fixtures.index, ["Middleware"])
	fixtures.run_with(inp, no_middleware, fixtures.whole_tree) == {["allowlist-middleware-missing", ["spec", "routes", 0, "middlewares", 0, "name"]]}
}

test_ingressroute_without_allow_list if {
	fixtures.run(fixtures.manifest(route("Host(`ollama.home.example.com`)", []))) == {["route-without-allowlist", ["spec", "routes", 0, "middlewares"]]}
}

# Without a namespace the reference means the route's own one, so the hint names the one to add.
test_ingressroute_allow_list_named_without_its_namespace if {
	r := json.patch(route("Host(`ollama.home.example.com`)", [{"name": "tailscale-only"}]), [{"op": "replace", "path": "/metadata/namespace", "value": "apps"}])
	vs := fixtures.violations(fixtures.manifest(r))
	{[v.rule, v.path] | some v in vs} == {["route-without-allowlist", ["spec", "routes", 0, "middlewares", 0]]}
	some v in vs
	v.msg == "IngressRoute ollama route Host(`ollama.home.example.com`) names middleware tailscale-only in its own namespace apps, not the allow-list middleware kube-system/tailscale-only; set namespace: kube-system on the reference"
}

test_ingressroute_allow_list_named_in_another_namespace if {
	vs := fixtures.violations(fixtures.manifest(route("Host(`ollama.home.example.com`)", [{"name": "tailscale-only", "namespace": "apps"}])))
	some v in vs
	v.msg == "IngressRoute ollama route Host(`ollama.home.example.com`) names middleware tailscale-only in namespace apps, not the allow-list middleware kube-system/tailscale-only; set namespace: kube-system on the reference"
}

test_ingressroute_host_outside_domain if {
	match := "Host(`ollama.home.example.com`) || Host(`ollama.example.net`)"
	fixtures.run(fixtures.manifest(route(match, [{"name": "tailscale-only"}]))) == {["route-host-outside-domain", ["spec", "routes", 0, "match"]]}
}

middleware(spec) := {"apiVersion": "traefik.io/v1alpha1", "kind": "Middleware", "metadata": {"name": "tailscale-only", "namespace": "kube-system"}, "spec": spec}

test_allow_list_with_exact_ranges_passes if {
	fixtures.run(fixtures.manifest(middleware({"ipAllowList": {"sourceRange": ["100.64.0.0/10", "192.168.2.0/24"]}}))) == set()
}

test_allow_list_with_extra_range if {
	mw := middleware({"ipAllowList": {"sourceRange": ["100.64.0.0/10", "192.168.2.0/24", "0.0.0.0/0"]}})
	fixtures.run(fixtures.manifest(mw)) == {["allowlist-source-ranges-mismatch", ["spec", "ipAllowList", "sourceRange"]]}
}

test_allow_list_missing_tailscale_in_v2_field if {
	fixtures.run(fixtures.manifest(middleware({"ipWhiteList": {"sourceRange": ["192.168.2.0/24"]}}))) == {["allowlist-source-ranges-mismatch", ["spec", "ipWhiteList", "sourceRange"]]}
}

test_allow_list_without_ranges if {
	fixtures.run(fixtures.manifest(middleware({"headers": {}}))) == {["allowlist-source-ranges-mismatch", ["spec"]]}
}

test_other_middleware_is_not_checked if {
	mw := json.patch(middleware({"headers": {}}), [{"op": "replace", "path": "/metadata/name", "value": "headers"}])
	fixtures.run(fixtures.manifest(mw)) == set()
}

test_host_network_outside_kube_system if {
	d := json.patch(fixtures.deployment("apps", [fixtures.good_container]), [{"op": "add", "path": "/spec/template/spec/hostNetwork", "value": true}])
	fixtures.run(fixtures.manifest(d)) == {["host-namespace-outside-kube-system", ["spec", "template", "spec", "hostNetwork"]]}
}

test_host_pid_outside_kube_system if {
	d := json.patch(fixtures.deployment("apps", [fixtures.good_container]), [{"op": "add", "path": "/spec/template/spec/hostPID", "value": true}])
	fixtures.run(fixtures.manifest(d)) == {["host-namespace-outside-kube-system", ["spec", "template", "spec", "hostPID"]]}
}

# hostIPC shares the node's System V IPC and POSIX shared memory, a host namespace like the other two.
test_host_ipc_outside_kube_system if {
	d := json.patch(fixtures.deployment("apps", [fixtures.good_container]), [{"op": "add", "path": "/spec/template/spec/hostIPC", "value": true}])
	fixtures.run(fixtures.manifest(d)) == {["host-namespace-outside-kube-system", ["spec", "template", "spec", "hostIPC"]]}
}

test_host_network_in_kube_system_passes if {
	d := json.patch(fixtures.deployment("kube-system", [fixtures.good_container]), [{"op": "add", "path": "/spec/template/spec/hostNetwork", "value": true}])
	fixtures.run(fixtures.manifest(d)) == set()
}

test_host_port_outside_kube_system if {
	c := object.union(fixtures.good_container, {"ports": [{"containerPort": 8080}, {"containerPort": 22, "hostPort": 2222}]})
	fixtures.run(fixtures.manifest(fixtures.deployment("dev", [c]))) == {["host-port-outside-kube-system", ["spec", "template", "spec", "containers", 0, "ports", 1, "hostPort"]]}
}

test_ingress_on_the_domain_itself_passes if {
	fixtures.run(fixtures.manifest(ingress(allow, ["home.example.com"]))) == set()
}

test_load_balancer_source_ranges_inside_the_lab_pass if {
	spec := {"type": "LoadBalancer", "loadBalancerSourceRanges": ["192.168.2.0/24", "100.64.0.0/10", "100.101.102.103/32"]}
	fixtures.run(fixtures.manifest(service("kube-system", "traefik", spec, {}))) == set()
}

test_load_balancer_source_range_open_to_everyone if {
	spec := {"type": "LoadBalancer", "loadBalancerSourceRanges": ["192.168.2.0/24", "0.0.0.0/0"]}
	svc := service("kube-system", "traefik", spec, {})
	fixtures.run(fixtures.manifest(svc)) == {["loadbalancer-source-range-outside-lab", ["spec", "loadBalancerSourceRanges", 1]]}
	some v in fixtures.violations(fixtures.manifest(svc))
	v.msg == "Service kube-system/traefik admits 0.0.0.0/0, outside the LAN 192.168.2.0/24 and the tailnet 100.64.0.0/10"
}

test_load_balancer_source_range_that_is_no_cidr if {
	spec := {"type": "LoadBalancer", "loadBalancerSourceRanges": ["lan"]}
	fixtures.run(fixtures.manifest(service("kube-system", "traefik", spec, {}))) == {["loadbalancer-source-range-outside-lab", ["spec", "loadBalancerSourceRanges", 0]]}
}

test_chart_routes_switched_off_pass if {
	v := {"ingress": {"enabled": false}, "server": {"ingress": {"enabled": false}}, "ingressRoute": {"main": {"enabled": false}}}
	fixtures.run(fixtures.values("n8n", "apps", v)) == set()
}

test_a_chart_route_switched_on if {
	v := {"server": {"ingress": {"enabled": true, "hosts": ["argocd.example.org"]}}}
	fixtures.run(fixtures.values("argo-cd", "apps", v)) == {["chart-route-enabled", ["server", "ingress", "enabled"]]}
	some f in fixtures.violations(fixtures.values("argo-cd", "apps", v))
	f.severity == "warning"
	f.msg == "values file component/values-homelab.yaml enables the chart's own route at server.ingress, which no route rule can check"
}

test_an_app_template_route_switched_on if {
	v := {"ingress": {"main": {"enabled": true}}}
	fixtures.run(fixtures.values("paperless", "apps", v)) == {["chart-route-enabled", ["ingress", "main", "enabled"]]}
}

test_network_policy_ingress_rules_are_no_route if {
	v := {"networkPolicy": {"enabled": true, "ingress": {"enabled": true}}}
	fixtures.run(fixtures.values("n8n", "apps", v)) == set()
}

gateway_route(kind, hostnames) := {
	"apiVersion": "gateway.networking.k8s.io/v1",
	"kind": kind,
	"metadata": {"name": "paperless", "namespace": "apps"},
	"spec": {"hostnames": hostnames, "parentRefs": [{"name": "lab", "namespace": "kube-system", "sectionName": "websecure"}]},
}

test_gateway_routes_inside_the_domain_pass if {
	every kind in ["HTTPRoute", "GRPCRoute", "TLSRoute"] {
		fixtures.run(fixtures.manifest(gateway_route(kind, ["paperless.home.example.com", "*.home.example.com"]))) == set()
	}
}

test_gateway_route_hostname_outside_domain if {
	every kind in ["HTTPRoute", "GRPCRoute", "TLSRoute"] {
		r := gateway_route(kind, ["paperless.home.example.com", "paperless.example.org"])
		fixtures.run(fixtures.manifest(r)) == {["route-host-outside-domain", ["spec", "hostnames", 1]]}
	}
	some v in fixtures.violations(fixtures.manifest(gateway_route("HTTPRoute", ["paperless.example.org"])))
	v.msg == "HTTPRoute paperless serves host paperless.example.org outside home.example.com"
}

# A route without hostnames takes its listener's, which the Gateway's own checks cover.
test_gateway_route_without_hostnames_passes if {
	r := json.patch(gateway_route("HTTPRoute", []), [{"op": "remove", "path": "/spec/hostnames"}])
	fixtures.run(fixtures.manifest(r)) == set()
}

test_a_route_of_another_group_is_not_a_gateway_route if {
	r := json.patch(gateway_route("HTTPRoute", ["paperless.example.org"]), [{"op": "replace", "path": "/apiVersion", "value": "example.com/v1"}])
	fixtures.run(fixtures.manifest(r)) == set()
}

test_ingress_rule_without_host_serves_every_host if {
	ing := json.patch(ingress(allow, ["n8n.home.example.com"]), [{"op": "add", "path": "/spec/rules/-", "value": {"http": {"paths": [{"path": "/", "pathType": "Prefix"}]}}}])
	fixtures.run(fixtures.manifest(ing)) == {["route-host-outside-domain", ["spec", "rules", 1]]}
	some v in fixtures.violations(fixtures.manifest(ing))
	v.msg == "Ingress n8n has a rule without a host, so it serves every host, not only names under home.example.com"
}

test_ingress_default_backend_serves_every_host if {
	ing := json.patch(ingress(allow, ["n8n.home.example.com"]), [{"op": "add", "path": "/spec/defaultBackend", "value": {"service": {"name": "n8n", "port": {"number": 80}}}}])
	fixtures.run(fixtures.manifest(ing)) == {["route-host-outside-domain", ["spec", "defaultBackend"]]}
}

test_ingressroute_without_host_matcher_serves_every_host if {
	r := route("PathPrefix(`/api`)", [{"name": "tailscale-only"}])
	fixtures.run(fixtures.manifest(r)) == {["route-host-outside-domain", ["spec", "routes", 0, "match"]]}
	some v in fixtures.violations(fixtures.manifest(r))
	v.msg == "IngressRoute ollama route PathPrefix(`/api`) names no Host() or HostSNI(), so it serves every host, not only names under home.example.com"
}

test_ingressroute_host_regexp_is_no_host if {
	r := route("HostRegexp(`^.+\\.example\\.org$`)", [{"name": "tailscale-only"}])
	fixtures.run(fixtures.manifest(r)) == {["route-host-outside-domain", ["spec", "routes", 0, "match"]]}
}

test_ingressroute_without_match_serves_every_host if {
	r := json.patch(route("", [{"name": "tailscale-only"}]), [{"op": "remove", "path": "/spec/routes/0/match"}])
	fixtures.run(fixtures.manifest(r)) == {["route-host-outside-domain", ["spec", "routes", 0]]}
}

test_external_ips_without_allowance if {
	svc := service("apps", "n8n", {"type": "ClusterIP", "externalIPs": ["192.168.2.50"]}, {})
	fixtures.run(fixtures.manifest(svc)) == {["service-exposure-not-allowed", ["spec", "externalIPs"]]}
	some v in fixtures.violations(fixtures.manifest(svc))
	v.msg == "Service apps/n8n listens on node addresses 192.168.2.50 (spec.externalIPs) without an exposure entry of type ExternalIPs in the lab config"
}

test_external_ips_allowance_is_per_type if {
	svc := service("kube-system", "traefik", {"type": "LoadBalancer", "externalIPs": ["192.168.2.50", "192.168.2.51"]}, {})
	fixtures.run(fixtures.manifest(svc)) == {["service-exposure-not-allowed", ["spec", "externalIPs"]]}
}

test_allowed_external_ips_pass if {
	svc := service("apps", "n8n", {"type": "ClusterIP", "externalIPs": ["192.168.2.50"]}, {})
	allowance := {"namespace": "apps", "name": "n8n", "type": "ExternalIPs", "reason": "Wake-on-LAN relay."}
	result := data.homelab.main.violations with input as fixtures.manifest(svc)
		with data.lab as object.union(fixtures.lab, {"exposure": array.concat(fixtures.lab.exposure, [allowance])})
		with data.index as fixtures.index
	result == set()
}

test_empty_external_ips_pass if {
	fixtures.run(fixtures.manifest(service("apps", "n8n", {"type": "ClusterIP", "externalIPs": []}, {}))) == set()
}

# An IngressRoute or Middleware of another API group is not Traefik's, and is neither judged nor counted.
test_traefik_kinds_of_another_group_are_not_judged_or_counted if {
	foreign_route := json.patch(route("Host(`ollama.example.net`)", []), [{"op": "replace", "path": "/apiVersion", "value": "example.com/v1"}])
	fixtures.run(fixtures.manifest(foreign_route)) == set()
	foreign_middleware := json.patch(middleware({"headers": {}}), [{"op": "replace", "path": "/apiVersion", "value": "example.com/v1"}])
	fixtures.run(fixtures.manifest(foreign_middleware)) == set()
	index := json.patch(fixtures.index, [{"op": "replace", "path": "/Middleware/kube-system/tailscale-only", "value": foreign_middleware}])
	fixtures.run_with(fixtures.manifest(ingress(allow, ["n8n.home.example.com"])), index, fixtures.whole_tree) == {["allowlist-middleware-missing", ["metadata", "annotations", "traefik.ingress.kubernetes.io/router.middlewares"]]}
}

# A Knative Service or an Ingress of another controller's group is not the core Service or the
# networking.k8s.io Ingress that Traefik and MetalLB serve, so these rules do not judge it.
test_service_and_ingress_of_another_group_are_not_judged if {
	exposed := service("apps", "n8n", {"type": "LoadBalancer", "loadBalancerIP": "10.0.0.1", "externalIPs": ["10.0.0.2"], "loadBalancerSourceRanges": ["0.0.0.0/0"]}, {})
	count(fixtures.run(fixtures.manifest(exposed))) == 4
	knative := json.patch(exposed, [{"op": "replace", "path": "/apiVersion", "value": "serving.knative.dev/v1"}])
	fixtures.run(fixtures.manifest(knative)) == set()
	stray := ingress({}, ["n8n.example.net"])
	foreign := json.patch(stray, [{"op": "replace", "path": "/apiVersion", "value": "voyager.appscode.com/v1"}])
	fixtures.run_with(fixtures.manifest(foreign), object.remove(fixtures.index, ["Middleware"]), fixtures.whole_tree) == set()
	rules := {r | some [r, _] in fixtures.run(fixtures.manifest(stray))}
	rules == {"route-without-allowlist", "route-host-outside-domain"}
}

# Traefik v2's group still serves the same kinds.
test_traefik_containo_us_kinds_are_judged if {
	old_route := json.patch(route("Host(`ollama.home.example.com`)", []), [{"op": "replace", "path": "/apiVersion", "value": "traefik.containo.us/v1alpha1"}])
	fixtures.run(fixtures.manifest(old_route)) == {["route-without-allowlist", ["spec", "routes", 0, "middlewares"]]}
	old_middleware := json.patch(middleware({"headers": {}}), [{"op": "replace", "path": "/apiVersion", "value": "traefik.containo.us/v1alpha1"}])
	fixtures.run(fixtures.manifest(old_middleware)) == {["allowlist-source-ranges-mismatch", ["spec"]]}
}
