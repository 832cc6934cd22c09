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

applies if k8s.kind == "Gateway"

applies if gateway_route_kinds[k8s.kind]

ingress if {
	k8s.kind == "Ingress"
	startswith(input.resource.apiVersion, "networking.k8s.io/")
}

ingress_route if k8s.is_kind(input.resource, "IngressRoute")

certificate if k8s.is_kind(input.resource, "Certificate")

gateway if {
	k8s.kind == "Gateway"
	gateway_api(input.resource)
}

gateway_api(resource) if startswith(resource.apiVersion, "gateway.networking.k8s.io/")

# The route kinds an HTTP or HTTPS listener serves; TLSRoutes ride TLS listeners, never plain text.
gateway_route_kinds := {"HTTPRoute", "GRPCRoute"}

gateway_route if {
	gateway_route_kinds[k8s.kind]
	gateway_api(input.resource)
}

# The objects whose issuer annotation makes cert-manager's ingress-shim or gateway-shim write their certificates.
shim_source if ingress

shim_source if gateway

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
#   cert-manager.io/cluster-issuer or cert-manager.io/issuer annotation. An Ingress with only
#   kubernetes.io/tls-acme: "true" is reported too: cert-manager then takes the default issuer set
#   in its controller's flags, which the repository does not declare, so nothing can tell that it
#   is the production issuer.
# custom:
#   id: ingress-issuer-annotation-missing
#   severity: error
#   remediation: Add the annotation cert-manager.io/cluster-issuer naming the lab's production ClusterIssuer.
deny contains {"rule": "ingress-issuer-annotation-missing", "msg": f.msg, "path": f.path} if some f in unnamed_issuers

unnamed_issuers contains {"msg": msg, "path": path} if {
	ingress
	not names_issuer
	not acme_annotated
	path := k8s.nearest(input.resource, ["metadata", "annotations"])
	msg := sprintf("Ingress %s names no cert-manager issuer; set cert-manager.io/cluster-issuer: %s", [k8s.name, data.lab.routing.clusterIssuer])
}

# tls-acme makes cert-manager use the issuer its controller flags name, which no file of the repository
# declares, so neither the issuer nor its being the production one can be checked.
unnamed_issuers contains {"msg": msg, "path": ["metadata", "annotations", acme_annotation]} if {
	ingress
	not names_issuer
	acme_annotated
	msg := sprintf(
		"Ingress %s asks for a certificate with %s, which leaves the issuer to cert-manager's default; name it with the annotation cert-manager.io/cluster-issuer: %s",
		[k8s.name, acme_annotation, data.lab.routing.clusterIssuer],
	)
}

names_issuer if {
	some a, _ in issuer_annotations
	k8s.annotations[a]
}

acme_annotation := "kubernetes.io/tls-acme"

acme_annotated if k8s.annotations[acme_annotation] == "true"

# METADATA
# title: Ingress or Gateway names an issuer that does not exist
# description: >-
#   The issuer an Ingress or a Gateway API Gateway names in its cert-manager.io/cluster-issuer or
#   cert-manager.io/issuer annotation is a ClusterIssuer, or an Issuer in its namespace, that the
#   repository defines; otherwise cert-manager's ingress-shim or gateway-shim never issues the
#   certificate. A run that sees only part of the tree (a file named outside it with --config,
#   standard input not placed in it, or a file of the tree that does not load) reports no issuer as
#   missing, since it may be in a file the run did not read.
# custom:
#   id: ingress-issuer-not-found
#   severity: error
#   remediation: Name an issuer defined in the repository, or add the ClusterIssuer or Issuer it refers to.
deny contains {"rule": "ingress-issuer-not-found", "msg": msg, "path": ["metadata", "annotations", annotation]} if {
	shim_source
	some annotation, issuer_kind in issuer_annotations
	issuer := k8s.annotations[annotation]
	issuer_missing(issuer_kind, issuer)
	msg := sprintf("%s %s names %s %s, which the repository does not define", [k8s.kind, k8s.name, issuer_kind, issuer])
}

# Only an index of the whole tree shows that an issuer is missing, rather than in a file not loaded.
issuer_missing(issuer_kind, issuer) if {
	k8s.whole_tree
	not issuer_exists(issuer_kind, issuer)
}

issuer_exists("ClusterIssuer", issuer) if k8s.is_kind(data.index.ClusterIssuer[""][issuer], "ClusterIssuer")

issuer_exists("Issuer", issuer) if k8s.is_kind(data.index.Issuer[k8s.namespace][issuer], "Issuer")

