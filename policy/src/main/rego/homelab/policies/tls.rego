# METADATA
# title: TLS
# description: Every route is served over TLS with a certificate from the production issuer.
package homelab.policies.tls

import data.homelab.lib.k8s

# main evaluates this package only for the documents it inspects.
applies if k8s.kind == "Ingress"

applies if k8s.kind == "IngressRoute"

applies if k8s.kind == "Certificate"

applies if k8s.kind == "ClusterIssuer"

applies if k8s.kind == "TLSOption"

applies if k8s.kind == "HelmChartConfig"

ingress if {
	k8s.kind == "Ingress"
	startswith(input.resource.apiVersion, "networking.k8s.io/")
}

ingress_route if {
	k8s.kind == "IngressRoute"
	startswith(input.resource.apiVersion, "traefik.")
}

issuer_annotations := {"cert-manager.io/cluster-issuer": "ClusterIssuer", "cert-manager.io/issuer": "Issuer"}

# METADATA
# title: Ingress host without TLS
# description: >-
#   Every host an Ingress serves is listed in one of its tls entries, by name or under a wildcard
#   such as *.home.example.com, so Traefik terminates TLS for it and cert-manager issues its
#   certificate.
# custom:
#   id: ingress-host-without-tls
#   severity: error
#   remediation: Add the host to spec.tls[].hosts with a secretName, and let cert-manager fill the secret.
deny contains {"rule": "ingress-host-without-tls", "msg": msg, "path": ["spec", "rules", i, "host"]} if {
	ingress
	some i, r in input.resource.spec.rules
	not host_has_tls(r.host)
	msg := sprintf("Ingress %s serves host %s without a tls entry for it", [k8s.name, r.host])
}

host_has_tls(host) if {
	some t in input.resource.spec.tls
	some h in t.hosts
	dns_name_covers(h, host)
}

dns_name_covers(name, host) if name == host

# A wildcard name (*.home.example.com) covers exactly one label in front of its domain.
dns_name_covers(name, host) if {
	startswith(name, "*.")
	i := indexof(host, ".")
	i > 0
	substring(host, i, -1) == substring(name, 1, -1)
}

# METADATA
# title: Ingress without a cert-manager issuer
# description: >-
#   Every Ingress names the cert-manager issuer that provides its certificate with a
#   cert-manager.io/cluster-issuer or cert-manager.io/issuer annotation.
# custom:
#   id: ingress-issuer-annotation-missing
#   severity: error
#   remediation: Add the annotation cert-manager.io/cluster-issuer naming the lab's production ClusterIssuer.
deny contains {"rule": "ingress-issuer-annotation-missing", "msg": msg, "path": path} if {
	ingress
	count({a | some a, _ in issuer_annotations; k8s.annotations[a]}) == 0
	path := k8s.nearest(input.resource, ["metadata", "annotations"])
	msg := sprintf("Ingress %s names no cert-manager issuer", [k8s.name])
}

# METADATA
# title: Ingress names an issuer that does not exist
# description: >-
#   The issuer an Ingress names is a ClusterIssuer, or an Issuer in the Ingress's namespace, that
#   the repository defines; otherwise cert-manager never issues the certificate.
# custom:
#   id: ingress-issuer-not-found
#   severity: error
#   remediation: Name an issuer defined in the repository, or add the ClusterIssuer or Issuer it refers to.
deny contains {"rule": "ingress-issuer-not-found", "msg": msg, "path": ["metadata", "annotations", annotation]} if {
	ingress
	some annotation, issuer_kind in issuer_annotations
	issuer := k8s.annotations[annotation]
	not issuer_exists(issuer_kind, issuer)
	msg := sprintf("Ingress %s names %s %s, which the repository does not define", [k8s.name, issuer_kind, issuer])
}

issuer_exists("ClusterIssuer", issuer) if data.index.ClusterIssuer[""][issuer]

issuer_exists("Issuer", issuer) if data.index.Issuer[k8s.namespace][issuer]

# METADATA
# title: Certificate not from the production issuer
# description: >-
#   Certificates, and the ones cert-manager creates for Ingresses, come from the lab's production
#   ClusterIssuer (routing.clusterIssuer), so browsers trust every endpoint.
# custom:
#   id: certificate-issuer-not-production
#   severity: error
#   remediation: Point the Certificate's issuerRef (kind ClusterIssuer) or the Ingress's cert-manager.io/cluster-issuer annotation at the production issuer.
deny contains {"rule": "certificate-issuer-not-production", "msg": f.msg, "path": f.path} if some f in non_production_issuers

non_production_issuers contains {"msg": msg, "path": path} if {
	k8s.kind == "Certificate"
	ref := object.get(input.resource, ["spec", "issuerRef"], {})
	not production_ref(ref)
	path := k8s.nearest(input.resource, ["spec", "issuerRef", "name"])
	msg := sprintf(
		"Certificate %s is issued by %s %s instead of ClusterIssuer %s",
		[k8s.name, object.get(ref, "kind", "Issuer"), object.get(ref, "name", "(none)"), data.lab.routing.clusterIssuer],
	)
}

