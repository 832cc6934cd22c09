# METADATA
# title: Resources
# description: Containers declare what they need, within their namespace's resource profile.
package homelab.policies.resources

import data.homelab.lib.k8s

# main evaluates this package only for the documents it inspects: workloads.
applies if k8s.workload

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
#   A container's CPU and memory requests and limits stay within the limitRange.max of its
#   namespace's resource profile; the namespace's LimitRange would reject the pod otherwise.
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

# METADATA
# title: GPU requested outside a GPU profile
# description: >-
#   Only namespaces whose resource profile sets gpu to true may request nvidia.com/gpu, so the one
#   GPU stays with the ML workloads.
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

format_quantity(q) := q if is_string(q)

format_quantity(q) := json.marshal(q) if is_number(q)