# METADATA
# title: Certificate not from the production issuer
# description: >-
#   Certificates, and the ones cert-manager creates for Ingresses and Gateway API Gateways, come
#   from the lab's production ClusterIssuer (routing.clusterIssuer), so browsers trust every
#   endpoint.
# custom:
#   id: certificate-issuer-not-production
#   severity: error
#   remediation: Point the Certificate's issuerRef (kind ClusterIssuer), or the Ingress's or Gateway's cert-manager.io/cluster-issuer annotation, at the production issuer.
deny contains {"rule": "certificate-issuer-not-production", "msg": f.msg, "path": f.path} if some f in non_production_issuers

non_production_issuers contains {"msg": msg, "path": path} if {
	certificate
	ref := object.get(input.resource, ["spec", "issuerRef"], {})
	not production_ref(ref)
	path := k8s.nearest(input.resource, ["spec", "issuerRef", "name"])
	msg := sprintf(
		"Certificate %s is issued by %s %s instead of ClusterIssuer %s",
		[k8s.name, object.get(ref, "kind", "Issuer"), object.get(ref, "name", "(none)"), data.lab.routing.clusterIssuer],
	)
}

non_production_issuers contains {"msg": msg, "path": ["metadata", "annotations", annotation]} if {
	shim_source
	some annotation, issuer_kind in issuer_annotations
	issuer := k8s.annotations[annotation]

	# A missing issuer is ingress-issuer-not-found's; one the run may not have loaded is still not the production one.
	not issuer_missing(issuer_kind, issuer)
	not production_ref({"kind": issuer_kind, "name": issuer})
	msg := sprintf("%s %s takes its certificate from %s %s instead of ClusterIssuer %s", [k8s.kind, k8s.name, issuer_kind, issuer, data.lab.routing.clusterIssuer])
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
	k8s.is_kind(input.resource, "ClusterIssuer")
	k8s.name == data.lab.routing.clusterIssuer
	server := input.resource.spec.acme.server
	contains(lower(server), "staging")
	msg := sprintf("ClusterIssuer %s is the lab's production issuer but uses the staging server %s", [k8s.name, server])
}

# METADATA
# title: Certificate commonName not among its dnsNames
# description: >-
#   A Certificate's common name, its spec.commonName or the CN of its spec.literalSubject, is also
#   one of its spec.dnsNames (or, for an address, of its spec.ipAddresses). cert-manager puts the
#   common name into the certificate's subject only, and an ACME issuer such as Let's Encrypt
#   refuses a request whose common name its subject alternative names lack, so the certificate is
#   never issued; from any other issuer, browsers ignore a name that only the subject carries.
# custom:
#   id: certificate-common-name-not-in-dns-names
#   severity: error
#   remediation: Add the common name to spec.dnsNames, or drop spec.commonName (or the CN of spec.literalSubject) and list the hosts in spec.dnsNames alone.
deny contains {"rule": "certificate-common-name-not-in-dns-names", "msg": msg, "path": ["spec", field]} if {
	some field, common_name in certificate_common_names
	common_name != ""
	not common_name in object.get(input.resource.spec, "dnsNames", [])
	not common_name in object.get(input.resource.spec, "ipAddresses", [])
	msg := sprintf(
		"Certificate %s sets %s, which spec.dnsNames does not list, so an ACME issuer such as Let's Encrypt refuses to issue it and browsers ignore the name; add %s to spec.dnsNames",
		[k8s.name, common_name_text(field, common_name), common_name],
	)
}

# The common name the Certificate asks for, by the field that sets it; cert-manager refuses both at once.
certificate_common_names["commonName"] := common_name if {
	certificate
	common_name := input.resource.spec.commonName
	is_string(common_name)
}

certificate_common_names["literalSubject"] := literal_common_name(input.resource.spec.literalSubject) if certificate

common_name_text("commonName", common_name) := sprintf("commonName %s", [common_name])

common_name_text("literalSubject", common_name) := sprintf("CN %s in spec.literalSubject", [common_name])

# The CN of an RFC 4514 subject such as CN=host,O=Lab, which cert-manager sends as the request's
# commonName; escaped separators (\, and \+) belong to the value, and the last CN wins, as in Go's pkix.
literal_common_name(subject) := common_names[count(common_names) - 1] if {
	is_string(subject)
	protected := replace(replace(replace(subject, "\\\\", "\u0001"), "\\,", "\u0002"), "\\+", "\u0003")
	common_names := [unescape_dn_value(trim_space(substring(attribute, i + 1, -1))) |
		some rdn in split(protected, ",")
		some attribute in split(rdn, "+")
		i := indexof(attribute, "=")
		i > 0
		lower(trim_space(substring(attribute, 0, i))) in {"cn", "commonname", "2.5.4.3"}
	]
	count(common_names) > 0
}