non_production_issuers contains {"msg": msg, "path": ["metadata", "annotations", annotation]} if {
	ingress
	some annotation, issuer_kind in issuer_annotations
	issuer := k8s.annotations[annotation]
	issuer_exists(issuer_kind, issuer)
	not production_ref({"kind": issuer_kind, "name": issuer})
	msg := sprintf("Ingress %s takes its certificate from %s %s instead of ClusterIssuer %s", [k8s.name, issuer_kind, issuer, data.lab.routing.clusterIssuer])
}

# cert-manager defaults issuerRef.kind to Issuer, so the production ClusterIssuer must be named explicitly.
production_ref(ref) if {
	ref.kind == "ClusterIssuer"
	ref.name == data.lab.routing.clusterIssuer
}

# METADATA
# title: Production issuer on a staging server
# description: >-
#   The ClusterIssuer the lab names as its production issuer (routing.clusterIssuer) talks to an ACME
#   server whose certificates browsers trust, not to Let's Encrypt's staging server; a staging
#   issuer under the production name passes every other check and serves untrusted certificates.
# custom:
#   id: production-issuer-on-staging
#   severity: error
#   remediation: Set spec.acme.server to https://acme-v02.api.letsencrypt.org/directory, or name a different issuer in routing.clusterIssuer.
deny contains {"rule": "production-issuer-on-staging", "msg": msg, "path": ["spec", "acme", "server"]} if {
	k8s.kind == "ClusterIssuer"
	k8s.name == data.lab.routing.clusterIssuer
	server := input.resource.spec.acme.server
	contains(lower(server), "staging")
	msg := sprintf("ClusterIssuer %s is the lab's production issuer but uses the staging server %s", [k8s.name, server])
}

entrypoints_annotation := "traefik.ingress.kubernetes.io/router.entrypoints"

# METADATA
# title: Ingress not on the secure entry point
# description: >-
#   Every Ingress asks Traefik for the lab's TLS entry point only (routing.entryPoint, websecure by
#   default) in its traefik.ingress.kubernetes.io/router.entrypoints annotation; without it Traefik
#   attaches the route to every entry point, plain HTTP included.
# custom:
#   id: ingress-entrypoint-not-secure
#   severity: error
#   remediation: Set the annotation traefik.ingress.kubernetes.io/router.entrypoints to the lab's secure entry point, such as websecure.
deny contains {"rule": "ingress-entrypoint-not-secure", "msg": f.msg, "path": f.path} if some f in insecure_ingress_entry_points

insecure_ingress_entry_points contains {"msg": msg, "path": path} if {
	ingress
	not k8s.annotations[entrypoints_annotation]
	path := k8s.nearest(input.resource, ["metadata", "annotations", entrypoints_annotation])
	msg := sprintf("Ingress %s names no Traefik entry point, so Traefik serves it on all of them", [k8s.name])
}

insecure_ingress_entry_points contains {"msg": msg, "path": ["metadata", "annotations", entrypoints_annotation]} if {
	ingress
	some entry_point in split(k8s.annotations[entrypoints_annotation], ",")
	trim_space(entry_point) != data.lab.routing.entryPoint
	msg := sprintf("Ingress %s listens on entry point %s instead of %s", [k8s.name, trim_space(entry_point), data.lab.routing.entryPoint])
}

# METADATA
# title: IngressRoute not on the secure entry point
# description: >-
#   Every IngressRoute listens only on the lab's TLS entry point (routing.entryPoint, websecure by
#   default); without entryPoints Traefik serves it on every entry point, plain HTTP included.
# custom:
#   id: ingressroute-entrypoint-not-secure
#   severity: error
#   remediation: Set spec.entryPoints to exactly the lab's secure entry point, such as [websecure].
deny contains {"rule": "ingressroute-entrypoint-not-secure", "msg": f.msg, "path": f.path} if some f in insecure_entry_points

insecure_entry_points contains {"msg": msg, "path": path} if {
	ingress_route
	not input.resource.spec.entryPoints
	path := k8s.nearest(input.resource, ["spec", "entryPoints"])
	msg := sprintf("IngressRoute %s sets no entryPoints, so Traefik serves it on all of them", [k8s.name])
}

insecure_entry_points contains {"msg": msg, "path": ["spec", "entryPoints", i]} if {
	ingress_route
	some i, ep in input.resource.spec.entryPoints
	ep != data.lab.routing.entryPoint
	msg := sprintf("IngressRoute %s listens on entry point %s instead of %s", [k8s.name, ep, data.lab.routing.entryPoint])
}

insecure_entry_points contains {"msg": msg, "path": ["spec", "entryPoints"]} if {
	ingress_route
	count(input.resource.spec.entryPoints) == 0
	msg := sprintf("IngressRoute %s sets no entryPoints, so Traefik serves it on all of them", [k8s.name])
}

