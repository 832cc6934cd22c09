package homelab.policies.tls_test

import data.homelab.test.fixtures

good_ingress := {
	"apiVersion": "networking.k8s.io/v1",
	"kind": "Ingress",
	"metadata": {
		"name": "grafana",
		"namespace": "monitoring",
		"annotations": {
			"cert-manager.io/cluster-issuer": "letsencrypt-production",
			"traefik.ingress.kubernetes.io/router.entrypoints": "websecure",
			"traefik.ingress.kubernetes.io/router.middlewares": "kube-system-tailscale-only@kubernetescrd",
		},
	},
	"spec": {
		"rules": [{"host": "grafana.home.example.com"}],
		"tls": [{"hosts": ["grafana.home.example.com"], "secretName": "grafana-tls"}],
	},
}

good_route := {
	"apiVersion": "traefik.io/v1alpha1",
	"kind": "IngressRoute",
	"metadata": {"name": "ollama", "namespace": "ml"},
	"spec": {
		"entryPoints": ["websecure"],
		"routes": [{
			"match": "Host(`ollama.home.example.com`)",
			"kind": "Rule",
			"middlewares": [{"name": "tailscale-only", "namespace": "kube-system"}],
			"services": [{"name": "ollama", "port": 11434}],
		}],
		"tls": {"secretName": "ollama-tls"},
	},
}

test_good_ingress_passes if {
	fixtures.run(fixtures.manifest(good_ingress)) == set()
}

test_ingress_host_without_tls if {
	ing := json.patch(good_ingress, [{"op": "add", "path": "/spec/rules/-", "value": {"host": "prometheus.home.example.com"}}])
	fixtures.run(fixtures.manifest(ing)) == {["ingress-host-without-tls", ["spec", "rules", 1, "host"]]}
}

test_a_wildcard_tls_host_covers_one_label_of_its_domain if {
	ing := json.patch(good_ingress, [
		{"op": "replace", "path": "/spec/tls/0/hosts", "value": ["*.home.example.com"]},
		{"op": "add", "path": "/spec/rules/-", "value": {"host": "prometheus.home.example.com"}},
		{"op": "add", "path": "/spec/rules/-", "value": {"host": "alerts.prometheus.home.example.com"}},
		{"op": "add", "path": "/spec/rules/-", "value": {"host": "home.example.com"}},
	])
	fixtures.run(fixtures.manifest(ing)) == {
		["ingress-host-without-tls", ["spec", "rules", 2, "host"]],
		["ingress-host-without-tls", ["spec", "rules", 3, "host"]],
	}
}

test_ingress_without_tls_block if {
	ing := json.patch(good_ingress, [{"op": "remove", "path": "/spec/tls"}])
	fixtures.run(fixtures.manifest(ing)) == {["ingress-host-without-tls", ["spec", "rules", 0, "host"]]}
}

test_ingress_without_issuer_annotation if {
	ing := json.patch(good_ingress, [{"op": "remove", "path": "/metadata/annotations/cert-manager.io~1cluster-issuer"}])
	fixtures.run(fixtures.manifest(ing)) == {["ingress-issuer-annotation-missing", ["metadata", "annotations"]]}
	some v in fixtures.violations(fixtures.manifest(ing))
	v.msg == "Ingress grafana names no cert-manager issuer; set cert-manager.io/cluster-issuer: letsencrypt-production"
}

# The issuer to set is the lab's routing.clusterIssuer, whatever the lab calls it.
test_ingress_without_issuer_annotation_names_the_lab_issuer if {
	ing := json.patch(good_ingress, [{"op": "remove", "path": "/metadata/annotations/cert-manager.io~1cluster-issuer"}])
	lab := json.patch(fixtures.lab, [{"op": "replace", "path": "/routing/clusterIssuer", "value": "lab-acme"}])
	result := data.homelab.main.violations with input as fixtures.manifest(ing) with data.lab as lab with data.index as fixtures.index with data.run as fixtures.whole_tree
	some v in result
	v.rule == "ingress-issuer-annotation-missing"
	v.msg == "Ingress grafana names no cert-manager issuer; set cert-manager.io/cluster-issuer: lab-acme"
}

test_ingress_issuer_not_found if {
	ing := json.patch(good_ingress, [{"op": "replace", "path": "/metadata/annotations/cert-manager.io~1cluster-issuer", "value": "letsencrypt-prod"}])
	fixtures.run(fixtures.manifest(ing)) == {["ingress-issuer-not-found", ["metadata", "annotations", "cert-manager.io/cluster-issuer"]]}
}

test_ingress_namespaced_issuer_must_be_in_same_namespace if {
	ing := json.patch(good_ingress, [
		{"op": "remove", "path": "/metadata/annotations/cert-manager.io~1cluster-issuer"},
		{"op": "add", "path": "/metadata/annotations/cert-manager.io~1issuer", "value": "local-ca"},
	])
	fixtures.run(fixtures.manifest(ing)) == {["ingress-issuer-not-found", ["metadata", "annotations", "cert-manager.io/issuer"]]}
}

test_ingress_existing_namespaced_issuer_is_not_production if {
	ing := json.patch(good_ingress, [
		{"op": "remove", "path": "/metadata/annotations/cert-manager.io~1cluster-issuer"},
		{"op": "add", "path": "/metadata/annotations/cert-manager.io~1issuer", "value": "local-ca"},
		{"op": "replace", "path": "/metadata/namespace", "value": "apps"},
	])
	fixtures.run(fixtures.manifest(ing)) == {["certificate-issuer-not-production", ["metadata", "annotations", "cert-manager.io/issuer"]]}
}

test_ingress_staging_issuer if {
	ing := json.patch(good_ingress, [{"op": "replace", "path": "/metadata/annotations/cert-manager.io~1cluster-issuer", "value": "letsencrypt-staging"}])
	fixtures.run(fixtures.manifest(ing)) == {["certificate-issuer-not-production", ["metadata", "annotations", "cert-manager.io/cluster-issuer"]]}
}

certificate(issuer_ref) := {
	"apiVersion": "cert-manager.io/v1",
	"kind": "Certificate",
	"metadata": {"name": "wildcard", "namespace": "kube-system"},
	"spec": {"secretName": "wildcard-cert-tls", "dnsNames": ["*.home.example.com"], "issuerRef": issuer_ref},
}

test_certificate_from_production_issuer_passes if {
	fixtures.run(fixtures.manifest(certificate({"kind": "ClusterIssuer", "name": "letsencrypt-production"}))) == set()
}

test_certificate_from_staging_issuer if {
	fixtures.run(fixtures.manifest(certificate({"kind": "ClusterIssuer", "name": "letsencrypt-staging"}))) == {["certificate-issuer-not-production", ["spec", "issuerRef", "name"]]}
}

test_certificate_issuer_kind_defaults_to_issuer if {
	some v in fixtures.violations(fixtures.manifest(certificate({"name": "letsencrypt-production"})))
	v.rule == "certificate-issuer-not-production"
	v.msg == "Certificate wildcard is issued by Issuer letsencrypt-production instead of ClusterIssuer letsencrypt-production"
}

test_certificate_without_issuer_ref if {
	cert := json.patch(certificate({}), [{"op": "remove", "path": "/spec/issuerRef"}])
	fixtures.run(fixtures.manifest(cert)) == {["certificate-issuer-not-production", ["spec"]]}
}

production_certificate := certificate({"kind": "ClusterIssuer", "name": "letsencrypt-production"})

# cert-manager v1 puts commonName only into the subject, and an ACME issuer refuses a CSR whose commonName its SANs lack.
test_certificate_common_name_missing_from_dns_names if {
	every cert in [
		json.patch(production_certificate, [{"op": "add", "path": "/spec/commonName", "value": "home.example.com"}]),
		json.patch(production_certificate, [{"op": "add", "path": "/spec/commonName", "value": "home.example.com"}, {"op": "remove", "path": "/spec/dnsNames"}]),
	] {
		fixtures.run(fixtures.manifest(cert)) == {["certificate-common-name-not-in-dns-names", ["spec", "commonName"]]}
	}
	some v in fixtures.violations(fixtures.manifest(json.patch(production_certificate, [{"op": "add", "path": "/spec/commonName", "value": "home.example.com"}])))
	v.msg == "Certificate wildcard sets commonName home.example.com, which spec.dnsNames does not list, so an ACME issuer such as Let's Encrypt refuses to issue it and browsers ignore the name; add home.example.com to spec.dnsNames"
}

test_certificate_common_name_among_its_dns_names_or_ip_addresses_passes if {
	fixtures.run(fixtures.manifest(json.patch(production_certificate, [{"op": "add", "path": "/spec/commonName", "value": "*.home.example.com"}]))) == set()
	by_ip := json.patch(production_certificate, [
		{"op": "add", "path": "/spec/commonName", "value": "192.168.2.240"},
		{"op": "add", "path": "/spec/ipAddresses", "value": ["192.168.2.240"]},
	])
	fixtures.run(fixtures.manifest(by_ip)) == set()
	empty := json.patch(production_certificate, [{"op": "add", "path": "/spec/commonName", "value": ""}])
	fixtures.run(fixtures.manifest(empty)) == set()
}

# cert-manager's webhook refuses a Certificate that names no subject and no SAN, so it is never created.
test_certificate_without_any_name if {
	cert := json.remove(production_certificate, ["spec/dnsNames"])
	fixtures.run(fixtures.manifest(cert)) == {["certificate-without-names", ["spec"]]}
	some v in fixtures.violations(fixtures.manifest(cert))
	v.msg == "Certificate wildcard names no host: it sets none of commonName, dnsNames, ipAddresses, uris, emailAddresses or otherNames, nor a CN in literalSubject, so cert-manager's webhook refuses it; list the hosts it serves in spec.dnsNames"
	empty := json.patch(production_certificate, [{"op": "replace", "path": "/spec/dnsNames", "value": []}, {"op": "add", "path": "/spec/commonName", "value": ""}])
	fixtures.run(fixtures.manifest(empty)) == {["certificate-without-names", ["spec", "dnsNames"]]}
}