# Drops the backslash of each remaining escape and restores the separators set aside above.
unescape_dn_value(value) := replace(replace(replace(replace(value, "\\", ""), "\u0001", "\\"), "\u0002", ","), "\u0003", "+")

# The fields of which cert-manager's webhook requires at least one, so that a certificate names
# something; a literalSubject counts only through a CN.
certificate_name_fields := ["commonName", "dnsNames", "ipAddresses", "uris", "emailAddresses", "otherNames"]

literal_subject_names if literal_common_name(input.resource.spec.literalSubject) != ""

# METADATA
# title: Certificate without names
# description: >-
#   A Certificate names what it certifies: a commonName, a literalSubject with a CN, or at least
#   one of dnsNames, ipAddresses, uris, emailAddresses and otherNames. cert-manager's webhook
#   refuses a Certificate with none of them (a literalSubject without a CN, such as O=Home Lab,
#   names nothing), so it is never created and its Secret never written.
# custom:
#   id: certificate-without-names
#   severity: error
#   remediation: List the hosts the certificate serves in spec.dnsNames.
deny contains {"rule": "certificate-without-names", "msg": msg, "path": k8s.nearest(input.resource, ["spec", "dnsNames"])} if {
	certificate
	every field in certificate_name_fields {
		count(object.get(input.resource, ["spec", field], [])) == 0
	}
	not literal_subject_names
	msg := sprintf(
		"Certificate %s names no host: it sets none of %s or %s, nor a CN in literalSubject, so cert-manager's webhook refuses it; list the hosts it serves in spec.dnsNames",
		[k8s.name, concat(", ", array.slice(certificate_name_fields, 0, count(certificate_name_fields) - 1)), certificate_name_fields[count(certificate_name_fields) - 1]],
	)
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
	msg := sprintf(
		"Ingress %s names no Traefik entry point, so Traefik serves it on all of them; set %s: %s",
		[k8s.name, entrypoints_annotation, data.lab.routing.entryPoint],
	)
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
	msg := unset_entry_points_message
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
	msg := unset_entry_points_message
}

# Both an absent and an empty entryPoints leave the route on every entry point.
unset_entry_points_message := sprintf(
	"IngressRoute %s sets no entryPoints, so Traefik serves it on all of them; set spec.entryPoints: [%s]",
	[k8s.name, data.lab.routing.entryPoint],
)

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
#   creates for a tls entry of an Ingress with an issuer annotation counts, with that entry's hosts,
#   and so does the one it creates for a certificateRef of a Gateway listener with a hostname, on a
#   Gateway with an issuer annotation. Only a Certificate's spec.dnsNames count, not its commonName,
#   which cert-manager puts into the certificate's subject alone, where browsers ignore it.
#   Without one, Traefik cannot load the secret and answers with its self-signed default
#   certificate. A run that sees only part of the tree reports neither a secret as unwritten nor a
#   host as unnamed, since a writer of the secret may be in a file the run did not read.
# custom:
#   id: ingressroute-certificate-missing
#   severity: error
#   remediation: >-
#     Add a Certificate whose spec.secretName is the IngressRoute's tls.secretName and whose
#     spec.dnsNames list every host of its routes (or a wildcard that covers them), or use the
#     secret of an Ingress tls entry that lists those hosts, on an Ingress with a cert-manager
#     issuer annotation, or of a Gateway listener whose hostname covers them, on a Gateway with
#     one.
deny contains {"rule": "ingressroute-certificate-missing", "msg": f.msg, "path": f.path} if some f in uncertified_routes

# The dnsNames of every certificate cert-manager keeps in the route's TLS secret; a commonName is no name browsers accept.
route_certificates := secret_certificates(k8s.namespace, input.resource.spec.tls.secretName)

# The dnsNames of each certificate that cert-manager writes to Secret secret in namespace ns: a
# Certificate's, and those its ingress-shim and gateway-shim make, which exist as surely.
secret_certificates(ns, secret) := (declared | ingress_shim) | gateway_shim if {
	declared := {object.get(cert.spec, "dnsNames", []) |
		some cert in data.index.Certificate[ns]
		cert.spec.secretName == secret
		k8s.is_kind(cert, "Certificate")
	}

	# ingress-shim writes a Certificate for each tls entry of an Ingress that names an issuer, with the entry's hosts.
	ingress_shim := {object.get(t, "hosts", []) |
		some ing in data.index.Ingress[ns]
		startswith(ing.apiVersion, "networking.k8s.io/")
		shim_annotated(ing)
		some t in ing.spec.tls
		t.secretName == secret
	}

	# gateway-shim writes one for each certificateRef of a listener with a hostname, with that hostname.
	gateway_shim := {[listener.hostname] |
		some gw in data.index.Gateway[ns]
		gateway_api(gw)
		shim_annotated(gw)
		some listener in gw.spec.listeners
		is_string(listener.hostname)
		some ref in listener.tls.certificateRefs
		secret_ref(ref)
		object.get(ref, "namespace", ns) == ns
		ref.name == secret
	}
}

