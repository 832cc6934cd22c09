# METADATA
# title: Images
# description: Every image is pinned to a tag or a digest, so a sync deploys what was reviewed.
package homelab.policies.images

import data.homelab.lib.k8s

# main evaluates this package only for the documents it inspects: workloads and Helm values.
applies if k8s.workload

applies if k8s.values

# METADATA
# title: Image uses the latest tag
# description: >-
#   No container image, in a manifest or in Helm values, uses the latest tag, which changes under
#   the same name and makes a sync deploy something nobody reviewed.
# custom:
#   id: image-tag-latest
#   severity: error
#   remediation: Pin the image to a version tag or a digest (image@sha256:...).
deny contains {"rule": "image-tag-latest", "msg": f.msg, "path": f.path} if some f in latest_tags

latest_tags contains {"msg": msg, "path": array.concat(c.path, ["image"])} if {
	some i, c in k8s.all_containers
	ref := container_refs[i]
	ref.tag == "latest"
	not ref.digest
	msg := sprintf("%s %s: container %s uses image %s with the latest tag", [k8s.kind, k8s.name, c.name, c.container.image])
}

latest_tags contains {"msg": msg, "path": path} if {
	k8s.values
	walk(input.values, [node_path, node])
	is_object(node)
	is_string(node.repository)
	node.tag == "latest"
	not digest_set(object.get(node, "digest", null))
	path := array.concat(node_path, ["tag"])
	msg := sprintf("values file %s pins image %s to the latest tag", [input.file, node.repository])
}

# An image map that overrides only the tag keeps the chart's default repository.
latest_tags contains {"msg": msg, "path": path} if {
	k8s.values
	walk(input.values, [node_path, node])
	count(node_path) > 0
	node_path[count(node_path) - 1] == "image"
	is_object(node)
	not is_string(object.get(node, "repository", null))
	node.tag == "latest"
	not digest_set(object.get(node, "digest", null))
	path := array.concat(node_path, ["tag"])
	msg := sprintf("values file %s sets %s.tag to latest, so the chart's default image is pulled at its latest tag", [input.file, concat(".", [sprintf("%v", [k]) | some k in node_path])])
}

latest_tags contains {"msg": msg, "path": path} if {
	k8s.values
	walk(input.values, [path, image])
	count(path) > 0
	path[count(path) - 1] == "image"
	is_string(image)
	ref := parse(image)
	ref.tag == "latest"
	not ref.digest
	msg := sprintf("values file %s uses image %s with the latest tag", [input.file, image])
}

# Charts such as Bitnami's default digest to "" (or leave it null) and then pull by tag.
digest_set(digest) if {
	is_string(digest)
	trim_space(digest) != ""
}

# METADATA
# title: Image without a tag
# description: >-
#   Every container image names a tag or a digest; without one the runtime pulls latest.
# custom:
#   id: image-untagged
#   severity: error
#   remediation: Add a version tag or a digest to the image reference.
deny contains {"rule": "image-untagged", "msg": msg, "path": array.concat(c.path, ["image"])} if {
	some i, c in k8s.all_containers
	ref := container_refs[i]
	not ref.tag
	not ref.digest
	msg := sprintf("%s %s: container %s uses image %s without a tag or digest", [k8s.kind, k8s.name, c.name, c.container.image])
}

# Each container's parsed image, by the container's index in all_containers; both container rules
# read it, and Wasm does not memoize function calls. No entry where the image is not a string.
container_refs[i] := parse(c.container.image) if some i, c in k8s.all_containers

# Splits registry/repo:tag@digest; a colon before the last slash belongs to a registry port.
parse(image) := object.union(tag_part(name_part), digest_part) if {
	is_string(image)
	parts := split(image, "@")
	name_part := parts[0]
	digest_part := {k: v | count(parts) > 1; k := "digest"; v := parts[1]}
}

tag_part(name) := {"tag": tag} if {
	segments := split(name, "/")
	last := segments[count(segments) - 1]
	contains(last, ":")
	tag := substring(last, indexof(last, ":") + 1, -1)
}

tag_part(name) := {} if {
	segments := split(name, "/")
	not contains(segments[count(segments) - 1], ":")
}