# METADATA
# title: IngressRoute without TLS
# description: Every IngressRoute has a tls section, so Traefik terminates TLS for its routes.
# custom:
#   id: ingressroute-without-tls
#   severity: error
#   remediation: Add spec.tls with the secretName of a cert-manager Certificate (or a certResolver).
deny contains {"rule": "ingressroute-without-tls", "msg": msg, "path": k8s.nearest(input.resource, ["spec", "tls"])} if {
	ingress_route
	not is_object(object.get(input.resource, ["spec", "tls"], null))
	msg := sprintf("IngressRoute %s has no tls section", [k8s.name])
}

# METADATA
# title: IngressRoute certificate missing
# description: >-
#   An IngressRoute that names a TLS secret needs a cert-manager Certificate in its namespace that
#   writes that secret and names each host the route serves; the Certificate that cert-manager
#   creates for a tls entry of an Ingress with an issuer annotation counts, with that entry's hosts.
#   Without one, Traefik cannot load the secret and answers with its self-signed default
#   certificate.
# custom:
#   id: ingressroute-certificate-missing
#   severity: error
#   remediation: >-
#     Add a Certificate whose spec.secretName is the IngressRoute's tls.secretName and whose
#     spec.dnsNames list every host of its routes (or a wildcard that covers them), or use the
#     secret of an Ingress tls entry that lists those hosts, on an Ingress with a cert-manager
#     issuer annotation.
deny contains {"rule": "ingressroute-certificate-missing", "msg": f.msg, "path": f.path} if some f in uncertified_routes

# The Certificates of the route's namespace that write its TLS secret.
route_certificates contains cert if {
	some cert in data.index.Certificate[k8s.namespace]
	cert.spec.secretName == input.resource.spec.tls.secretName
}

# cert-manager's ingress-shim writes a Certificate for each tls entry of an Ingress that names an
# issuer, with the entry's hosts as its dnsNames, so that secret exists as surely as a Certificate's.
route_certificates contains {"spec": {"secretName": t.secretName, "dnsNames": object.get(t, "hosts", [])}} if {
	some ing in data.index.Ingress[k8s.namespace]
	startswith(ing.apiVersion, "networking.k8s.io/")
	some annotation, _ in issuer_annotations
	ing.metadata.annotations[annotation]
	some t in ing.spec.tls
	t.secretName == input.resource.spec.tls.secretName
}

uncertified_routes contains {"msg": msg, "path": ["spec", "tls", "secretName"]} if {
	ingress_route
	secret := input.resource.spec.tls.secretName
	is_string(secret)
	count(route_certificates) == 0
	msg := sprintf("IngressRoute %s uses TLS secret %s, which no Certificate or Ingress with a cert-manager issuer in namespace %s writes", [k8s.name, secret, k8s.namespace])
}

uncertified_routes contains {"msg": msg, "path": ["spec", "routes", i, "match"]} if {
	ingress_route
	count(route_certificates) > 0
	some i, route in input.resource.spec.routes
	some host in k8s.match_hosts(route.match)
	not certified(host)
	msg := sprintf("IngressRoute %s serves host %s, which the Certificate for secret %s does not name", [k8s.name, host, input.resource.spec.tls.secretName])
}

certified(host) if {
	some cert in route_certificates
	some name in cert.spec.dnsNames
	dns_name_covers(name, host)
}

# Traefik's names for TLS versions, ranked; a missing minVersion means Traefik's default, TLS 1.2.
tls_versions := {"VersionTLS10": 10, "VersionTLS11": 11, "VersionTLS12": 12, "VersionTLS13": 13}

configured_min := {"1.2": 12, "1.3": 13}[data.lab.routing.minTlsVersion]

version_rank(v) := tls_versions[v]

version_rank(v) := 0 if not tls_versions[v]

# METADATA
# title: Minimum TLS version too low
# description: >-
#   Traefik's TLS options, in a TLSOption or in the Traefik HelmChartConfig, accept no version older
#   than routing.minTlsVersion (TLS 1.2 unless the lab raises it).
# custom:
#   id: tls-min-version-too-low
#   severity: error
#   remediation: Set minVersion to VersionTLS12 or newer (VersionTLS13 when routing.minTlsVersion is 1.3).
deny contains {"rule": "tls-min-version-too-low", "msg": f.msg, "path": f.path} if some f in weak_tls_options

weak_tls_options contains {"msg": msg, "path": path} if {
	k8s.kind == "TLSOption"
	version := object.get(input.resource, ["spec", "minVersion"], "VersionTLS12")
	version_rank(version) < configured_min
	path := k8s.nearest(input.resource, ["spec", "minVersion"])
	msg := sprintf("TLSOption %s allows %s, below the lab minimum TLS %s", [k8s.name, version, data.lab.routing.minTlsVersion])
}

weak_tls_options contains {"msg": msg, "path": ["spec", "valuesContent"]} if {
	k8s.kind == "HelmChartConfig"
	yaml.is_valid(input.resource.spec.valuesContent)
	values := yaml.unmarshal(input.resource.spec.valuesContent)
	some option_name, option in values.tlsOptions
	version := object.get(option, "minVersion", "VersionTLS12")
	version_rank(version) < configured_min
	msg := sprintf("HelmChartConfig %s sets tlsOptions.%s.minVersion %s, below the lab minimum TLS %s", [k8s.name, option_name, version, data.lab.routing.minTlsVersion])
}