shim_annotated(obj) if {
	some annotation, _ in issuer_annotations
	obj.metadata.annotations[annotation]
}

# A certificateRef names a core Secret unless it sets another group or kind.
secret_ref(ref) if {
	object.get(ref, "group", "") == ""
	object.get(ref, "kind", "Secret") == "Secret"
}

uncertified_routes contains {"msg": msg, "path": ["spec", "tls", "secretName"]} if {
	ingress_route
	secret := input.resource.spec.tls.secretName
	is_string(secret)
	k8s.whole_tree
	count(route_certificates) == 0
	msg := sprintf("IngressRoute %s uses TLS secret %s, which no Certificate, Ingress or Gateway with a cert-manager issuer in namespace %s writes", [k8s.name, secret, k8s.namespace])
}

uncertified_routes contains {"msg": msg, "path": ["spec", "routes", i, "match"]} if {
	ingress_route
	k8s.whole_tree
	count(route_certificates) > 0
	some i, route in input.resource.spec.routes
	some host in k8s.match_hosts(route.match)
	not names_cover(route_certificates, host)
	msg := sprintf("IngressRoute %s serves host %s, which the Certificate for secret %s does not name", [k8s.name, host, input.resource.spec.tls.secretName])
}

# METADATA
# title: TLS secret with more than one writer
# description: >-
#   cert-manager lets one Certificate own a TLS Secret. Two Certificates with the same
#   spec.secretName in a namespace, or a Certificate and the tls entry of an Ingress (or the
#   listener of a Gateway API Gateway) whose cert-manager issuer annotation has ingress-shim (or
#   gateway-shim) make a Certificate for the same Secret, keep replacing each other's certificate,
#   or one of them is never issued; either way the Secret holds the names of one writer only. An
#   Ingress and a Gateway, or two Gateways, that ask for one Secret with different names conflict
#   the same way; two Ingresses are left to shared-tls-secret. The finding is on the later writer:
#   Ingresses come before Gateways and Gateways before Certificates, each kind by name. Since both
#   writers are objects the run loaded, a run over part of the tree reports what it sees too.
# custom:
#   id: tls-secret-multiple-writers
#   severity: error
#   remediation: >-
#     Give each writer its own secretName, or drop the Certificate and let the issuer annotation of
#     the Ingress or Gateway have cert-manager write the Secret.
deny contains {"rule": "tls-secret-multiple-writers", "msg": msg, "path": path} if {
	some [secret, path] in own_secret_writes
	writers := secret_writers(k8s.namespace, secret)
	some me in writers
	me.kind == k8s.kind
	me.name == k8s.name
	earlier := sort([[writer_rank[w.kind], w.name, w.kind] |
		some w in writers
		writes_before(w, me)
		conflicting_writers(w, me)
	])
	[_, first_name, first_kind] := earlier[0]
	msg := sprintf(
		"%s TLS secret %s, which %s too; cert-manager lets one Certificate own a Secret, so it holds the certificate of only one of them",
		[writer_text(me.kind, me.name), secret, writer_text(first_kind, first_name)],
	)
}

# The Secrets the document has cert-manager write, each with the field that names it. An Ingress
# writes first and leaves a fellow Ingress to shared-tls-secret, so it is never the later writer and
# is not looked at: scanning every Ingress of a namespace for each of them would be quadratic.
own_secret_writes contains [secret, ["spec", "secretName"]] if {
	certificate
	secret := input.resource.spec.secretName
	is_string(secret)
}

own_secret_writes contains [ref.name, ["spec", "listeners", i, "tls", "certificateRefs", j, "name"]] if {
	gateway
	shim_annotated(input.resource)
	some i, listener in input.resource.spec.listeners
	is_string(listener.hostname)
	some j, ref in listener.tls.certificateRefs
	gateway_shim_writes(ref, k8s.namespace)
	is_string(ref.name)
}

# gateway-shim writes a Secret that a listener's certificateRef names in the Gateway's own namespace.
gateway_shim_writes(ref, ns) if {
	secret_ref(ref)
	object.get(ref, "namespace", ns) == ns
}

