# METADATA
# title: Secrets
# description: >-
#   No secret value is committed: no Secret with data, and nothing that looks like a credential in
#   ConfigMaps, container environment variables or Helm values. Messages never repeat the value.
package homelab.policies.secrets

import data.homelab.lib.k8s

# main evaluates this package only for the documents it inspects.
applies if k8s.workload

applies if k8s.values

applies if k8s.kind == "Secret"

applies if k8s.kind == "ConfigMap"

# METADATA
# title: Secret with data in git
# description: >-
#   A Secret manifest in the repository carries no data or stringData; the values live outside git
#   and the Secret is created from them on the cluster.
# custom:
#   id: secret-data-in-git
#   severity: error
#   remediation: Remove the Secret from the repository and create it on the cluster (kubectl create secret) or from an external secret store, then reference it by name.
deny contains {"rule": "secret-data-in-git", "msg": msg, "path": [field]} if {
	k8s.kind == "Secret"
	some field in ["data", "stringData"]
	count(object.get(input.resource, field, {})) > 0
	msg := sprintf("Secret %s/%s carries %s in git", [k8s.namespace, k8s.name, field])
}

# METADATA
# title: Credential in plain text
# description: >-
#   A ConfigMap entry, a container environment variable or a Helm value whose name marks it as a
#   credential (password, token, apiKey, secret ...) holds a literal value instead of a reference.
# custom:
#   id: credential-in-plain-text
#   severity: error
#   remediation: Move the value into a Secret created outside git and reference it (secretKeyRef, existingSecret), then rotate the exposed credential.
deny contains {"rule": "credential-in-plain-text", "msg": f.msg, "path": f.path} if some f in plain_credentials

plain_credentials contains {"msg": msg, "path": s.path} if {
	some s in strings_under_check
	not private_key(s.value)
	credential_key(s.key)
	literal(s.value)
	msg := sprintf("%s holds a credential in plain text", [describe(s)])
}

plain_credentials contains {"msg": msg, "path": ["data", key]} if {
	k8s.kind == "ConfigMap"
	some key, value in input.resource.data
	is_string(value)
	not private_key(value)
	not credential_key(key)
	some assignment in assignments(value)
	credential_key(assignment.key)
	literal(assignment.value)
	msg := sprintf("ConfigMap %s/%s entry %s sets %s in plain text", [k8s.namespace, k8s.name, key, assignment.key])
}

# METADATA
# title: Private key in plain text
# description: >-
#   No ConfigMap entry, environment variable or Helm value contains a PEM private key block.
# custom:
#   id: private-key-in-plain-text
#   severity: error
#   remediation: Move the key into a Secret created outside git, mount it from there, and replace the exposed key.
deny contains {"rule": "private-key-in-plain-text", "msg": msg, "path": s.path} if {
	some s in strings_under_check
	private_key(s.value)
	msg := sprintf("%s contains a private key", [describe(s)])
}

# METADATA
# title: High-entropy string
# description: >-
#   A long random-looking token (mixed case, digits, high character variety) is often a credential
#   even under an innocent name. Advisory, because checksums and generated identifiers look alike.
# custom:
#   id: high-entropy-string
#   severity: warning
#   remediation: If the value is a credential, move it into a Secret created outside git; otherwise exempt the resource with ignore.homelab.dev/high-entropy-string and the reason.
warn contains {"rule": "high-entropy-string", "msg": msg, "path": s.path} if {
	some s in strings_under_check
	not private_key(s.value)
	not credential_key(s.key)
	high_entropy(s.value)
	msg := sprintf("%s holds a random-looking value that may be a credential", [describe(s)])
}

# KEY=value and key: value lines of an embedded file (.env, properties, simple YAML), value up to
# the first blank or comment.
assignments(text) := {{"key": key, "value": value} |
	some line in split(text, "\n")
	statement := trim_prefix(trim_space(line), "export ")
	not startswith(statement, "#")
	some separator in ["=", ":"]
	i := indexof(statement, separator)
	i > 0
	key := trim(trim_space(substring(statement, 0, i)), "\"'")
	not contains(key, " ")
	rest := trim_space(substring(statement, i + 1, -1))
	value := trim(split(split(rest, " ")[0], "#")[0], "\"'")
}

