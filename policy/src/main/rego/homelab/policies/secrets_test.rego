package homelab.policies.secrets_test

import data.homelab.test.fixtures

secret(fields) := object.union({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "pg-auth", "namespace": "data"}, "type": "Opaque"}, fields)

config_map(entries) := {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "app-config", "namespace": "apps"}, "data": entries}

# A value made for these tests; it only has the shape of a generated token.
random_token := "q7Xf2LpA9vRtK3mWzN8cYe4HbJ6dUs1G"

pem := "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"

test_secret_without_data_passes if {
	fixtures.run(fixtures.manifest(secret({}))) == set()
}

test_secret_with_data if {
	fixtures.run(fixtures.manifest(secret({"data": {"password": "aHVudGVyMg=="}}))) == {["secret-data-in-git", ["data"]]}
}

test_secret_with_string_data if {
	fixtures.run(fixtures.manifest(secret({"stringData": {"password": "hunter2"}}))) == {["secret-data-in-git", ["stringData"]]}
}

test_secret_message_never_contains_value if {
	some v in fixtures.violations(fixtures.manifest(secret({"stringData": {"password": "hunter2"}})))
	not contains(v.msg, "hunter2")
}

test_plain_config_map_passes if {
	entries := {"LOG_LEVEL": "info", "DB_HOST": "postgres-primary.data.svc.cluster.local", "DB_PASSWORD_FILE": "/run/secrets/db", "API_TOKEN": "${API_TOKEN}"}
	fixtures.run(fixtures.manifest(config_map(entries))) == set()
}

test_config_map_credential_key if {
	fixtures.run(fixtures.manifest(config_map({"LOG_LEVEL": "info", "DB_PASSWORD": "hunter2"}))) == {["credential-in-plain-text", ["data", "DB_PASSWORD"]]}
}

test_config_map_credential_inside_file if {
	entries := {"app.env": "LOG_LEVEL=debug\nexport SMTP_PASSWORD=\"hunter2\"\n"}
	fixtures.run(fixtures.manifest(config_map(entries))) == {["credential-in-plain-text", ["data", "app.env"]]}
}

test_config_map_file_with_reference_passes if {
	entries := {"app.env": "SMTP_PASSWORD=${SMTP_PASSWORD}\nSMTP_HOST=mail\n"}
	fixtures.run(fixtures.manifest(config_map(entries))) == set()
}

test_config_map_private_key if {
	fixtures.run(fixtures.manifest(config_map({"id_ed25519": pem}))) == {["private-key-in-plain-text", ["data", "id_ed25519"]]}
}

test_config_map_public_key_passes if {
	entries := {"authorized_keys": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGd2VjZ3ZyZXNzZWQgZm9yIHRlc3Rz tom@laptop\n"}
	fixtures.run(fixtures.manifest(config_map(entries))) == set()
}

test_config_map_high_entropy_value_is_a_warning if {
	result := fixtures.violations(fixtures.manifest(config_map({"session": random_token})))
	{[v.rule, v.severity, v.path] | some v in result} == {["high-entropy-string", "warning", ["data", "session"]]}
}

test_messages_never_contain_values if {
	entries := {"DB_PASSWORD": "hunter2", "session": random_token, "key": pem}
	result := fixtures.violations(fixtures.manifest(config_map(entries)))
	count(result) == 3
	every v in result {
		not contains(v.msg, "hunter2")
		not contains(v.msg, random_token)
		not contains(v.msg, "PRIVATE")
	}
}

test_env_credential if {
	c := object.union(fixtures.good_container, {"env": [
		{"name": "POSTGRES_USER", "value": "app"},
		{"name": "POSTGRES_PASSWORD", "value": "hunter2"},
		{"name": "API_TOKEN", "valueFrom": {"secretKeyRef": {"name": "api", "key": "token"}}},
	]})
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [c]))) == {["credential-in-plain-text", ["spec", "template", "spec", "containers", 0, "env", 1, "value"]]}
}

test_env_empty_credential_passes if {
	c := object.union(fixtures.good_container, {"env": [{"name": "POSTGRES_PASSWORD", "value": ""}]})
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [c]))) == set()
}

test_env_high_entropy if {
	c := object.union(fixtures.good_container, {"env": [{"name": "SESSION", "value": random_token}]})
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [c]))) == {["high-entropy-string", ["spec", "template", "spec", "containers", 0, "env", 0, "value"]]}
}

test_values_credential if {
	v := {"auth": {"username": "app", "password": "hunter2", "existingSecret": "", "existingSecretPasswordKey": "password"}}
	fixtures.run(fixtures.values("postgresql", "data", v)) == {["credential-in-plain-text", ["auth", "password"]]}
}

test_values_reference_passes if {
	v := {"auth": {"existingSecret": "postgres-auth", "password": "", "adminPassword": "<path:kv/data/pg#admin>"}}
	fixtures.run(fixtures.values("postgresql", "data", v)) == set()
}

test_values_private_key_in_list if {
	v := {"extraSecrets": [{"name": "deploy-key", "content": pem}]}
	fixtures.run(fixtures.values("n8n", "apps", v)) == {["private-key-in-plain-text", ["extraSecrets", 0, "content"]]}
}

test_values_message_names_key_not_value if {
	some v in fixtures.violations(fixtures.values("postgresql", "data", {"auth": {"password": "hunter2"}}))
	v.msg == "values file component/values-homelab.yaml key auth.password holds a credential in plain text"
}

test_identifiers_are_not_high_entropy if {
	v := {
		"image": {"repository": "ghcr.io/paperless-ngx/paperless-ngx", "tag": "2.11.6"},
		"digest": "sha256:3b1f4a1fd1d5e4c0b2f0d2f9a6c1e2b3a4d5e6f708192a3b4c5d6e7f8091a2b3c",
		"uuid": "3f9a2c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f",
		"name": "KubePrometheusStackAlertmanager",
	}
	fixtures.run(fixtures.values("paperless", "apps", v)) == set()
}

test_values_list_items_are_checked_by_content if {
	v := {"extraArgs": ["--log-level=info", random_token]}
	fixtures.run(fixtures.values("n8n", "apps", v)) == {["high-entropy-string", ["extraArgs", 1]]}
}

test_placeholders_and_masks_are_not_literals if {
	c := object.union(fixtures.good_container, {"env": [
		{"name": "SMTP_PASSWORD", "value": "<set-me>"},
		{"name": "API_TOKEN", "value": "********"},
		{"name": "WEBHOOK_SECRET", "value": "$(WEBHOOK_SECRET)"},
	]})
	fixtures.run(fixtures.manifest(fixtures.deployment("apps", [c]))) == set()
}

test_config_map_file_forms if {
	yaml_file := {"config.yaml": "smtp:\n  host: mail # relay\n  password: 'hunter2' # set by hand\n"}
	fixtures.run(fixtures.manifest(config_map(yaml_file))) == {["credential-in-plain-text", ["data", "config.yaml"]]}
	commented := {"app.env": "# DB_PASSWORD=example\n#SMTP_PASSWORD=example\nDB_HOST=postgres\n"}
	fixtures.run(fixtures.manifest(config_map(commented))) == set()
}