# Each object that has cert-manager write Secret secret in namespace ns, with the names it asks for.
secret_writers(ns, secret) := (certificates | ingresses) | gateways if {
	certificates := {{"kind": "Certificate", "name": name, "names": {n | some n in object.get(cert.spec, "dnsNames", [])}} |
		some name, cert in data.index.Certificate[ns]
		cert.spec.secretName == secret
		k8s.is_kind(cert, "Certificate")
	}
	ingresses := {{"kind": "Ingress", "name": name, "names": {h | some t in ing.spec.tls; t.secretName == secret; some h in t.hosts}} |
		some name, ing in data.index.Ingress[ns]
		startswith(ing.apiVersion, "networking.k8s.io/")
		shim_annotated(ing)
		some t in ing.spec.tls
		t.secretName == secret
	}
	gateways := {{"kind": "Gateway", "name": name, "names": hostnames} |
		some name, gw in data.index.Gateway[ns]
		gateway_api(gw)
		shim_annotated(gw)
		hostnames := {listener.hostname |
			some listener in gw.spec.listeners
			is_string(listener.hostname)
			some ref in listener.tls.certificateRefs
			gateway_shim_writes(ref, ns)
			ref.name == secret
		}
		count(hostnames) > 0
	}
}

# The shims' writers come first: with an issuer annotation on every route, a Certificate is the extra one.
writer_rank := {"Ingress": 0, "Gateway": 1, "Certificate": 2}

writes_before(a, b) if writer_rank[a.kind] < writer_rank[b.kind]

writes_before(a, b) if {
	a.kind == b.kind
	a.name < b.name
}

# A second Certificate always fights the first; two shims only when they ask for different names.
conflicting_writers(a, _) if a.kind == "Certificate"

conflicting_writers(_, b) if b.kind == "Certificate"

conflicting_writers(a, b) if {
	a.kind != "Certificate"
	b.kind != "Certificate"
	a.names != b.names
}

writer_text("Certificate", name) := sprintf("Certificate %s writes", [name])

writer_text("Ingress", name) := sprintf("Ingress %s has ingress-shim write", [name])

writer_text("Gateway", name) := sprintf("Gateway %s has gateway-shim write", [name])

# METADATA
# title: Gateway listener without a certificate
# description: >-
#   Every listener of a Gateway API Gateway that terminates TLS (protocol HTTPS, or TLS in its
#   default mode Terminate) names its certificate in tls.certificateRefs, and cert-manager writes
#   each Secret it names: a Certificate in the Secret's namespace, the tls entry of an Ingress with
#   an issuer annotation, or the Gateway's own gateway-shim, which writes the Secrets of the
#   listeners that set a hostname when the Gateway carries a cert-manager.io/cluster-issuer or
#   cert-manager.io/issuer annotation. Otherwise the listener has no certificate to serve. For a
#   listener with a hostname, the certificate written to each Secret names that hostname, exactly
#   or under a wildcard such as *.home.example.com (which covers one label); otherwise browsers
#   refuse the certificate the listener serves. Only a Certificate's spec.dnsNames count: cert-manager
#   puts a commonName into the certificate's subject alone, which browsers ignore, and the ACME
#   issuer refuses a commonName that dnsNames lacks. A run that sees only part of the
#   tree reports neither a Secret as unwritten nor a hostname as unnamed, since a writer of the
#   Secret may be in a file the run did not read.
# custom:
#   id: gateway-listener-without-certificate
#   severity: error
#   remediation: >-
#     Add tls.certificateRefs naming a Secret to the listener, and let cert-manager write it: add
#     the annotation cert-manager.io/cluster-issuer naming the production ClusterIssuer to the
#     Gateway and a hostname to the listener, or add a Certificate whose spec.secretName is that
#     Secret. Give that Certificate the listener's hostname (or a wildcard over it) in
#     spec.dnsNames.
deny contains {"rule": "gateway-listener-without-certificate", "msg": f.msg, "path": f.path} if some f in uncertified_listeners

terminating_listeners contains i if {
	gateway
	some i, listener in input.resource.spec.listeners
	terminates_tls(listener)
}

terminates_tls(listener) if listener.protocol == "HTTPS"

terminates_tls(listener) if {
	listener.protocol == "TLS"
	object.get(listener, ["tls", "mode"], "Terminate") == "Terminate"
}

uncertified_listeners contains {"msg": msg, "path": path} if {
	some i in terminating_listeners
	listener := input.resource.spec.listeners[i]
	count(object.get(listener, ["tls", "certificateRefs"], [])) == 0
	path := k8s.nearest(input.resource, ["spec", "listeners", i, "tls", "certificateRefs"])
	msg := sprintf("Gateway %s listener %s terminates %s but names no tls.certificateRefs, so it has no certificate to serve", [k8s.name, listener_name(listener), listener.protocol])
}