test_a_certificate_named_by_another_field_is_not_without_names if {
	every field, value in {
		"ipAddresses": ["192.168.2.240"],
		"uris": ["spiffe://home.example.com/ns/ml/sa/ollama"],
		"emailAddresses": ["admin@home.example.com"],
		"otherNames": [{"oid": "1.3.6.1.4.1.311.20.2.3", "utf8Value": "admin@home.example.com"}],
	} {
		cert := json.patch(json.remove(production_certificate, ["spec/dnsNames"]), [{"op": "add", "path": sprintf("/spec/%s", [field]), "value": value}])
		fixtures.run(fixtures.manifest(cert)) == set()
	}
}

literal_subject_certificate(subject, dns_names) := json.patch(production_certificate, [
	{"op": "replace", "path": "/spec/dnsNames", "value": dns_names},
	{"op": "add", "path": "/spec/literalSubject", "value": subject},
])

# cert-manager's webhook counts a literalSubject as a name only through its CN, and refuses one without.
test_a_literal_subject_names_the_certificate_only_with_a_common_name if {
	every subject in ["O=Home Lab,C=DE", "CN=,O=Home Lab", "OU=CN\\=home.example.com"] {
		fixtures.run(fixtures.manifest(literal_subject_certificate(subject, []))) == {["certificate-without-names", ["spec", "dnsNames"]]}
	}
	some v in fixtures.violations(fixtures.manifest(literal_subject_certificate("O=Home Lab", [])))
	v.msg == "Certificate wildcard names no host: it sets none of commonName, dnsNames, ipAddresses, uris, emailAddresses or otherNames, nor a CN in literalSubject, so cert-manager's webhook refuses it; list the hosts it serves in spec.dnsNames"
	not "certificate-without-names" in {r | some [r, _] in fixtures.run(fixtures.manifest(literal_subject_certificate("CN=home.example.com", [])))}
}

# cert-manager sends a literalSubject's CN as the request's commonName, which the ACME issuer wants among the SANs too.
test_a_literal_subject_common_name_missing_from_dns_names if {
	every subject in [
		"CN=home.example.com,O=Home Lab",
		"O=Home Lab + cn = home.example.com",
		"2.5.4.3=home.example.com",
		"commonName=other.example.com,CN=home.example.com",
	] {
		fixtures.run(fixtures.manifest(literal_subject_certificate(subject, ["*.home.example.com"]))) == {["certificate-common-name-not-in-dns-names", ["spec", "literalSubject"]]}
	}
	some v in fixtures.violations(fixtures.manifest(literal_subject_certificate("CN=home.example.com,O=Home Lab", ["*.home.example.com"])))
	v.msg == "Certificate wildcard sets CN home.example.com in spec.literalSubject, which spec.dnsNames does not list, so an ACME issuer such as Let's Encrypt refuses to issue it and browsers ignore the name; add home.example.com to spec.dnsNames"
}

test_a_literal_subject_common_name_among_its_dns_names_passes if {
	every subject in [
		"CN=*.home.example.com,O=Home Lab\\, Inc.",
		"CN=*.home.example.com,O=Home Lab\\,CN=x",
		"O=Home Lab",
	] {
		fixtures.run(fixtures.manifest(literal_subject_certificate(subject, ["*.home.example.com"]))) == set()
	}
	by_ip := json.patch(literal_subject_certificate("CN=192.168.2.240", []), [{"op": "add", "path": "/spec/ipAddresses", "value": ["192.168.2.240"]}])
	fixtures.run(fixtures.manifest(by_ip)) == set()

	# An escaped comma or plus sign is part of the value, not a separator.
	escaped := literal_subject_certificate("CN=a\\,b.home.example.com+O=x\\+y", ["a,b.home.example.com"])
	fixtures.run(fixtures.manifest(escaped)) == set()
}

# A Certificate of another API group is not cert-manager's.
test_another_groups_certificate_is_not_checked_for_names if {
	cert := json.patch(production_certificate, [
		{"op": "replace", "path": "/apiVersion", "value": "acm.services.k8s.aws/v1alpha1"},
		{"op": "remove", "path": "/spec/dnsNames"},
		{"op": "add", "path": "/spec/commonName", "value": "home.example.com"},
	])
	not "certificate-without-names" in {r | some [r, _] in fixtures.run(fixtures.manifest(cert))}
	not "certificate-common-name-not-in-dns-names" in {r | some [r, _] in fixtures.run(fixtures.manifest(cert))}
}

test_good_ingressroute_passes if {
	fixtures.run(fixtures.manifest(good_route)) == set()
}

test_ingressroute_on_web_entrypoint if {
	route := json.patch(good_route, [{"op": "add", "path": "/spec/entryPoints/-", "value": "web"}])
	fixtures.run(fixtures.manifest(route)) == {["ingressroute-entrypoint-not-secure", ["spec", "entryPoints", 1]]}
}

test_ingressroute_without_entrypoints if {
	route := json.patch(good_route, [{"op": "remove", "path": "/spec/entryPoints"}])
	fixtures.run(fixtures.manifest(route)) == {["ingressroute-entrypoint-not-secure", ["spec"]]}
	some v in fixtures.violations(fixtures.manifest(route))
	v.msg == "IngressRoute ollama sets no entryPoints, so Traefik serves it on all of them; set spec.entryPoints: [websecure]"
}

test_ingressroute_with_empty_entrypoints if {
	route := json.patch(good_route, [{"op": "replace", "path": "/spec/entryPoints", "value": []}])
	fixtures.run(fixtures.manifest(route)) == {["ingressroute-entrypoint-not-secure", ["spec", "entryPoints"]]}
	some v in fixtures.violations(fixtures.manifest(route))
	v.msg == "IngressRoute ollama sets no entryPoints, so Traefik serves it on all of them; set spec.entryPoints: [websecure]"
}

# The entry point to set is the lab's routing.entryPoint, whatever the lab calls it.
test_ingressroute_without_entrypoints_names_the_lab_entry_point if {
	lab := json.patch(fixtures.lab, [{"op": "replace", "path": "/routing/entryPoint", "value": "https"}])
	every route in [
		json.remove(good_route, ["spec/entryPoints"]),
		json.patch(good_route, [{"op": "replace", "path": "/spec/entryPoints", "value": []}]),
	] {
		result := data.homelab.main.violations with input as fixtures.manifest(route) with data.lab as lab with data.index as fixtures.index with data.run as fixtures.whole_tree
		{v.msg | some v in result; v.rule == "ingressroute-entrypoint-not-secure"} == {"IngressRoute ollama sets no entryPoints, so Traefik serves it on all of them; set spec.entryPoints: [https]"}
	}
}

test_ingressroute_without_tls if {
	route := json.patch(good_route, [{"op": "remove", "path": "/spec/tls"}])
	fixtures.run(fixtures.manifest(route)) == {["ingressroute-without-tls", ["spec"]]}
}

test_ingressroute_with_a_secret_no_certificate_writes if {
	route := json.patch(good_route, [{"op": "replace", "path": "/spec/tls/secretName", "value": "ollama-old-tls"}])
	fixtures.run(fixtures.manifest(route)) == {["ingressroute-certificate-missing", ["spec", "tls", "secretName"]]}
}

test_ingressroute_certificate_in_another_namespace_does_not_count if {
	route := json.patch(good_route, [{"op": "replace", "path": "/metadata/namespace", "value": "apps"}])
	some v in fixtures.violations(fixtures.manifest(route))
	v.rule == "ingressroute-certificate-missing"
	v.msg == "IngressRoute ollama uses TLS secret ollama-tls, which no Certificate, Ingress or Gateway with a cert-manager issuer in namespace apps writes"
}

test_ingressroute_host_the_certificate_does_not_name if {
	route := json.patch(good_route, [
		{"op": "add", "path": "/spec/routes/-", "value": {
			"match": "Host(`api.ollama.home.example.com`) || Host(`chat.home.example.com`)",
			"kind": "Rule",
			"middlewares": [{"name": "tailscale-only", "namespace": "kube-system"}],
			"services": [{"name": "ollama", "port": 11434}],
		}},
		{"op": "add", "path": "/spec/routes/-", "value": {
			"match": "Host(`a.b.ollama.home.example.com`)",
			"kind": "Rule",
			"middlewares": [{"name": "tailscale-only", "namespace": "kube-system"}],
			"services": [{"name": "ollama", "port": 11434}],
		}},
	])
	fixtures.run(fixtures.manifest(route)) == {
		["ingressroute-certificate-missing", ["spec", "routes", 1, "match"]],
		["ingressroute-certificate-missing", ["spec", "routes", 2, "match"]],
	}
}

test_ingressroute_with_a_cert_resolver_needs_no_certificate if {
	route := json.patch(good_route, [{"op": "replace", "path": "/spec/tls", "value": {"certResolver": "letsencrypt"}}])
	fixtures.run(fixtures.manifest(route)) == set()
}

tls_option(spec) := {"apiVersion": "traefik.io/v1alpha1", "kind": "TLSOption", "metadata": {"name": "default", "namespace": "kube-system"}, "spec": spec}

test_tls_option_at_minimum_passes if {
	fixtures.run(fixtures.manifest(tls_option({"minVersion": "VersionTLS12"}))) == set()
}

test_tls_option_below_minimum if {
	fixtures.run(fixtures.manifest(tls_option({"minVersion": "VersionTLS11"}))) == {["tls-min-version-too-low", ["spec", "minVersion"]]}
}

test_tls_option_default_is_too_low_when_lab_requires_13 if {
	result := data.homelab.main.violations with input as fixtures.manifest(tls_option({}))
		with data.lab as json.patch(fixtures.lab, [{"op": "replace", "path": "/routing/minTlsVersion", "value": "1.3"}])
		with data.index as fixtures.index
	{[v.rule, v.path] | some v in result} == {["tls-min-version-too-low", ["spec"]]}
}

