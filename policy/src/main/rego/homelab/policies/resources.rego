# METADATA
# title: Resources
# description: Containers declare what they need, within their namespace's resource profile.
package homelab.policies.resources

import data.homelab.lib.k8s

# main evaluates this package only for the documents it inspects: workloads and Helm values.
applies if k8s.workload

applies if k8s.values

# Resource blocks in a Helm values file: charts keep a container's requests and limits under a key
# named resources, at whatever depth the chart chose.
values_resources contains {"path": path, "resources": block} if {
	k8s.values
	walk(input.values, [path, block])
	count(path) > 0
	path[count(path) - 1] == "resources"
	is_object(block)
}

# METADATA
# title: Container without a CPU request
# description: >-
#   Every container and init container of a workload requests CPU, so the scheduler can place it
#   and the namespace quota can account for it.
# custom:
#   id: container-cpu-request-missing
#   severity: error
#   remediation: Set resources.requests.cpu on the container, within the namespace profile's limitRange.max.
deny contains {"rule": "container-cpu-request-missing", "msg": msg, "path": path} if {
	some c in k8s.containers
	not c.container.resources.requests.cpu
	path := k8s.nearest(input.resource, array.concat(c.path, ["resources", "requests"]))
	msg := sprintf("%s %s: container %s has no CPU request", [k8s.kind, k8s.name, c.name])
}

# METADATA
# title: Container without a memory request
# description: >-
#   Every container and init container of a workload requests memory, so the scheduler does not
#   overcommit the node it lands on.
# custom:
#   id: container-memory-request-missing
#   severity: error
#   remediation: Set resources.requests.memory on the container, within the namespace profile's limitRange.max.
deny contains {"rule": "container-memory-request-missing", "msg": msg, "path": path} if {
	some c in k8s.containers
	not c.container.resources.requests.memory
	path := k8s.nearest(input.resource, array.concat(c.path, ["resources", "requests"]))
	msg := sprintf("%s %s: container %s has no memory request", [k8s.kind, k8s.name, c.name])
}

# METADATA
# title: Container without a memory limit
# description: >-
#   Every container and init container of a workload has a memory limit, so a leak is stopped by
#   the kernel instead of starving the other workloads on the node.
# custom:
#   id: container-memory-limit-missing
#   severity: error
#   remediation: Set resources.limits.memory on the container, within the namespace profile's limitRange.max.
deny contains {"rule": "container-memory-limit-missing", "msg": msg, "path": path} if {
	some c in k8s.containers
	not c.container.resources.limits.memory
	path := k8s.nearest(input.resource, array.concat(c.path, ["resources", "limits"]))
	msg := sprintf("%s %s: container %s has no memory limit", [k8s.kind, k8s.name, c.name])
}

# METADATA
# title: Container resources above the profile maximum
# description: >-
#   A container's CPU and memory requests and limits, in a manifest or in a Helm values file's
#   resources blocks, stay within the limitRange.max of its namespace's resource profile; the
#   namespace's LimitRange would reject the pod otherwise.
# custom:
#   id: container-resources-above-profile-max
#   severity: error
#   remediation: Lower the request or limit to the profile's limitRange.max, or move the workload to a namespace whose profile allows it.
deny contains {"rule": "container-resources-above-profile-max", "msg": msg, "path": path} if {
	some c in k8s.containers
	some section in ["requests", "limits"]
	some resource in ["cpu", "memory"]
	value := c.container.resources[section][resource]
	maximum := input.profile.limitRange.max[resource]
	k8s.quantity(value) > k8s.quantity(maximum)
	path := array.concat(c.path, ["resources", section, resource])
	msg := sprintf(
		"%s %s: container %s %s %s %s is above the %s maximum %s of profile %s",
		[k8s.kind, k8s.name, c.name, resource, trim_suffix(section, "s"), format_quantity(value), resource, format_quantity(maximum), k8s.profile_name],
	)
}

# The same maximum for the resource blocks of a Helm values file.
deny contains {"rule": "container-resources-above-profile-max", "msg": msg, "path": path} if {
	some block in values_resources
	some section in ["requests", "limits"]
	some resource in ["cpu", "memory"]
	value := block.resources[section][resource]
	maximum := input.profile.limitRange.max[resource]
	k8s.quantity(value) > k8s.quantity(maximum)
	path := array.concat(block.path, [section, resource])
	msg := sprintf(
		"values file %s key %s: %s %s %s is above the %s maximum %s of profile %s",
		[input.file, k8s.dotted(block.path), resource, trim_suffix(section, "s"), format_quantity(value), resource, format_quantity(maximum), k8s.profile_name],
	)
}

# METADATA
# title: GPU requested outside a GPU profile
# description: >-
#   Only namespaces whose resource profile sets gpu to true may request nvidia.com/gpu, in a manifest
#   or in a Helm values file, so the one GPU stays with the ML workloads.
# custom:
#   id: gpu-request-outside-gpu-profile
#   severity: error
#   remediation: Run the workload in a namespace whose profile has gpu true, such as ml, or remove the nvidia.com/gpu request and limit.
deny contains {"rule": "gpu-request-outside-gpu-profile", "msg": msg, "path": path} if {
	some c in k8s.containers
	some section in ["requests", "limits"]
	_ := c.container.resources[section]["nvidia.com/gpu"]
	not object.get(input, ["profile", "gpu"], false)
	path := array.concat(c.path, ["resources", section, "nvidia.com/gpu"])
	msg := sprintf("%s %s: container %s asks for nvidia.com/gpu in namespace %s, whose profile does not allow GPUs", [k8s.kind, k8s.name, c.name, k8s.namespace])
}

# The same rule for the resource blocks of a Helm values file.
deny contains {"rule": "gpu-request-outside-gpu-profile", "msg": msg, "path": path} if {
	some block in values_resources
	some section in ["requests", "limits"]
	_ := block.resources[section]["nvidia.com/gpu"]
	not object.get(input, ["profile", "gpu"], false)
	path := array.concat(block.path, [section, "nvidia.com/gpu"])
	msg := sprintf("values file %s key %s asks for nvidia.com/gpu in namespace %s, whose profile does not allow GPUs", [input.file, k8s.dotted(block.path), k8s.namespace])
}

format_quantity(q) := q if is_string(q)

format_quantity(q) := json.marshal(q) if is_number(q)