uncertified_listeners contains {"msg": msg, "path": ["spec", "listeners", i, "tls", "certificateRefs", j]} if {
	some i in terminating_listeners
	listener := input.resource.spec.listeners[i]
	some j, ref in listener.tls.certificateRefs
	secret_ref(ref)
	ns := object.get(ref, "namespace", k8s.namespace)
	k8s.whole_tree
	count(secret_certificates(ns, ref.name)) == 0
	msg := sprintf("Gateway %s listener %s uses Secret %s/%s, which %s", [k8s.name, listener_name(listener), ns, ref.name, unwritten_reason(listener, ns)])
}

uncertified_listeners contains {"msg": msg, "path": ["spec", "listeners", i, "hostname"]} if {
	some i in terminating_listeners
	listener := input.resource.spec.listeners[i]
	hostname := listener.hostname
	is_string(hostname)
	some ref in listener.tls.certificateRefs
	secret_ref(ref)
	ns := object.get(ref, "namespace", k8s.namespace)
	k8s.whole_tree
	writers := secret_certificates(ns, ref.name)
	count(writers) > 0
	not names_cover(writers, hostname)
	msg := sprintf(
		"Gateway %s listener %s serves hostname %s, but the certificate cert-manager writes to Secret %s/%s names %s",
		[k8s.name, listener_name(listener), hostname, ns, ref.name, named_text(writers)],
	)
}

named_text(writers) := concat("", ["only ", concat(", ", named)]) if {
	named := sort({name | some names in writers; some name in names; is_string(name)})
	count(named) > 0
} else := "no DNS name (only spec.dnsNames count, not a commonName)"

# Whether one of the certificates written to a Secret names host, by name or under a wildcard.
names_cover(writers, host) if {
	some names in writers
	some name in names
	dns_name_covers(name, host)
}

listener_name(listener) := object.get(listener, "name", "(unnamed)")

unwritten_reason(_, ns) := sprintf("no Certificate, Ingress or Gateway with a cert-manager issuer in namespace %s writes", [ns]) if not shim_annotated(input.resource)

unwritten_reason(listener, ns) := sprintf("no Certificate in namespace %s writes, and gateway-shim skips a listener without a hostname", [ns]) if {
	shim_annotated(input.resource)
	not is_string(object.get(listener, "hostname", null))
}

unwritten_reason(listener, ns) := sprintf("no Certificate in namespace %s writes, and gateway-shim writes only to the Gateway's namespace %s", [ns, k8s.namespace]) if {
	shim_annotated(input.resource)
	is_string(listener.hostname)
}

# METADATA
# title: Gateway route without TLS
# description: >-
#   An HTTPRoute or GRPCRoute attaches only to Gateway listeners that terminate TLS. A parentRef
#   that picks a listener with protocol HTTP by its sectionName (and port), or that names no
#   sectionName on a Gateway with an HTTP listener that admits the route, serves the route in plain
#   text. An HTTPRoute whose every rule is a RequestRedirect to scheme https is what an HTTP
#   listener is for, and passes. A listener admits the route when its allowedRoutes kinds and
#   namespaces let it in (Same, All, or a Selector matched against the labels of the route's
#   Namespace in the repository) and its hostname, when set, meets one of the route's hostnames.
#   A Gateway the repository does not define is not checked, since its listeners are unknown, nor
#   is a Selector when the route's Namespace is not in the repository.
# custom:
#   id: gateway-route-without-tls
#   severity: error
#   remediation: >-
#     Set the parentRef's sectionName to the Gateway's HTTPS listener, or, for the HTTP listener,
#     make every rule of the route a RequestRedirect filter with scheme https.
deny contains {"rule": "gateway-route-without-tls", "msg": msg, "path": ["spec", "parentRefs", i]} if {
	gateway_route
	not redirects_to_https
	some i, parent in input.resource.spec.parentRefs
	object.get(parent, "group", "gateway.networking.k8s.io") == "gateway.networking.k8s.io"
	object.get(parent, "kind", "Gateway") == "Gateway"
	gw_namespace := object.get(parent, "namespace", k8s.namespace)
	gw := data.index.Gateway[gw_namespace][parent.name]
	gateway_api(gw)
	plain := sort([listener_name(listener) |
		some listener in gw.spec.listeners
		listener.protocol == "HTTP"
		picks(parent, listener)
		admits(listener, gw_namespace)
	])
	count(plain) > 0
	msg := sprintf(
		"%s %s attaches to Gateway %s/%s listener %s, which serves plain HTTP; set sectionName to an HTTPS listener, or make every rule a RequestRedirect to https",
		[k8s.kind, k8s.name, gw_namespace, parent.name, concat(", ", plain)],
	)
}