helm_chart_config(values) := {
	"apiVersion": "helm.cattle.io/v1",
	"kind": "HelmChartConfig",
	"metadata": {"name": "traefik", "namespace": "kube-system"},
	"spec": {"valuesContent": values},
}

test_helm_chart_config_with_tls12_passes if {
	fixtures.run(fixtures.manifest(helm_chart_config("tlsOptions:\n  default:\n    minVersion: VersionTLS12\n"))) == set()
}

test_helm_chart_config_with_tls10 if {
	fixtures.run(fixtures.manifest(helm_chart_config("tlsOptions:\n  default:\n    minVersion: VersionTLS10\n"))) == {["tls-min-version-too-low", ["spec", "valuesContent"]]}
}

test_helm_chart_config_with_invalid_yaml_is_ignored if {
	fixtures.run(fixtures.manifest(helm_chart_config("tlsOptions: [unclosed"))) == set()
}

test_tls_option_with_unknown_version if {
	fixtures.run(fixtures.manifest(tls_option({"minVersion": "VersionSSL30"}))) == {["tls-min-version-too-low", ["spec", "minVersion"]]}
}

cluster_issuer(name, server) := {
	"apiVersion": "cert-manager.io/v1",
	"kind": "ClusterIssuer",
	"metadata": {"name": name},
	"spec": {"acme": {"server": server, "privateKeySecretRef": {"name": "account-key"}}},
}

test_production_issuer_on_the_production_server_passes if {
	issuer := cluster_issuer("letsencrypt-production", "https://acme-v02.api.letsencrypt.org/directory")
	fixtures.run(fixtures.manifest(issuer)) == set()
}

test_production_issuer_on_the_staging_server_fails if {
	issuer := cluster_issuer("letsencrypt-production", "https://acme-staging-v02.api.letsencrypt.org/directory")
	fixtures.run(fixtures.manifest(issuer)) == {["production-issuer-on-staging", ["spec", "acme", "server"]]}
	some v in fixtures.violations(fixtures.manifest(issuer))
	v.msg == "ClusterIssuer letsencrypt-production is the lab's production issuer but uses the staging server https://acme-staging-v02.api.letsencrypt.org/directory"
}

test_a_staging_issuer_under_another_name_passes if {
	issuer := cluster_issuer("letsencrypt-staging", "https://acme-staging-v02.api.letsencrypt.org/directory")
	fixtures.run(fixtures.manifest(issuer)) == set()
}

test_a_production_issuer_without_acme_passes if {
	issuer := {"apiVersion": "cert-manager.io/v1", "kind": "ClusterIssuer", "metadata": {"name": "letsencrypt-production"}, "spec": {"ca": {"secretName": "lab-ca"}}}
	fixtures.run(fixtures.manifest(issuer)) == set()
}

test_ingress_without_entry_points_annotation if {
	ing := json.remove(good_ingress, ["metadata/annotations/traefik.ingress.kubernetes.io~1router.entrypoints"])
	fixtures.run(fixtures.manifest(ing)) == {["ingress-entrypoint-not-secure", ["metadata", "annotations"]]}
	some v in fixtures.violations(fixtures.manifest(ing))
	v.msg == "Ingress grafana names no Traefik entry point, so Traefik serves it on all of them; set traefik.ingress.kubernetes.io/router.entrypoints: websecure"
}

# The entry point to set is the lab's routing.entryPoint, whatever the lab calls it.
test_ingress_without_entry_points_annotation_names_the_lab_entry_point if {
	ing := json.remove(good_ingress, ["metadata/annotations/traefik.ingress.kubernetes.io~1router.entrypoints"])
	lab := json.patch(fixtures.lab, [{"op": "replace", "path": "/routing/entryPoint", "value": "https"}])
	result := data.homelab.main.violations with input as fixtures.manifest(ing) with data.lab as lab with data.index as fixtures.index with data.run as fixtures.whole_tree
	some v in result
	v.rule == "ingress-entrypoint-not-secure"
	v.msg == "Ingress grafana names no Traefik entry point, so Traefik serves it on all of them; set traefik.ingress.kubernetes.io/router.entrypoints: https"
}

test_ingress_on_the_plain_http_entry_point if {
	ing := json.patch(good_ingress, [{"op": "replace", "path": "/metadata/annotations/traefik.ingress.kubernetes.io~1router.entrypoints", "value": "websecure, web"}])
	fixtures.run(fixtures.manifest(ing)) == {["ingress-entrypoint-not-secure", ["metadata", "annotations", "traefik.ingress.kubernetes.io/router.entrypoints"]]}
	some v in fixtures.violations(fixtures.manifest(ing))
	v.msg == "Ingress grafana listens on entry point web instead of websecure"
}

test_ingress_without_any_annotation if {
	ing := json.remove(good_ingress, ["metadata/annotations"])
	{"ingress-entrypoint-not-secure", "ingress-issuer-annotation-missing"} & {r | some [r, _] in fixtures.run(fixtures.manifest(ing))} == {"ingress-entrypoint-not-secure", "ingress-issuer-annotation-missing"}
	["ingress-entrypoint-not-secure", ["metadata"]] in fixtures.run(fixtures.manifest(ing))
}

# An Ingress whose issuer annotation makes cert-manager's ingress-shim write the secret.
shim_ingress(annotations, secret, hosts) := {
	"apiVersion": "networking.k8s.io/v1",
	"kind": "Ingress",
	"metadata": {"name": "open-webui", "namespace": "ml", "annotations": annotations},
	"spec": {"tls": [{"secretName": "other-tls", "hosts": ["other.home.example.com"]}, {"secretName": secret, "hosts": hosts}]},
}

shared_route := json.patch(good_route, [{"op": "replace", "path": "/spec/tls/secretName", "value": "webui-tls"}])

with_ingress(ing) := object.union(fixtures.index, {"Ingress": {"ml": {"open-webui": ing}}})

test_ingressroute_reusing_an_ingress_shim_secret_passes if {
	ing := shim_ingress({"cert-manager.io/cluster-issuer": "letsencrypt-production"}, "webui-tls", ["ollama.home.example.com"])
	result := data.homelab.main.violations with input as fixtures.manifest(shared_route) with data.lab as fixtures.lab with data.index as with_ingress(ing)
	result == set()
}

test_ingressroute_reusing_a_namespaced_issuer_shim_secret_passes if {
	ing := shim_ingress({"cert-manager.io/issuer": "local-ca"}, "webui-tls", ["*.home.example.com"])
	result := data.homelab.main.violations with input as fixtures.manifest(shared_route) with data.lab as fixtures.lab with data.index as with_ingress(ing)
	result == set()
}

test_ingress_shim_secret_must_name_the_route_host if {
	ing := shim_ingress({"cert-manager.io/cluster-issuer": "letsencrypt-production"}, "webui-tls", ["webui.home.example.com"])
	result := data.homelab.main.violations with input as fixtures.manifest(shared_route) with data.lab as fixtures.lab with data.index as with_ingress(ing)
	{[v.rule, v.path] | some v in result} == {["ingressroute-certificate-missing", ["spec", "routes", 0, "match"]]}
}

# Without an issuer annotation ingress-shim leaves the Ingress alone, so nothing writes the secret.
test_ingress_without_issuer_writes_no_secret if {
	ing := shim_ingress({}, "webui-tls", ["ollama.home.example.com"])
	result := data.homelab.main.violations with input as fixtures.manifest(shared_route) with data.lab as fixtures.lab with data.index as with_ingress(ing)
	{[v.rule, v.path] | some v in result} == {["ingressroute-certificate-missing", ["spec", "tls", "secretName"]]}
}

test_ingress_shim_secret_in_another_namespace_does_not_count if {
	ing := json.patch(shim_ingress({"cert-manager.io/cluster-issuer": "letsencrypt-production"}, "webui-tls", ["ollama.home.example.com"]), [{"op": "replace", "path": "/metadata/namespace", "value": "apps"}])
	index := object.union(fixtures.index, {"Ingress": {"apps": {"open-webui": ing}}})
	result := data.homelab.main.violations with input as fixtures.manifest(shared_route) with data.lab as fixtures.lab with data.index as index
	{[v.rule, v.path] | some v in result} == {["ingressroute-certificate-missing", ["spec", "tls", "secretName"]]}
}

# An Ingress that asks for a certificate with tls-acme instead of naming its issuer.
test_ingress_with_tls_acme_instead_of_an_issuer if {
	ing := json.patch(good_ingress, [
		{"op": "remove", "path": "/metadata/annotations/cert-manager.io~1cluster-issuer"},
		{"op": "add", "path": "/metadata/annotations/kubernetes.io~1tls-acme", "value": "true"},
	])
	fixtures.run(fixtures.manifest(ing)) == {["ingress-issuer-annotation-missing", ["metadata", "annotations", "kubernetes.io/tls-acme"]]}
	some v in fixtures.violations(fixtures.manifest(ing))
	v.msg == "Ingress grafana asks for a certificate with kubernetes.io/tls-acme, which leaves the issuer to cert-manager's default; name it with the annotation cert-manager.io/cluster-issuer: letsencrypt-production"
}

test_ingress_with_tls_acme_off_names_no_issuer if {
	ing := json.patch(good_ingress, [
		{"op": "remove", "path": "/metadata/annotations/cert-manager.io~1cluster-issuer"},
		{"op": "add", "path": "/metadata/annotations/kubernetes.io~1tls-acme", "value": "false"},
	])
	fixtures.run(fixtures.manifest(ing)) == {["ingress-issuer-annotation-missing", ["metadata", "annotations"]]}
}

test_ingress_with_tls_acme_and_an_issuer_passes if {
	ing := json.patch(good_ingress, [{"op": "add", "path": "/metadata/annotations/kubernetes.io~1tls-acme", "value": "true"}])
	fixtures.run(fixtures.manifest(ing)) == set()
}

