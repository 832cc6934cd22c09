# Shared test fixtures: a lab config with the schema defaults filled in, and builders for inputs.
package homelab.test.fixtures

lab := {
	"name": "home-lab",
	"domain": "home.example.com",
	"network": {
		"lan": "192.168.2.0/24",
		"tailscale": "100.64.0.0/10",
		"metallbPools": ["192.168.2.100-192.168.2.120", "192.168.2.192/28"],
	},
	"routing": {
		"entryPoint": "websecure",
		"clusterIssuer": "letsencrypt-production",
		"minTlsVersion": "1.2",
		"allowListMiddleware": {"namespace": "kube-system", "name": "tailscale-only"},
	},
	"storage": {"defaultClass": "nfs-client", "localClass": "local-path"},
	"observability": {"logRetention": "168h"},
	"profiles": profiles,
	"namespaces": namespaces,
	"exposure": [{"namespace": "kube-system", "name": "traefik", "type": "LoadBalancer", "reason": "Traefik is the only entry point."}],
}

profiles := {
	"small": {"limitRange": {"max": {"cpu": "1", "memory": "1Gi"}}, "quota": {}},
	"stateful": {"limitRange": {"max": {"cpu": "2", "memory": "4Gi"}}, "quota": {}},
	"ml": {"limitRange": {"max": {"cpu": "8", "memory": "16Gi"}}, "quota": {}, "gpu": true},
}

namespaces := [
	{"name": "kube-system", "layer": "infrastructure", "profile": "small"},
	{"name": "apps", "layer": "applications", "profile": "small"},
	{"name": "data", "layer": "applications", "profile": "stateful", "storageClass": "nfs-client"},
	{"name": "monitoring", "layer": "monitoring", "profile": "stateful", "storageClass": "nfs-client"},
	{"name": "ml", "layer": "applications", "profile": "ml", "storageClass": "nfs-client"},
	{"name": "dev", "layer": "applications", "profile": "small", "storageClass": "local-path"},
]

index := {
	"ClusterIssuer": {"": {
		"letsencrypt-production": {"apiVersion": "cert-manager.io/v1", "kind": "ClusterIssuer", "metadata": {"name": "letsencrypt-production"}},
		"letsencrypt-staging": {"apiVersion": "cert-manager.io/v1", "kind": "ClusterIssuer", "metadata": {"name": "letsencrypt-staging"}},
	}},
	"Issuer": {"apps": {"local-ca": {"apiVersion": "cert-manager.io/v1", "kind": "Issuer", "metadata": {"name": "local-ca", "namespace": "apps"}}}},
	"Middleware": {"kube-system": {"tailscale-only": {"apiVersion": "traefik.io/v1alpha1", "kind": "Middleware", "metadata": {"name": "tailscale-only", "namespace": "kube-system"}}}},
	"Ingress": {"apps": {"n8n": {
		"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
		"metadata": {"name": "n8n", "namespace": "apps", "annotations": {"cert-manager.io/cluster-issuer": "letsencrypt-production"}},
		"spec": {"tls": [{"secretName": "n8n-tls", "hosts": ["n8n.home.example.com"]}]},
	}}},
	"Namespace": {"": {"apps": {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "apps", "namespace": "", "labels": {"gateway-access": "true"}}}}},
	# The lab's Gateway: plain HTTP for redirects only, and HTTPS with gateway-shim's wildcard certificate.
	"Gateway": {"kube-system": {"lab": {
		"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
		"metadata": {"name": "lab", "namespace": "kube-system", "annotations": {"cert-manager.io/cluster-issuer": "letsencrypt-production"}},
		"spec": {"gatewayClassName": "traefik", "listeners": [
			{"name": "web", "protocol": "HTTP", "port": 8000, "allowedRoutes": {"namespaces": {"from": "All"}}},
			{
				"name": "websecure", "protocol": "HTTPS", "port": 8443, "hostname": "*.home.example.com",
				"tls": {"certificateRefs": [{"name": "wildcard-tls"}]},
				"allowedRoutes": {"namespaces": {"from": "All"}},
			},
		]},
	}}},
	# Traefik's default TLS options, as K3s's chart leaves them and the lab's TLSOption sets them.
	"HelmChartConfig": {"kube-system": {"traefik": {
		"apiVersion": "helm.cattle.io/v1", "kind": "HelmChartConfig",
		"metadata": {"name": "traefik", "namespace": "kube-system"},
		"spec": {"valuesContent": "tlsOptions: {}\n"},
	}}},
	"TLSOption": {"kube-system": {"default": {
		"apiVersion": "traefik.io/v1alpha1", "kind": "TLSOption",
		"metadata": {"name": "default", "namespace": "kube-system"},
		"spec": {"minVersion": "VersionTLS12"},
	}}},
	"Certificate": {"ml": {"ollama": {
		"apiVersion": "cert-manager.io/v1", "kind": "Certificate",
		"metadata": {"name": "ollama", "namespace": "ml"},
		"spec": {"secretName": "ollama-tls", "dnsNames": ["ollama.home.example.com", "*.ollama.home.example.com"]},
	}}},
}