# A parentRef picks the listeners its sectionName and port name, or every listener without them.
picks(parent, listener) if {
	object.get(parent, "sectionName", listener.name) == listener.name
	object.get(parent, "port", listener.port) == listener.port
}

# A listener admits the route when allowedRoutes names its kind (or no kinds) and lets in its namespace.
admits(listener, gw_namespace) if {
	kinds := object.get(listener, ["allowedRoutes", "kinds"], [])
	kind_admitted(kinds)
	namespaces := object.get(listener, ["allowedRoutes", "namespaces"], {})
	namespace_admitted(object.get(namespaces, "from", "Same"), namespaces, gw_namespace)
	hostname_admitted(object.get(listener, "hostname", ""))
}

route_hostnames := [host | some host in input.resource.spec.hostnames; is_string(host)]

# A listener with a hostname serves a route that names none, or one whose hostnames meet its own.
hostname_admitted("")

hostname_admitted(_) if count(route_hostnames) == 0

hostname_admitted(listener_host) if {
	some host in route_hostnames
	hostnames_meet(listener_host, host)
}

hostnames_meet(a, b) if hostname_matches(a, b)

hostnames_meet(a, b) if hostname_matches(b, a)

hostname_matches(host, host)

# Gateway API reads a leading *. as a suffix match over one or more labels.
hostname_matches(pattern, host) if {
	startswith(pattern, "*.")
	endswith(host, substring(pattern, 1, -1))
	count(host) > count(pattern) - 1
}

kind_admitted(kinds) if count(kinds) == 0

kind_admitted(kinds) if {
	some k in kinds
	k.kind == k8s.kind
	object.get(k, "group", "gateway.networking.k8s.io") == "gateway.networking.k8s.io"
}

namespace_admitted("All", _, _)

namespace_admitted("Same", _, gw_namespace) if gw_namespace == k8s.namespace

# A selector is matched against the route's Namespace in the tree, with the name label Kubernetes adds.
namespace_admitted("Selector", namespaces, _) if {
	ns := data.index.Namespace[""][k8s.namespace]
	labels := object.union(object.get(ns, ["metadata", "labels"], {}), {"kubernetes.io/metadata.name": k8s.namespace})
	selector := object.get(namespaces, "selector", {})
	every key, value in object.get(selector, "matchLabels", {}) {
		object.get(labels, key, null) == value
	}
	every expression in object.get(selector, "matchExpressions", []) {
		label_expression_holds(expression, object.get(labels, expression.key, null))
	}
}

label_expression_holds(expression, value) if {
	expression.operator == "In"
	value in expression.values
}

label_expression_holds(expression, value) if {
	expression.operator == "NotIn"
	not value in expression.values
}

label_expression_holds(expression, value) if {
	expression.operator == "Exists"
	value != null
}

label_expression_holds(expression, null) if expression.operator == "DoesNotExist"