lab_gateway := fixtures.index.Gateway["kube-system"].lab

test_the_lab_gateway_passes if {
	fixtures.run(fixtures.manifest(lab_gateway)) == set()
}

test_https_listener_without_certificate_refs if {
	gw := json.remove(lab_gateway, ["spec/listeners/1/tls"])
	fixtures.run(fixtures.manifest(gw)) == {["gateway-listener-without-certificate", ["spec", "listeners", 1]]}
	some v in fixtures.violations(fixtures.manifest(gw))
	v.msg == "Gateway lab listener websecure terminates HTTPS but names no tls.certificateRefs, so it has no certificate to serve"
}

test_https_listener_with_empty_certificate_refs if {
	gw := json.patch(lab_gateway, [{"op": "replace", "path": "/spec/listeners/1/tls/certificateRefs", "value": []}])
	fixtures.run(fixtures.manifest(gw)) == {["gateway-listener-without-certificate", ["spec", "listeners", 1, "tls", "certificateRefs"]]}
}

test_tls_listener_terminates_by_default if {
	gw := json.patch(lab_gateway, [{"op": "add", "path": "/spec/listeners/-", "value": {"name": "tls", "protocol": "TLS", "port": 9443}}])
	fixtures.run(fixtures.manifest(gw)) == {["gateway-listener-without-certificate", ["spec", "listeners", 2]]}
}

test_tls_passthrough_listener_needs_no_certificate if {
	gw := json.patch(lab_gateway, [{"op": "add", "path": "/spec/listeners/-", "value": {"name": "tls", "protocol": "TLS", "port": 9443, "tls": {"mode": "Passthrough"}}}])
	fixtures.run(fixtures.manifest(gw)) == set()
}

# The index holds the Gateway under check too, as the engine's does.
gateway_violations(gw) := result if {
	result := data.homelab.main.violations with input as fixtures.manifest(gw) with data.lab as fixtures.lab with data.index as with_gateway(gw)
}

test_listener_secret_nothing_writes if {
	gw := json.remove(lab_gateway, ["metadata/annotations"])
	{[v.rule, v.path] | some v in gateway_violations(gw)} == {["gateway-listener-without-certificate", ["spec", "listeners", 1, "tls", "certificateRefs", 0]]}
	some v in gateway_violations(gw)
	v.msg == "Gateway lab listener websecure uses Secret kube-system/wildcard-tls, which no Certificate, Ingress or Gateway with a cert-manager issuer in namespace kube-system writes"
}

test_gateway_shim_skips_a_listener_without_hostname if {
	gw := json.remove(lab_gateway, ["spec/listeners/1/hostname"])
	{[v.rule, v.path] | some v in gateway_violations(gw)} == {["gateway-listener-without-certificate", ["spec", "listeners", 1, "tls", "certificateRefs", 0]]}
	some v in gateway_violations(gw)
	v.msg == "Gateway lab listener websecure uses Secret kube-system/wildcard-tls, which no Certificate in namespace kube-system writes, and gateway-shim skips a listener without a hostname"
}

# The Certificate fixture in ml writes ollama-tls, so a Gateway without an issuer annotation may use it.
ollama_gateway(hostname) := json.patch(json.remove(lab_gateway, ["metadata/annotations"]), [
	{"op": "replace", "path": "/metadata/namespace", "value": "ml"},
	{"op": "replace", "path": "/spec/listeners/1/hostname", "value": hostname},
	{"op": "replace", "path": "/spec/listeners/1/tls/certificateRefs/0/name", "value": "ollama-tls"},
])

test_listener_secret_from_a_certificate_passes if {
	fixtures.run(fixtures.manifest(ollama_gateway("ollama.home.example.com"))) == set()
}

test_listener_secret_of_another_namespace_from_a_certificate_passes if {
	gw := json.patch(lab_gateway, [
		{"op": "replace", "path": "/spec/listeners/1/hostname", "value": "ollama.home.example.com"},
		{"op": "replace", "path": "/spec/listeners/1/tls/certificateRefs/0", "value": {"name": "ollama-tls", "namespace": "ml"}},
	])
	fixtures.run(fixtures.manifest(gw)) == set()
}

# The Certificate names ollama.home.example.com and *.ollama.home.example.com; a wildcard covers one label.
test_listener_hostname_a_certificate_covers_passes if {
	every hostname in ["ollama.home.example.com", "api.ollama.home.example.com", "*.ollama.home.example.com"] {
		fixtures.run(fixtures.manifest(ollama_gateway(hostname))) == set()
	}
}

test_listener_hostname_the_certificate_does_not_name if {
	every hostname in ["chat.home.example.com", "a.b.ollama.home.example.com", "*.home.example.com"] {
		fixtures.run(fixtures.manifest(ollama_gateway(hostname))) == {["gateway-listener-without-certificate", ["spec", "listeners", 1, "hostname"]]}
	}
	some v in fixtures.violations(fixtures.manifest(ollama_gateway("chat.home.example.com")))
	v.msg == "Gateway lab listener websecure serves hostname chat.home.example.com, but the certificate cert-manager writes to Secret ml/ollama-tls names only *.ollama.home.example.com, ollama.home.example.com"
}

test_listener_hostname_checked_against_a_secret_of_another_namespace if {
	gw := json.patch(lab_gateway, [{"op": "replace", "path": "/spec/listeners/1/tls/certificateRefs/0", "value": {"name": "ollama-tls", "namespace": "ml"}}])
	fixtures.run(fixtures.manifest(gw)) == {["gateway-listener-without-certificate", ["spec", "listeners", 1, "hostname"]]}
}

# Without a hostname the listener serves whatever the certificate names, so there is nothing to compare.
test_listener_without_hostname_on_a_certificate_secret_passes if {
	gw := json.remove(ollama_gateway("ollama.home.example.com"), ["spec/listeners/1/hostname"])
	fixtures.run(fixtures.manifest(gw)) == set()
}

# A listener may serve any of its certificateRefs, so one that names the hostname does not excuse another.
test_each_certificate_ref_of_a_listener_is_compared if {
	gw := json.patch(ollama_gateway("ollama.home.example.com"), [{"op": "add", "path": "/spec/listeners/1/tls/certificateRefs/-", "value": {"name": "n8n-tls", "namespace": "apps"}}])
	fixtures.run(fixtures.manifest(gw)) == {["gateway-listener-without-certificate", ["spec", "listeners", 1, "hostname"]]}
	some v in fixtures.violations(fixtures.manifest(gw))
	v.msg == "Gateway lab listener websecure serves hostname ollama.home.example.com, but the certificate cert-manager writes to Secret apps/n8n-tls names only n8n.home.example.com"
}

test_gateway_shim_writes_no_secret_in_another_namespace if {
	gw := json.patch(lab_gateway, [{"op": "replace", "path": "/spec/listeners/1/tls/certificateRefs/0", "value": {"name": "wildcard-tls", "namespace": "ml"}}])
	fixtures.run(fixtures.manifest(gw)) == {["gateway-listener-without-certificate", ["spec", "listeners", 1, "tls", "certificateRefs", 0]]}
	some v in fixtures.violations(fixtures.manifest(gw))
	v.msg == "Gateway lab listener websecure uses Secret ml/wildcard-tls, which no Certificate in namespace ml writes, and gateway-shim writes only to the Gateway's namespace kube-system"
}

test_a_certificate_ref_that_is_no_secret_is_not_checked if {
	gw := json.patch(lab_gateway, [
		{"op": "remove", "path": "/metadata/annotations"},
		{"op": "replace", "path": "/spec/listeners/1/tls/certificateRefs/0", "value": {"group": "example.com", "kind": "Vault", "name": "wildcard"}},
	])
	fixtures.run(fixtures.manifest(gw)) == set()
}

test_gateway_issuer_not_found if {
	gw := json.patch(lab_gateway, [{"op": "replace", "path": "/metadata/annotations/cert-manager.io~1cluster-issuer", "value": "letsencrypt-prod"}])
	fixtures.run(fixtures.manifest(gw)) == {["ingress-issuer-not-found", ["metadata", "annotations", "cert-manager.io/cluster-issuer"]]}
	some v in fixtures.violations(fixtures.manifest(gw))
	v.msg == "Gateway lab names ClusterIssuer letsencrypt-prod, which the repository does not define"
}

test_gateway_staging_issuer if {
	gw := json.patch(lab_gateway, [{"op": "replace", "path": "/metadata/annotations/cert-manager.io~1cluster-issuer", "value": "letsencrypt-staging"}])
	fixtures.run(fixtures.manifest(gw)) == {["certificate-issuer-not-production", ["metadata", "annotations", "cert-manager.io/cluster-issuer"]]}
	some v in fixtures.violations(fixtures.manifest(gw))
	v.msg == "Gateway lab takes its certificate from ClusterIssuer letsencrypt-staging instead of ClusterIssuer letsencrypt-production"
}

test_a_gateway_of_another_group_is_not_checked if {
	gw := json.patch(json.remove(lab_gateway, ["spec/listeners/1/tls"]), [
		{"op": "replace", "path": "/apiVersion", "value": "networking.istio.io/v1"},
		{"op": "replace", "path": "/metadata/annotations/cert-manager.io~1cluster-issuer", "value": "letsencrypt-prod"},
	])
	fixtures.run(fixtures.manifest(gw)) == set()
}

http_route(parent) := {
	"apiVersion": "gateway.networking.k8s.io/v1",
	"kind": "HTTPRoute",
	"metadata": {"name": "paperless", "namespace": "apps"},
	"spec": {
		"parentRefs": [parent],
		"hostnames": ["paperless.home.example.com"],
		"rules": [{"backendRefs": [{"name": "paperless", "port": 8000}]}],
	},
}

test_route_on_the_https_listener_passes if {
	fixtures.run(fixtures.manifest(http_route({"name": "lab", "namespace": "kube-system", "sectionName": "websecure"}))) == set()
}

