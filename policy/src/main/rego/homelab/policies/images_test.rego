package homelab.policies.images_test

import data.homelab.test.fixtures

with_image(image) := fixtures.deployment("apps", [object.union(fixtures.good_container, {"image": image})])

image_path := ["spec", "template", "spec", "containers", 0, "image"]

test_tagged_images_pass if {
	every image in ["nginx:1.27", "registry.local:5000/team/app:v2", "ghcr.io/org/app@sha256:0123abcd", "nginx:latest@sha256:0123abcd"] {
		fixtures.run(fixtures.manifest(with_image(image))) == set()
	}
}

test_latest_tag if {
	fixtures.run(fixtures.manifest(with_image("nginx:latest"))) == {["image-tag-latest", image_path]}
}

test_untagged_image if {
	fixtures.run(fixtures.manifest(with_image("nginx"))) == {["image-untagged", image_path]}
}

test_registry_port_is_not_a_tag if {
	fixtures.run(fixtures.manifest(with_image("registry.local:5000/app"))) == {["image-untagged", image_path]}
}

test_init_and_ephemeral_containers_are_checked if {
	d := json.patch(fixtures.deployment("apps", [fixtures.good_container]), [
		{"op": "add", "path": "/spec/template/spec/initContainers", "value": [object.union(fixtures.good_container, {"image": "busybox"})]},
		{"op": "add", "path": "/spec/template/spec/ephemeralContainers", "value": [{"name": "debug", "image": "busybox:latest"}]},
	])
	fixtures.run(fixtures.manifest(d)) == {
		["image-untagged", ["spec", "template", "spec", "initContainers", 0, "image"]],
		["image-tag-latest", ["spec", "template", "spec", "ephemeralContainers", 0, "image"]],
	}
}

test_values_latest_tag if {
	v := {"ollama": {"image": {"repository": "ollama/ollama", "tag": "latest"}}}
	fixtures.run(fixtures.values("ollama", "ml", v)) == {["image-tag-latest", ["ollama", "image", "tag"]]}
}

# Values that override only the tag keep the chart's default repository, and still pull latest.
test_values_tag_latest_without_repository if {
	v := {"image": {"tag": "latest"}, "server": {"image": {"tag": "latest", "pullPolicy": "Always"}}, "release": {"tag": "latest"}}
	fixtures.run(fixtures.values("n8n", "apps", v)) == {["image-tag-latest", ["image", "tag"]], ["image-tag-latest", ["server", "image", "tag"]]}
}

test_values_image_string_with_latest if {
	v := {"sidecar": {"image": "busybox:latest"}}
	fixtures.run(fixtures.values("n8n", "apps", v)) == {["image-tag-latest", ["sidecar", "image"]]}
}

test_values_pinned_image_passes if {
	v := {"image": {"repository": "ollama/ollama", "tag": "0.3.12"}}
	fixtures.run(fixtures.values("ollama", "ml", v)) == set()
}

# Each container is judged by its own image, even after one whose image is not a string.
test_images_stay_with_their_containers if {
	d := fixtures.deployment("apps", [
		object.union(fixtures.good_container, {"name": "odd", "image": 42}),
		object.union(fixtures.good_container, {"name": "web", "image": "nginx:latest"}),
		object.union(fixtures.good_container, {"name": "sidecar", "image": "busybox"}),
	])
	fixtures.run(fixtures.manifest(d)) == {
		["image-tag-latest", ["spec", "template", "spec", "containers", 1, "image"]],
		["image-untagged", ["spec", "template", "spec", "containers", 2, "image"]],
	}
}

# Charts such as Bitnami's default digest to "" and then pull by tag, so an empty digest pins nothing.
test_values_latest_tag_with_empty_digest if {
	v := {"worker": {"image": {"repository": "bitnami/redis", "tag": "latest", "digest": ""}}, "job": {"image": {"repository": "busybox", "tag": "latest", "digest": null}}, "pinned": {"image": {"repository": "busybox", "tag": "latest", "digest": "sha256:0123abcd"}}}
	fixtures.run(fixtures.values("n8n", "apps", v)) == {["image-tag-latest", ["worker", "image", "tag"]], ["image-tag-latest", ["job", "image", "tag"]]}
}