# Every rule sends clients to https, so the plain listener serves nothing but the redirect.
redirects_to_https if {
	k8s.kind == "HTTPRoute"
	rules := input.resource.spec.rules
	count(rules) > 0
	every rule in rules {
		some filter in rule.filters
		filter.type == "RequestRedirect"
		filter.requestRedirect.scheme == "https"
	}
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
#   than routing.minTlsVersion (TLS 1.2 unless the lab raises it). A missing minVersion is Traefik's
#   default, TLS 1.2. When the lab requires TLS 1.3 but declares no default options (neither a
#   TLSOption named default nor tlsOptions.default in a HelmChartConfig), Traefik serves TLS 1.2
#   on every route that names no TLS option of its own. Each such IngressRoute tls section is
#   reported, and each Ingress that Traefik serves over TLS: one whose router has a tls section of
#   its own (the traefik.ingress.kubernetes.io/router.tls annotation, which is on when empty or true
#   in any case, or any router.tls.* setting), and one on the lab's secure entry point
#   (routing.entryPoint in router.entrypoints, or no router.entrypoints at all), whose TLS Traefik
#   gives every router without a tls section of its own; spec.tls only hands Traefik certificates.
#   The finding is on spec.tls when the Ingress has one, else on the annotation that makes it TLS.
#   A run that sees only part of the tree does not report those routes, since the default options
#   may be in a file the run did not read.
# custom:
#   id: tls-min-version-too-low
#   severity: error
#   remediation: >-
#     Set minVersion to VersionTLS12 or newer (VersionTLS13 when routing.minTlsVersion is 1.3); for
#     a lab that requires TLS 1.3, add a TLSOption named default with minVersion VersionTLS13.
deny contains {"rule": "tls-min-version-too-low", "msg": f.msg, "path": f.path} if some f in weak_tls_options

weak_tls_options contains {"msg": msg, "path": path} if {
	k8s.is_kind(input.resource, "TLSOption")
	version := object.get(input.resource, ["spec", "minVersion"], "VersionTLS12")
	version_rank(version) < configured_min
	path := k8s.nearest(input.resource, ["spec", "minVersion"])
	msg := sprintf("TLSOption %s allows %s, below the lab minimum TLS %s", [k8s.name, version, data.lab.routing.minTlsVersion])
}

weak_tls_options contains {"msg": msg, "path": ["spec", "valuesContent"]} if {
	k8s.is_kind(input.resource, "HelmChartConfig")
	yaml.is_valid(input.resource.spec.valuesContent)
	values := yaml.unmarshal(input.resource.spec.valuesContent)
	some option_name, option in values.tlsOptions
	version := object.get(option, "minVersion", "VersionTLS12")
	version_rank(version) < configured_min
	msg := sprintf("HelmChartConfig %s sets tlsOptions.%s.minVersion %s, below the lab minimum TLS %s", [k8s.name, option_name, version, data.lab.routing.minTlsVersion])
}

# The annotation and field with which an Ingress or an IngressRoute picks a TLS option other than the default.
tls_options_annotation := "traefik.ingress.kubernetes.io/router.tls.options"

weak_tls_options contains {"msg": msg, "path": path} if {
	configured_min > tls_versions.VersionTLS12
	some path in default_tls_options_routes
	k8s.whole_tree
	not default_tls_options_declared
	msg := sprintf(
		"%s %s is served with Traefik's default TLS options, which allow TLS 1.2 while the lab minimum is TLS %s; no TLSOption default nor tlsOptions.default in a HelmChartConfig raises them",
		[k8s.kind, k8s.name, data.lab.routing.minTlsVersion],
	)
}

# The field that makes the route a TLS router of Traefik on its default options.
default_tls_options_routes contains ingress_tls_field if {
	ingress
	ingress_served_over_tls
	not ingress_own_tls_options
}

default_tls_options_routes contains ["spec", "tls"] if {
	ingress_route
	is_object(input.resource.spec.tls)
	not input.resource.spec.tls.options
}

router_tls_annotation := "traefik.ingress.kubernetes.io/router.tls"

# The annotations that give an Ingress's router a tls section of its own: router.tls and router.tls.*.
router_tls_annotations contains annotation if {
	some annotation, _ in k8s.annotations
	router_tls_key(annotation)
}

router_tls_key(annotation) if annotation == router_tls_annotation

router_tls_key(annotation) if startswith(annotation, concat("", [router_tls_annotation, "."]))

# Traefik reads router.tls as a switch that is on when empty or true in any case; any other value drops the section.
router_tls_off if {
	value := k8s.annotations[router_tls_annotation]
	value != ""
	lower(value) != "true"
}

own_router_tls if {
	count(router_tls_annotations) > 0
	not router_tls_off
}

ingress_own_tls_options if {
	own_router_tls
	k8s.annotations[tls_options_annotation]
}

ingress_served_over_tls if own_router_tls

# Traefik gives a router without a tls section of its own its entry point's, and the lab's secure
# entry point terminates TLS on the default options.
ingress_served_over_tls if {
	not own_router_tls
	ingress_on_secure_entry_point
}

# Without router.entrypoints Traefik attaches the Ingress to every entry point, the secure one included.
ingress_on_secure_entry_point if not k8s.annotations[entrypoints_annotation]

ingress_on_secure_entry_point if {
	some entry_point in split(k8s.annotations[entrypoints_annotation], ",")
	trim_space(entry_point) == data.lab.routing.entryPoint
}

# Where an Ingress served over TLS says so: its spec.tls, else its router.tls setting, else its entry points.
ingress_tls_field := ["spec", "tls"] if {
	count(input.resource.spec.tls) > 0
} else := ["metadata", "annotations", min(router_tls_annotations)] if {
	own_router_tls
} else := k8s.nearest(input.resource, ["metadata", "annotations", entrypoints_annotation])

# Traefik takes the TLSOption named default, in any namespace, as the options of every other router.
default_tls_options_declared if {
	some ns
	k8s.is_kind(data.index.TLSOption[ns]["default"], "TLSOption")
}

# The Traefik chart renders tlsOptions.default as that TLSOption.
default_tls_options_declared if {
	some config in data.index.HelmChartConfig[_]
	k8s.is_kind(config, "HelmChartConfig")
	yaml.is_valid(config.spec.valuesContent)
	yaml.unmarshal(config.spec.valuesContent).tlsOptions["default"]
}