test_route_on_the_https_port_passes if {
	fixtures.run(fixtures.manifest(http_route({"name": "lab", "namespace": "kube-system", "port": 8443}))) == set()
}

test_route_on_the_http_listener if {
	r := http_route({"name": "lab", "namespace": "kube-system", "sectionName": "web"})
	fixtures.run(fixtures.manifest(r)) == {["gateway-route-without-tls", ["spec", "parentRefs", 0]]}
	some v in fixtures.violations(fixtures.manifest(r))
	v.msg == "HTTPRoute paperless attaches to Gateway kube-system/lab listener web, which serves plain HTTP; set sectionName to an HTTPS listener, or make every rule a RequestRedirect to https"
}

# Without sectionName a route attaches to every listener that admits it, the plain one included.
test_route_without_section_name_attaches_to_the_http_listener if {
	r := json.patch(http_route({"name": "lab", "namespace": "kube-system", "sectionName": "websecure"}), [
		{"op": "remove", "path": "/spec/parentRefs/0/sectionName"},
		{"op": "add", "path": "/spec/parentRefs/0", "value": {"name": "elsewhere", "namespace": "kube-system"}},
	])
	fixtures.run(fixtures.manifest(r)) == {["gateway-route-without-tls", ["spec", "parentRefs", 1]]}
}

test_grpc_route_on_the_http_listener if {
	r := json.patch(http_route({"name": "lab", "namespace": "kube-system", "sectionName": "web"}), [{"op": "replace", "path": "/kind", "value": "GRPCRoute"}])
	fixtures.run(fixtures.manifest(r)) == {["gateway-route-without-tls", ["spec", "parentRefs", 0]]}
}

redirect(scheme) := {"filters": [{"type": "RequestRedirect", "requestRedirect": {"scheme": scheme, "statusCode": 301}}]}

test_a_redirect_to_https_on_the_http_listener_passes if {
	r := json.patch(http_route({"name": "lab", "namespace": "kube-system", "sectionName": "web"}), [{"op": "replace", "path": "/spec/rules", "value": [redirect("https")]}])
	fixtures.run(fixtures.manifest(r)) == set()
}

test_a_route_that_redirects_only_some_rules_is_served_in_plain_text if {
	r := json.patch(http_route({"name": "lab", "namespace": "kube-system", "sectionName": "web"}), [{"op": "add", "path": "/spec/rules/-", "value": redirect("https")}])
	fixtures.run(fixtures.manifest(r)) == {["gateway-route-without-tls", ["spec", "parentRefs", 0]]}
}

test_a_redirect_to_http_is_served_in_plain_text if {
	r := json.patch(http_route({"name": "lab", "namespace": "kube-system", "sectionName": "web"}), [{"op": "replace", "path": "/spec/rules", "value": [redirect("http")]}])
	fixtures.run(fixtures.manifest(r)) == {["gateway-route-without-tls", ["spec", "parentRefs", 0]]}
}

# The policy cannot know the listeners of a Gateway that some chart installs, so it stays quiet.
test_a_gateway_outside_the_tree_is_not_checked if {
	fixtures.run(fixtures.manifest(http_route({"name": "chart-gateway", "namespace": "kube-system", "sectionName": "web"}))) == set()
}

test_a_route_in_the_gateway_namespace_defaults_to_it if {
	r := json.patch(http_route({"name": "lab", "sectionName": "web"}), [{"op": "replace", "path": "/metadata/namespace", "value": "kube-system"}])
	fixtures.run(fixtures.manifest(r)) == {["gateway-route-without-tls", ["spec", "parentRefs", 0]]}
}

# json.patch rather than object.union, which would merge the old Gateway's fields into the new one.
with_gateway(gw) := json.patch(fixtures.index, [{"op": "add", "path": "/Gateway/kube-system/lab", "value": gw}])

route_findings(route, gw) := {[v.rule, v.path] | some v in data.homelab.main.violations with input as fixtures.manifest(route) with data.lab as fixtures.lab with data.index as with_gateway(gw)}

test_an_http_listener_that_admits_only_its_own_namespace_does_not_serve_the_route if {
	gw := json.remove(lab_gateway, ["spec/listeners/0/allowedRoutes"])
	route_findings(http_route({"name": "lab", "namespace": "kube-system"}), gw) == set()
	route := json.patch(http_route({"name": "lab"}), [{"op": "replace", "path": "/metadata/namespace", "value": "kube-system"}])
	route_findings(route, gw) == {["gateway-route-without-tls", ["spec", "parentRefs", 0]]}
}

test_an_http_listener_for_other_kinds_does_not_serve_the_route if {
	gw := json.patch(lab_gateway, [{"op": "add", "path": "/spec/listeners/0/allowedRoutes/kinds", "value": [{"kind": "GRPCRoute"}, {"group": "example.com", "kind": "HTTPRoute"}]}])
	route_findings(http_route({"name": "lab", "namespace": "kube-system"}), gw) == set()
}

test_an_http_listener_that_names_the_route_kind_serves_it if {
	gw := json.patch(lab_gateway, [{"op": "add", "path": "/spec/listeners/0/allowedRoutes/kinds", "value": [{"group": "gateway.networking.k8s.io", "kind": "HTTPRoute"}]}])
	route_findings(http_route({"name": "lab", "namespace": "kube-system"}), gw) == {["gateway-route-without-tls", ["spec", "parentRefs", 0]]}
}

# The apps Namespace of the fixtures carries gateway-access: "true".
selector_gateway(selector) := json.patch(lab_gateway, [{"op": "replace", "path": "/spec/listeners/0/allowedRoutes/namespaces", "value": {"from": "Selector", "selector": selector}}])

on_web := http_route({"name": "lab", "namespace": "kube-system", "sectionName": "web"})