# Every string value this policy inspects, with the name it is stored under; describe(s) names it
# only for a violation, since sprintf is a call out of the Wasm and values files hold hundreds of strings.
strings_under_check := array.concat(array.concat(configmap_strings, env_strings), values_strings)

configmap_strings := [{"path": ["data", key], "key": key, "value": value, "origin": "configmap"} |
	k8s.kind == "ConfigMap"
	some key, value in input.resource.data
	is_string(value)
]

env_strings := [{"path": array.concat(c.path, ["env", j, "value"]), "key": env.name, "value": env.value, "origin": "env", "container": c.name} |
	some c in k8s.all_containers
	some j, env in c.container.env
	is_string(env.value)
	is_string(env.name)
]

values_strings := [{"path": path, "key": last_key(path), "value": value, "origin": "values"} |
	k8s.values
	walk(input.values, [path, value])
	is_string(value)
	count(path) > 0
]

describe(s) := sprintf("ConfigMap %s/%s entry %s", [k8s.namespace, k8s.name, s.key]) if s.origin == "configmap"

describe(s) := sprintf("%s %s/%s container %s env %s", [k8s.kind, k8s.namespace, k8s.name, s.container, s.key]) if s.origin == "env"

describe(s) := sprintf("values file %s key %s", [input.file, k8s.dotted(s.path)]) if s.origin == "values"

last_key(path) := path[count(path) - 1] if is_string(path[count(path) - 1])

last_key(path) := "" if is_number(path[count(path) - 1])

# Name endings that mark a value as a credential, compared without case or separators.
# The constant lists that rules iterate are arrays: Wasm steps through a set by rehashing each element.
credential_suffixes := [
	"password", "passwd", "passphrase", "pwd", "secret", "token", "apikey", "apitoken",
	"secretkey", "accesskey", "privatekey", "encryptionkey", "signingkey", "credentials", "authkey",
]

# Names that point at where a credential lives rather than holding it.
reference_markers := ["existing", "secretname", "secretref", "keyref", "file", "path"]

credential_key(key) if {
	normalized := lower(replace(replace(replace(replace(key, "-", ""), "_", ""), ".", ""), " ", ""))
	some suffix in credential_suffixes
	endswith(normalized, suffix)
	not reference_name(normalized)
}

reference_name(normalized) if {
	some marker in reference_markers
	contains(normalized, marker)
}

# Prefixes of interpolations and secret-store references, which stand for a value kept elsewhere.
reference_prefixes := ["${", "$(", "{{", "<path:", "vault:", "ref+", "ENC[", "sops:", "secretref:"]

# A literal is a non-empty value that is not an interpolation, a placeholder or a secret-store reference.
# String functions rather than regex throughout: compiling a pattern per document dominates Wasm evaluation.
literal(value) if {
	v := trim_space(value)
	v != ""
	trim(v, "*") != ""
	not reference(v)
}

reference(v) if {
	some prefix in reference_prefixes
	startswith(v, prefix)
}

# <placeholder> as in values templates.
reference(v) if {
	startswith(v, "<")
	endswith(v, ">")
}

private_key(value) if {
	contains(value, "-----BEGIN ")
	contains(value, "PRIVATE KEY")
}

digits := ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]

token_characters := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-"

# Long tokens of mixed case and digits with many distinct characters; prose and identifiers rarely qualify.
high_entropy(value) if {
	v := trim_space(value)
	count(v) >= 20
	count(v) <= 512
	trim(v, token_characters) == ""
	upper(v) != v
	lower(v) != v
	some d in digits
	contains(v, d)
	distinct := count({substring(v, i, 1) | some i in numbers.range(0, count(v) - 1)})
	distinct * 2 >= count(v)
	distinct >= 12
}