namespace_config(ns) := c if {
	some c in namespaces
	c.name == ns
}

# Like the engine, an unknown namespace has a null config and a null profile.
config_or_null(ns) := namespace_config(ns) if namespace_config(ns)

config_or_null(ns) := null if not namespace_config(ns)

profile_or_null(ns) := profiles[namespace_config(ns).profile] if namespace_config(ns)

profile_or_null(ns) := null if not namespace_config(ns)

# The input for one manifest, with its namespace's config and profile looked up as the engine does.
manifest(resource) := {
	"kind": "manifest",
	"file": "test.yaml",
	"resource": resource,
	"namespace": ns,
	"namespaceConfig": config_or_null(ns),
	"profile": profile_or_null(ns),
} if {
	ns := object.get(resource, ["metadata", "namespace"], "")
}

# The input for one Helm values file of the named chart, installed into ns.
values(chart, ns, v) := {
	"kind": "values",
	"file": "component/values-homelab.yaml",
	"values": v,
	"chart": {"repoURL": "https://charts.example.com", "name": chart, "version": "1.0.0"},
	"component": {"name": chart, "namespace": ns, "path": "component"},
	"namespace": ns,
	"namespaceConfig": namespace_config(ns),
	"profile": profiles[namespace_config(ns).profile],
}

# A container that satisfies every policy, to be modified by each test.
good_container := {
	"name": "app",
	"image": "ghcr.io/example/app:1.2.3",
	"resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}},
	"livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}},
	"readinessProbe": {"httpGet": {"path": "/ready", "port": 8080}},
}

deployment(ns, containers) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "app-server", "namespace": ns},
	"spec": {"template": {"spec": {"containers": containers}}},
}

# The rule ids and paths the entry point reports for an input, as a set of [rule, path] pairs.
findings(result) := {[v.rule, v.path] | some v in result}

# Evaluates the entry point the way the engine does: one input, the lab config and the index as data.
run(inp) := findings(violations(inp))

# Like run, but returns the full violations so tests can check severities and messages.
# It also evaluates every package regardless of routing and is undefined, failing the test, when
# a package's applies rule left out a document that one of its rules reports.
violations(inp) := violations_with(inp, index, whole_tree)

# data.run as the engine sets it for a run over the whole tree, and for one over only part of it.
whole_tree := {"wholeTree": true}

part_of_the_tree := {"wholeTree": false}

# Like violations, with the index idx and the data.run run_data.
violations_with(inp, idx, run_data) := result if {
	result := data.homelab.main.violations with input as inp with data.lab as lab with data.index as idx with data.run as run_data
	unrouted := data.homelab.main.unrouted_violations with input as inp with data.lab as lab with data.index as idx with data.run as run_data
	result == unrouted
}

# Like run, with the index idx and the data.run run_data.
run_with(inp, idx, run_data) := findings(violations_with(inp, idx, run_data))