test_an_http_listener_that_selects_the_route_namespace_by_label_serves_it if {
	every selector in [
		{"matchLabels": {"gateway-access": "true"}},
		{"matchLabels": {"kubernetes.io/metadata.name": "apps"}},
		{"matchExpressions": [{"key": "gateway-access", "operator": "In", "values": ["true", "yes"]}]},
		{"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["internal"]}]},
		{"matchExpressions": [{"key": "gateway-access", "operator": "Exists"}, {"key": "tier", "operator": "DoesNotExist"}]},
		{},
	] {
		route_findings(on_web, selector_gateway(selector)) == {["gateway-route-without-tls", ["spec", "parentRefs", 0]]}
	}
}

test_an_http_listener_that_selects_other_namespaces_does_not_serve_the_route if {
	every selector in [
		{"matchLabels": {"gateway-access": "false"}},
		{"matchLabels": {"gateway-access": "true", "tier": "edge"}},
		{"matchExpressions": [{"key": "gateway-access", "operator": "NotIn", "values": ["true"]}]},
		{"matchExpressions": [{"key": "tier", "operator": "In", "values": ["edge"]}]},
		{"matchExpressions": [{"key": "tier", "operator": "Exists"}]},
		{"matchExpressions": [{"key": "gateway-access", "operator": "DoesNotExist"}]},
		{"matchExpressions": [{"key": "gateway-access", "operator": "Unknown"}]},
	] {
		route_findings(on_web, selector_gateway(selector)) == set()
	}
}

# Without the route's Namespace in the tree its labels are unknown, so the policy stays quiet.
test_a_selector_on_a_namespace_outside_the_tree_is_not_checked if {
	route := json.patch(on_web, [{"op": "replace", "path": "/metadata/namespace", "value": "data"}])
	route_findings(route, selector_gateway({})) == set()
}

# gateway-shim writes wildcard-tls for the lab Gateway's websecure listener, so an IngressRoute may use it.
gateway_secret_route := json.patch(good_route, [
	{"op": "replace", "path": "/metadata/namespace", "value": "kube-system"},
	{"op": "replace", "path": "/spec/tls/secretName", "value": "wildcard-tls"},
])

test_ingressroute_reusing_a_gateway_shim_secret_passes if {
	fixtures.run(fixtures.manifest(gateway_secret_route)) == set()
}

test_gateway_shim_secret_must_cover_the_route_host if {
	route := json.patch(gateway_secret_route, [{"op": "replace", "path": "/spec/routes/0/match", "value": "Host(`api.ollama.home.example.com`)"}])
	fixtures.run(fixtures.manifest(route)) == {["ingressroute-certificate-missing", ["spec", "routes", 0, "match"]]}
}

test_a_gateway_without_issuer_writes_no_secret if {
	gw := json.remove(lab_gateway, ["metadata/annotations"])
	route_findings(gateway_secret_route, gw) == {["ingressroute-certificate-missing", ["spec", "tls", "secretName"]]}
}

hostname_gateway(hostname) := json.patch(lab_gateway, [{"op": "add", "path": "/spec/listeners/0/hostname", "value": hostname}])

# A listener with a hostname admits only routes with a hostname it can serve, or routes with none.
test_an_http_listener_for_other_hosts_does_not_serve_the_route if {
	every hostname in ["redirect.home.example.com", "*.paperless.home.example.com", "*.example.org"] {
		route_findings(on_web, hostname_gateway(hostname)) == set()
	}
}

test_an_http_listener_for_the_route_host_serves_it if {
	every hostname in ["paperless.home.example.com", "*.home.example.com", "*.example.com"] {
		route_findings(on_web, hostname_gateway(hostname)) == {["gateway-route-without-tls", ["spec", "parentRefs", 0]]}
	}
	wildcard_route := json.patch(on_web, [{"op": "replace", "path": "/spec/hostnames", "value": ["*.home.example.com"]}])
	route_findings(wildcard_route, hostname_gateway("paperless.home.example.com")) == {["gateway-route-without-tls", ["spec", "parentRefs", 0]]}
	hostless_route := json.remove(on_web, ["spec/hostnames"])
	route_findings(hostless_route, hostname_gateway("redirect.home.example.com")) == {["gateway-route-without-tls", ["spec", "parentRefs", 0]]}
}

# A run that sees only part of the tree (a file named outside it, or a file of it that did not load)
# may lack the object a rule looks for, so the rules that conclude an object is missing wait; the
# ones that judge the document by itself, or by an object the run did load, still report.
without(kinds) := object.remove(fixtures.index, kinds)

test_issuer_not_found_only_in_the_whole_tree if {
	inp := fixtures.manifest(good_ingress)
	fixtures.run_with(inp, without(["ClusterIssuer"]), fixtures.whole_tree) == {["ingress-issuer-not-found", ["metadata", "annotations", "cert-manager.io/cluster-issuer"]]}
	fixtures.run_with(inp, without(["ClusterIssuer"]), fixtures.part_of_the_tree) == set()
}

test_issuer_not_loaded_is_still_not_production if {
	ing := json.patch(good_ingress, [{"op": "replace", "path": "/metadata/annotations/cert-manager.io~1cluster-issuer", "value": "letsencrypt-staging"}])
	inp := fixtures.manifest(ing)
	fixtures.run_with(inp, without(["ClusterIssuer"]), fixtures.whole_tree) == {["ingress-issuer-not-found", ["metadata", "annotations", "cert-manager.io/cluster-issuer"]]}
	fixtures.run_with(inp, without(["ClusterIssuer"]), fixtures.part_of_the_tree) == {["certificate-issuer-not-production", ["metadata", "annotations", "cert-manager.io/cluster-issuer"]]}
}

test_loaded_issuer_counts_in_part_of_the_tree if {
	fixtures.run_with(fixtures.manifest(good_ingress), fixtures.index, fixtures.part_of_the_tree) == set()
}

test_ingressroute_secret_unwritten_only_in_the_whole_tree if {
	inp := fixtures.manifest(good_route)
	fixtures.run_with(inp, without(["Certificate"]), fixtures.whole_tree) == {["ingressroute-certificate-missing", ["spec", "tls", "secretName"]]}
	fixtures.run_with(inp, without(["Certificate"]), fixtures.part_of_the_tree) == set()
}

# Another writer of the secret, in a file the run did not read, may name the host the loaded ones lack.
test_ingressroute_host_unnamed_only_in_the_whole_tree if {
	route := json.patch(good_route, [{"op": "add", "path": "/spec/routes/-", "value": {
		"match": "Host(`chat.home.example.com`)",
		"kind": "Rule",
		"middlewares": [{"name": "tailscale-only", "namespace": "kube-system"}],
		"services": [{"name": "ollama", "port": 11434}],
	}}])
	fixtures.run_with(fixtures.manifest(route), fixtures.index, fixtures.whole_tree) == {["ingressroute-certificate-missing", ["spec", "routes", 1, "match"]]}
	fixtures.run_with(fixtures.manifest(route), fixtures.index, fixtures.part_of_the_tree) == set()
}

test_listener_secret_unwritten_only_in_the_whole_tree if {
	gw := json.remove(lab_gateway, ["metadata/annotations"])
	inp := fixtures.manifest(gw)
	fixtures.run_with(inp, with_gateway(gw), fixtures.whole_tree) == {["gateway-listener-without-certificate", ["spec", "listeners", 1, "tls", "certificateRefs", 0]]}
	fixtures.run_with(inp, with_gateway(gw), fixtures.part_of_the_tree) == set()
}

test_listener_without_certificate_refs_in_part_of_the_tree if {
	gw := json.remove(lab_gateway, ["spec/listeners/1/tls"])
	fixtures.run_with(fixtures.manifest(gw), with_gateway(gw), fixtures.part_of_the_tree) == {["gateway-listener-without-certificate", ["spec", "listeners", 1]]}
}

test_listener_hostname_unnamed_only_in_the_whole_tree if {
	inp := fixtures.manifest(ollama_gateway("chat.home.example.com"))
	fixtures.run_with(inp, fixtures.index, fixtures.whole_tree) == {["gateway-listener-without-certificate", ["spec", "listeners", 1, "hostname"]]}
	fixtures.run_with(inp, fixtures.index, fixtures.part_of_the_tree) == set()
}

# cert-manager puts a commonName only in the certificate's subject, which browsers ignore, so a
# Certificate without dnsNames names no host, for an IngressRoute as for a Gateway listener.
common_name_certificate(common_name, dns_names) := {
	"apiVersion": "cert-manager.io/v1", "kind": "Certificate",
	"metadata": {"name": "chat", "namespace": "ml"},
	"spec": {"secretName": "chat-tls", "commonName": common_name, "dnsNames": dns_names},
}

with_chat_certificate(cert) := json.patch(fixtures.index, [{"op": "add", "path": "/Certificate/ml/chat", "value": cert}])

chat_route := json.patch(good_route, [
	{"op": "replace", "path": "/spec/tls/secretName", "value": "chat-tls"},
	{"op": "replace", "path": "/spec/routes/0/match", "value": "Host(`chat.home.example.com`)"},
])

test_ingressroute_host_only_a_common_name_names_is_not_covered if {
	every cert in [
		json.remove(common_name_certificate("chat.home.example.com", []), ["spec/dnsNames"]),
		common_name_certificate("chat.home.example.com", ["webui.home.example.com"]),
	] {
		fixtures.run_with(fixtures.manifest(chat_route), with_chat_certificate(cert), fixtures.whole_tree) == {["ingressroute-certificate-missing", ["spec", "routes", 0, "match"]]}
	}
	cert := common_name_certificate("chat.home.example.com", ["chat.home.example.com"])
	fixtures.run_with(fixtures.manifest(chat_route), with_chat_certificate(cert), fixtures.whole_tree) == set()
}

chat_gateway := json.patch(ollama_gateway("chat.home.example.com"), [{"op": "replace", "path": "/spec/listeners/1/tls/certificateRefs/0/name", "value": "chat-tls"}])

test_listener_hostname_only_a_common_name_names_is_not_covered if {
	cert := json.remove(common_name_certificate("chat.home.example.com", []), ["spec/dnsNames"])
	fixtures.run_with(fixtures.manifest(chat_gateway), with_chat_certificate(cert), fixtures.whole_tree) == {["gateway-listener-without-certificate", ["spec", "listeners", 1, "hostname"]]}
	some v in fixtures.violations_with(fixtures.manifest(chat_gateway), with_chat_certificate(cert), fixtures.whole_tree)
	v.msg == "Gateway lab listener websecure serves hostname chat.home.example.com, but the certificate cert-manager writes to Secret ml/chat-tls names no DNS name (only spec.dnsNames count, not a commonName)"
	other := common_name_certificate("chat.home.example.com", ["webui.home.example.com"])
	fixtures.run_with(fixtures.manifest(chat_gateway), with_chat_certificate(other), fixtures.whole_tree) == {["gateway-listener-without-certificate", ["spec", "listeners", 1, "hostname"]]}
	named := common_name_certificate("chat.home.example.com", ["chat.home.example.com"])
	fixtures.run_with(fixtures.manifest(chat_gateway), with_chat_certificate(named), fixtures.whole_tree) == set()
}

# A Secret that more than one object has cert-manager write: the index holds every writer, the
# document under check included, as the engine's does.
writer_certificate(ns, name, secret) := {
	"apiVersion": "cert-manager.io/v1", "kind": "Certificate",
	"metadata": {"name": name, "namespace": ns},
	"spec": {"secretName": secret, "dnsNames": ["chat.home.example.com"], "issuerRef": {"kind": "ClusterIssuer", "name": "letsencrypt-production"}},
}

with_objects(objects) := json.patch(fixtures.index, array.concat(
	[{"op": "add", "path": sprintf("/%s/%s", [kind, ns]), "value": {}} |
		some [kind, ns] in {[o.kind, o.metadata.namespace] | some o in objects}
		not fixtures.index[kind][ns]
	],
	[{"op": "add", "path": sprintf("/%s/%s/%s", [o.kind, o.metadata.namespace, o.metadata.name]), "value": o} | some o in objects],
))

# The Ingresses here carry no routes, so only this rule's findings are compared.
writer_findings(doc, objects) := {f |
	some f in fixtures.run_with(fixtures.manifest(doc), with_objects(objects), fixtures.whole_tree)
	f[0] == "tls-secret-multiple-writers"
}

test_two_certificates_writing_one_secret if {
	copy := writer_certificate("ml", "ollama-copy", "ollama-tls")
	writer_findings(copy, [copy]) == {["tls-secret-multiple-writers", ["spec", "secretName"]]}
	some v in fixtures.violations_with(fixtures.manifest(copy), with_objects([copy]), fixtures.whole_tree)
	v.msg == "Certificate ollama-copy writes TLS secret ollama-tls, which Certificate ollama writes too; cert-manager lets one Certificate own a Secret, so it holds the certificate of only one of them"

	# The first writer, by name, is where the Secret is meant to come from.
	writer_findings(fixtures.index.Certificate.ml.ollama, [copy]) == set()
}

test_a_certificate_writing_the_secret_of_an_ingress_with_an_issuer if {
	cert := writer_certificate("apps", "n8n", "n8n-tls")
	writer_findings(cert, [cert]) == {["tls-secret-multiple-writers", ["spec", "secretName"]]}
	some v in fixtures.violations_with(fixtures.manifest(cert), with_objects([cert]), fixtures.whole_tree)
	v.msg == "Certificate n8n writes TLS secret n8n-tls, which Ingress n8n has ingress-shim write too; cert-manager lets one Certificate own a Secret, so it holds the certificate of only one of them"
	writer_findings(fixtures.index.Ingress.apps.n8n, [cert]) == set()
}

test_a_certificate_writing_the_secret_of_a_gateway_with_an_issuer if {
	cert := writer_certificate("kube-system", "wildcard", "wildcard-tls")
	writer_findings(cert, [cert]) == {["tls-secret-multiple-writers", ["spec", "secretName"]]}
	some v in fixtures.violations_with(fixtures.manifest(cert), with_objects([cert]), fixtures.whole_tree)
	v.msg == "Certificate wildcard writes TLS secret wildcard-tls, which Gateway lab has gateway-shim write too; cert-manager lets one Certificate own a Secret, so it holds the certificate of only one of them"
}

# Without an issuer annotation the Ingress only reads the Secret, which the Certificate alone writes.
test_a_certificate_writing_the_secret_an_ingress_without_issuer_reads_passes if {
	cert := writer_certificate("apps", "n8n", "n8n-tls")
	ing := json.remove(fixtures.index.Ingress.apps.n8n, ["metadata/annotations"])
	writer_findings(cert, [cert, ing]) == set()
}

test_certificates_of_one_secret_name_in_two_namespaces_pass if {
	cert := writer_certificate("apps", "ollama", "ollama-tls")
	writer_findings(cert, [cert]) == set()
}

shim_writer(ns, hosts) := {
	"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
	"metadata": {"name": "wildcard", "namespace": ns, "annotations": {"cert-manager.io/cluster-issuer": "letsencrypt-production"}},
	"spec": {"tls": [{"secretName": "wildcard-tls", "hosts": hosts}]},
}

# ingress-shim and gateway-shim each make a Certificate named after the Secret; the one that does
# not own it refuses to change it, so its names are served only when they are the same.
test_a_gateway_and_an_ingress_asking_one_secret_for_other_names if {
	ing := shim_writer("kube-system", ["grafana.home.example.com"])
	writer_findings(lab_gateway, [ing]) == {["tls-secret-multiple-writers", ["spec", "listeners", 1, "tls", "certificateRefs", 0, "name"]]}
	some v in fixtures.violations_with(fixtures.manifest(lab_gateway), with_objects([ing]), fixtures.whole_tree)
	v.msg == "Gateway lab has gateway-shim write TLS secret wildcard-tls, which Ingress wildcard has ingress-shim write too; cert-manager lets one Certificate own a Secret, so it holds the certificate of only one of them"
	writer_findings(ing, [ing]) == set()
	same := shim_writer("kube-system", ["*.home.example.com"])
	writer_findings(lab_gateway, [same]) == set()
}

# Two Ingresses are shared-tls-secret's, a convention rule that compares their hosts.
test_two_ingresses_writing_one_secret_are_left_to_shared_tls_secret if {
	ing := json.patch(shim_writer("apps", ["webui.home.example.com"]), [{"op": "replace", "path": "/spec/tls/0/secretName", "value": "n8n-tls"}])
	writer_findings(ing, [ing]) == set()
	writer_findings(fixtures.index.Ingress.apps.n8n, [ing]) == set()
}

# gateway-shim skips a listener without a hostname, and one whose Secret is in another namespace.
test_a_gateway_listener_gateway_shim_skips_writes_no_secret if {
	cert := writer_certificate("kube-system", "wildcard", "wildcard-tls")
	gw := json.remove(lab_gateway, ["spec/listeners/1/hostname"])
	writer_findings(cert, [cert, gw]) == set()
	elsewhere := json.patch(lab_gateway, [{"op": "replace", "path": "/spec/listeners/1/tls/certificateRefs/0", "value": {"name": "wildcard-tls", "namespace": "ml"}}])
	writer_findings(json.patch(cert, [{"op": "replace", "path": "/metadata/namespace", "value": "ml"}]), [elsewhere]) == set()
}

# Both writers are loaded, so the conflict is certain on a partial run too.
test_two_writers_of_one_secret_in_part_of_the_tree if {
	copy := writer_certificate("ml", "ollama-copy", "ollama-tls")
	fixtures.run_with(fixtures.manifest(copy), with_objects([copy]), fixtures.part_of_the_tree) == {["tls-secret-multiple-writers", ["spec", "secretName"]]}
}

# A lab that requires TLS 1.3 and declares no default TLS options leaves Traefik's own, TLS 1.2, on
# every route that names no TLS option of its own.
lab_13 := json.patch(fixtures.lab, [{"op": "replace", "path": "/routing/minTlsVersion", "value": "1.3"}])

tls_13_findings(doc, idx, run_data) := {[v.rule, v.path] | some v in tls_13_violations(doc, idx, run_data)}

tls_13_violations(doc, idx, run_data) := result if {
	result := data.homelab.main.violations with input as fixtures.manifest(doc) with data.lab as lab_13 with data.index as idx with data.run as run_data
	unrouted := data.homelab.main.unrouted_violations with input as fixtures.manifest(doc) with data.lab as lab_13 with data.index as idx with data.run as run_data
	result == unrouted
}

raised_option := json.patch(fixtures.index, [{"op": "replace", "path": "/TLSOption/kube-system/default/spec/minVersion", "value": "VersionTLS13"}])

no_default_options := object.remove(fixtures.index, ["TLSOption"])

test_routes_on_traefik_default_options_when_the_lab_requires_13 if {
	tls_13_findings(good_ingress, no_default_options, fixtures.whole_tree) == {["tls-min-version-too-low", ["spec", "tls"]]}
	tls_13_findings(good_route, no_default_options, fixtures.whole_tree) == {["tls-min-version-too-low", ["spec", "tls"]]}
	some v in tls_13_violations(good_route, no_default_options, fixtures.whole_tree)
	v.msg == "IngressRoute ollama is served with Traefik's default TLS options, which allow TLS 1.2 while the lab minimum is TLS 1.3; no TLSOption default nor tlsOptions.default in a HelmChartConfig raises them"
}

test_a_default_tls_option_raises_traefik_defaults if {
	tls_13_findings(good_ingress, raised_option, fixtures.whole_tree) == set()
	tls_13_findings(good_route, raised_option, fixtures.whole_tree) == set()
	in_another_namespace := json.patch(no_default_options, [{"op": "add", "path": "/TLSOption", "value": {"apps": {"default": {"apiVersion": "traefik.io/v1alpha1", "kind": "TLSOption", "metadata": {"name": "default", "namespace": "apps"}}}}}])
	tls_13_findings(good_route, in_another_namespace, fixtures.whole_tree) == set()
}

test_helm_chart_config_default_tls_options_raise_traefik_defaults if {
	idx := json.patch(no_default_options, [{"op": "replace", "path": "/HelmChartConfig/kube-system/traefik/spec/valuesContent", "value": "tlsOptions:\n  default:\n    minVersion: VersionTLS13\n"}])
	tls_13_findings(good_route, idx, fixtures.whole_tree) == set()
	other_option := json.patch(no_default_options, [{"op": "replace", "path": "/HelmChartConfig/kube-system/traefik/spec/valuesContent", "value": "tlsOptions:\n  modern:\n    minVersion: VersionTLS13\n"}])
	tls_13_findings(good_route, other_option, fixtures.whole_tree) == {["tls-min-version-too-low", ["spec", "tls"]]}
	broken := json.patch(no_default_options, [{"op": "replace", "path": "/HelmChartConfig/kube-system/traefik/spec/valuesContent", "value": "tlsOptions: [unclosed"}])
	tls_13_findings(good_route, broken, fixtures.whole_tree) == {["tls-min-version-too-low", ["spec", "tls"]]}
}

test_a_route_that_names_its_tls_option_is_not_on_the_defaults if {
	route := json.patch(good_route, [{"op": "add", "path": "/spec/tls/options", "value": {"name": "modern", "namespace": "kube-system"}}])
	tls_13_findings(route, no_default_options, fixtures.whole_tree) == set()
	ing := json.patch(good_ingress, [{"op": "add", "path": "/metadata/annotations/traefik.ingress.kubernetes.io~1router.tls.options", "value": "kube-system-modern@kubernetescrd"}])
	tls_13_findings(ing, no_default_options, fixtures.whole_tree) == set()
}

test_routes_without_tls_are_not_on_the_defaults if {
	ing := json.remove(good_ingress, ["spec/tls"])
	not ["tls-min-version-too-low", ["spec", "tls"]] in tls_13_findings(ing, no_default_options, fixtures.whole_tree)
	route := json.remove(good_route, ["spec/tls"])
	not ["tls-min-version-too-low", ["spec", "tls"]] in tls_13_findings(route, no_default_options, fixtures.whole_tree)
}

# Traefik makes a router TLS for its router.tls annotation (true in any case, or any router.tls.* setting
# but options), with or without spec.tls.
router_tls_annotation := "traefik.ingress.kubernetes.io/router.tls"

annotation_tls_ingress(annotations) := json.patch(json.remove(good_ingress, ["spec/tls"]), [{"op": "add", "path": "/metadata/annotations", "value": object.union(good_ingress.metadata.annotations, annotations)}])

test_an_ingress_tls_by_its_router_tls_annotation_is_on_the_defaults if {
	every pair in [
		[router_tls_annotation, "true"],
		[router_tls_annotation, "True"],
		["traefik.ingress.kubernetes.io/router.tls.certresolver", "le"],
	] {
		[key, value] := pair
		findings := tls_13_findings(annotation_tls_ingress({key: value}), no_default_options, fixtures.whole_tree)
		{f | some f in findings; f[0] == "tls-min-version-too-low"} == {["tls-min-version-too-low", ["metadata", "annotations", key]]}
	}
	some v in tls_13_violations(annotation_tls_ingress({router_tls_annotation: "true"}), no_default_options, fixtures.whole_tree)
	v.rule == "tls-min-version-too-low"
	v.msg == "Ingress grafana is served with Traefik's default TLS options, which allow TLS 1.2 while the lab minimum is TLS 1.3; no TLSOption default nor tlsOptions.default in a HelmChartConfig raises them"
}

test_an_ingress_with_tls_turned_off_or_its_own_option_is_not_on_the_defaults if {
	every annotations in [
		{router_tls_annotation: "false", entrypoints: "web"},
		{router_tls_annotation: "false", "traefik.ingress.kubernetes.io/router.tls.certresolver": "le", entrypoints: "web"},
		{router_tls_annotation: "true", "traefik.ingress.kubernetes.io/router.tls.options": "kube-system-modern@kubernetescrd"},
		{"traefik.ingress.kubernetes.io/router.tls.options": "kube-system-modern@kubernetescrd"},
	] {
		findings := tls_13_findings(annotation_tls_ingress(annotations), no_default_options, fixtures.whole_tree)
		not "tls-min-version-too-low" in {r | some [r, _] in findings}
	}
	findings := tls_13_findings(annotation_tls_ingress({router_tls_annotation: "true"}), raised_option, fixtures.whole_tree)
	not "tls-min-version-too-low" in {r | some [r, _] in findings}
}

# With spec.tls too, the one finding stays on spec.tls.
test_an_ingress_with_tls_and_the_annotation_is_reported_once if {
	ing := json.patch(good_ingress, [{"op": "add", "path": "/metadata/annotations/traefik.ingress.kubernetes.io~1router.tls", "value": "true"}])
	tls_13_findings(ing, no_default_options, fixtures.whole_tree) == {["tls-min-version-too-low", ["spec", "tls"]]}
}

test_traefik_defaults_are_enough_when_the_lab_requires_12 if {
	fixtures.run_with(fixtures.manifest(good_route), no_default_options, fixtures.whole_tree) == set()
}

# The TLSOption default may be in a file the run did not read.
test_routes_on_traefik_default_options_only_in_the_whole_tree if {
	tls_13_findings(good_route, no_default_options, fixtures.part_of_the_tree) == set()
}

# A kind of the same name from another API group is another resource, neither judged nor counted:
# only cert-manager.io's Certificate, Issuer and ClusterIssuer, Traefik's (traefik.io, or the older
# traefik.containo.us) IngressRoute and TLSOption, and K3s's HelmChartConfig are the ones these rules know.
other_group(obj) := json.patch(obj, [{"op": "replace", "path": "/apiVersion", "value": "example.com/v1"}])

test_documents_of_another_group_are_not_judged if {
	every doc in [
		other_group(certificate({"kind": "ClusterIssuer", "name": "letsencrypt-staging"})),
		other_group(writer_certificate("ml", "ollama-copy", "ollama-tls")),
		other_group(cluster_issuer("letsencrypt-production", "https://acme-staging-v02.api.letsencrypt.org/directory")),
		other_group(tls_option({"minVersion": "VersionTLS10"})),
		other_group(helm_chart_config("tlsOptions:\n  default:\n    minVersion: VersionTLS10\n")),
	] {
		fixtures.run_with(fixtures.manifest(doc), with_objects([doc]), fixtures.whole_tree) == set()
	}
	fixtures.run(fixtures.manifest(other_group(json.remove(good_route, ["spec/entryPoints", "spec/tls"])))) == set()

	# The group is matched whole, not by its first label.
	lookalike := json.patch(good_route, [{"op": "replace", "path": "/apiVersion", "value": "traefik.example.com/v1"}])
	fixtures.run(fixtures.manifest(json.remove(lookalike, ["spec/entryPoints", "spec/tls"]))) == set()
	tls_13_findings(other_group(good_route), no_default_options, fixtures.whole_tree) == set()
}

# Traefik v2's group still serves the same IngressRoute and TLSOption.
test_traefik_containo_us_kinds_are_judged if {
	route := json.patch(good_route, [{"op": "replace", "path": "/apiVersion", "value": "traefik.containo.us/v1alpha1"}])
	fixtures.run(fixtures.manifest(json.remove(route, ["spec/tls"]))) == {["ingressroute-without-tls", ["spec"]]}
	option := json.patch(tls_option({"minVersion": "VersionTLS11"}), [{"op": "replace", "path": "/apiVersion", "value": "traefik.containo.us/v1alpha1"}])
	fixtures.run(fixtures.manifest(option)) == {["tls-min-version-too-low", ["spec", "minVersion"]]}
	raised := json.patch(no_default_options, [{"op": "add", "path": "/TLSOption", "value": {"kube-system": {"default": json.patch(option, [{"op": "replace", "path": "/spec/minVersion", "value": "VersionTLS13"}])}}}])
	tls_13_findings(good_route, raised, fixtures.whole_tree) == set()
}

test_index_entries_of_another_group_do_not_count if {
	# An issuer of another group is not the one cert-manager's ingress-shim uses.
	foreign_issuer := json.patch(fixtures.index, [{"op": "replace", "path": "/ClusterIssuer//letsencrypt-production", "value": other_group(fixtures.index.ClusterIssuer[""]["letsencrypt-production"])}])
	fixtures.run_with(fixtures.manifest(good_ingress), foreign_issuer, fixtures.whole_tree) == {["ingress-issuer-not-found", ["metadata", "annotations", "cert-manager.io/cluster-issuer"]]}

	# A Certificate of another group writes no Secret for cert-manager.
	foreign_certificate := json.patch(fixtures.index, [{"op": "replace", "path": "/Certificate/ml/ollama", "value": other_group(fixtures.index.Certificate.ml.ollama)}])
	fixtures.run_with(fixtures.manifest(good_route), foreign_certificate, fixtures.whole_tree) == {["ingressroute-certificate-missing", ["spec", "tls", "secretName"]]}
	copy := writer_certificate("ml", "ollama-copy", "ollama-tls")
	writer_findings(copy, [copy, other_group(writer_certificate("ml", "ollama", "ollama-tls"))]) == set()

	# Nor does a TLSOption or HelmChartConfig of another group raise Traefik's defaults.
	foreign_option := json.patch(raised_option, [{"op": "replace", "path": "/TLSOption/kube-system/default", "value": other_group(raised_option.TLSOption["kube-system"]["default"])}])
	tls_13_findings(good_route, foreign_option, fixtures.whole_tree) == {["tls-min-version-too-low", ["spec", "tls"]]}
	chart_values := json.patch(no_default_options, [{"op": "replace", "path": "/HelmChartConfig/kube-system/traefik/spec/valuesContent", "value": "tlsOptions:\n  default:\n    minVersion: VersionTLS13\n"}])
	foreign_chart := json.patch(chart_values, [{"op": "replace", "path": "/HelmChartConfig/kube-system/traefik", "value": other_group(chart_values.HelmChartConfig["kube-system"].traefik)}])
	tls_13_findings(good_route, foreign_chart, fixtures.whole_tree) == {["tls-min-version-too-low", ["spec", "tls"]]}
}

entrypoints := "traefik.ingress.kubernetes.io/router.entrypoints"

tls_13_rule_findings(ing) := {f | some f in tls_13_findings(ing, no_default_options, fixtures.whole_tree); f[0] == "tls-min-version-too-low"}

# Traefik v3 gives a router without a tls section of its own the TLS of its entry point, and the lab's
# secure entry point terminates TLS with no options of its own, so Traefik's default ones apply;
# spec.tls only hands Traefik certificates. An Ingress on the secure entry point (named, or left to
# every entry point) is served with the default options whatever its tls settings.
test_an_ingress_on_the_secure_entry_point_is_on_the_defaults_without_tls_settings if {
	plain := annotation_tls_ingress({})
	tls_13_rule_findings(plain) == {["tls-min-version-too-low", ["metadata", "annotations", entrypoints]]}
	some v in tls_13_violations(plain, no_default_options, fixtures.whole_tree)
	v.rule == "tls-min-version-too-low"
	v.msg == "Ingress grafana is served with Traefik's default TLS options, which allow TLS 1.2 while the lab minimum is TLS 1.3; no TLSOption default nor tlsOptions.default in a HelmChartConfig raises them"
	everywhere := json.remove(plain, [sprintf("metadata/annotations/%s", [replace(entrypoints, "/", "~1")])])
	tls_13_rule_findings(everywhere) == {["tls-min-version-too-low", ["metadata", "annotations"]]}
	tls_13_rule_findings(annotation_tls_ingress({entrypoints: "web, websecure"})) == {["tls-min-version-too-low", ["metadata", "annotations", entrypoints]]}

	# router.tls: "false" only drops the router's own tls section, so the entry point's applies, without the router's options.
	every annotations in [
		{router_tls_annotation: "false"},
		{router_tls_annotation: "False", "traefik.ingress.kubernetes.io/router.tls.options": "kube-system-modern@kubernetescrd"},
	] {
		tls_13_rule_findings(annotation_tls_ingress(annotations)) == {["tls-min-version-too-low", ["metadata", "annotations", entrypoints]]}
	}
}

# On a plain entry point only the router's own tls section makes it TLS; spec.tls alone does not.
test_an_ingress_on_a_plain_entry_point_is_tls_only_by_its_router_tls_annotation if {
	tls_13_rule_findings(annotation_tls_ingress({entrypoints: "web"})) == set()
	tls_13_rule_findings(json.patch(good_ingress, [{"op": "replace", "path": sprintf("/metadata/annotations/%s", [replace(entrypoints, "/", "~1")]), "value": "web"}])) == set()
	tls_13_rule_findings(annotation_tls_ingress({entrypoints: "web", router_tls_annotation: "true"})) == {["tls-min-version-too-low", ["metadata", "annotations", router_tls_annotation]]}
}

# Traefik reads router.tls as on when it is true in any case or empty: only another value turns it off.
test_an_empty_router_tls_annotation_turns_tls_on if {
	tls_13_rule_findings(annotation_tls_ingress({entrypoints: "web", router_tls_annotation: ""})) == {["tls-min-version-too-low", ["metadata", "annotations", router_tls_annotation]]}
	with_certresolver := {entrypoints: "web", router_tls_annotation: "", "traefik.ingress.kubernetes.io/router.tls.certresolver": "le"}
	tls_13_rule_findings(annotation_tls_ingress(with_certresolver)) == {["tls-min-version-too-low", ["metadata", "annotations", router_tls_annotation]]}
	own_option := {entrypoints: "web", router_tls_annotation: "", "traefik.ingress.kubernetes.io/router.tls.options": "kube-system-modern@kubernetescrd"}
	tls_13_rule_findings(annotation_tls_ingress(own_option)) == set()
}
