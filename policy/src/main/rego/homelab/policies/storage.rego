# METADATA
# title: Storage
# description: >-
#   Stateful namespaces keep their volumes on the class their namespace names (NFS from the
#   Synology), and dev containers stay on node-local storage.
package homelab.policies.storage

import data.homelab.lib.k8s

# main evaluates this package only for the documents it inspects.
applies if k8s.workload

applies if k8s.values

applies if k8s.kind == "PersistentVolumeClaim"

applies if k8s.kind == "StorageClass"

namespace_class := input.namespaceConfig.storageClass

# Dev containers live in namespaces whose class is the node-local one.
local_namespace if namespace_class == data.lab.storage.localClass

# Every storage class this document asks for, with the node that names it (null: the cluster default).
claims contains {"class": object.get(input.resource, ["spec", "storageClassName"], null), "path": ["spec", "storageClassName"], "what": concat(" ", ["PersistentVolumeClaim", k8s.name])} if {
	k8s.kind == "PersistentVolumeClaim"
}

claims contains {"class": object.get(t, ["spec", "storageClassName"], null), "path": ["spec", "volumeClaimTemplates", i, "spec", "storageClassName"], "what": concat(" ", ["StatefulSet", k8s.name, "volumeClaimTemplate", object.get(t, ["metadata", "name"], "(unnamed)")])} if {
	k8s.kind == "StatefulSet"
	some i, t in input.resource.spec.volumeClaimTemplates
}

claims contains {"class": object.get(spec, ["storageClassName"], null), "path": array.concat(template_path, ["spec", "storageClassName"]), "what": concat(" ", [k8s.kind, k8s.name, "ephemeral volume", object.get(volume, "name", "(unnamed)")])} if {
	some i, volume in k8s.pod_spec.volumes
	spec := volume.ephemeral.volumeClaimTemplate.spec
	template_path := array.concat(k8s.pod_spec_path, ["volumes", i, "ephemeral", "volumeClaimTemplate"])
}

# Charts name their class under storageClass or storageClassName; an empty string means the default,
# and "-" the empty class that turns dynamic provisioning off.
claims contains {"class": chart_class(value), "path": path, "what": concat(" ", ["values file", input.file, "key", k8s.dotted(path)])} if {
	k8s.values
	walk(input.values, [path, value])
	count(path) > 0
	path[count(path) - 1] in {"storageClass", "storageClassName"}
	is_string(value)
	value != ""
}

chart_class(value) := "" if value == "-"

chart_class(value) := value if value != "-"

# An empty class binds a claim only to a PersistentVolume made beforehand without a class.
class_words(class) := "no storage class (\"\" binds only a pre-made PersistentVolume)" if class == ""

class_words(class) := concat(" ", ["storage class", class]) if class != ""

# A claim without a class gets the cluster default, which the lab config names.
effective_class(claim) := claim.class if claim.class != null

effective_class(claim) := data.lab.storage.defaultClass if claim.class == null

# METADATA
# title: Volume on the wrong storage class
# description: >-
#   In a namespace whose config names a storageClass, every PersistentVolumeClaim, StatefulSet
#   volumeClaimTemplate, generic ephemeral volume and chart storage class uses exactly that class.
# custom:
#   id: storage-class-mismatch
#   severity: error
#   remediation: Set storageClassName (or the chart's storageClass value) to the namespace's storageClass from homelab.yaml.
deny contains {"rule": "storage-class-mismatch", "msg": msg, "path": path} if {
	namespace_class
	some claim in claims
	class := effective_class(claim)
	class != namespace_class
	not dev_on_nfs(class)
	path := k8s.nearest(k8s.document, claim.path)
	msg := sprintf("%s uses %s, but namespace %s keeps its volumes on %s", [claim.what, class_words(class), k8s.namespace, namespace_class])
}

dev_on_nfs(class) if {
	local_namespace
	class == data.lab.storage.defaultClass
}

# METADATA
# title: Dev container storage on NFS
# description: >-
#   Dev containers keep their workspaces on node-local storage for fast git and build I/O; NFS
#   volumes and claims on the NFS class do not belong in their namespace.
# custom:
#   id: dev-storage-on-nfs
#   severity: error
#   remediation: Use the local storage class (storage.localClass) or an emptyDir for the workspace instead of NFS.
deny contains {"rule": "dev-storage-on-nfs", "msg": f.msg, "path": f.path} if some f in nfs_in_dev

nfs_in_dev contains {"msg": msg, "path": path} if {
	some claim in claims
	dev_on_nfs(effective_class(claim))
	path := k8s.nearest(k8s.document, claim.path)
	msg := sprintf("%s in dev namespace %s uses the NFS class %s", [claim.what, k8s.namespace, data.lab.storage.defaultClass])
}

nfs_in_dev contains {"msg": msg, "path": array.concat(k8s.pod_spec_path, ["volumes", i, "nfs"])} if {
	local_namespace
	some i, volume in k8s.pod_spec.volumes
	volume.nfs
	msg := sprintf("%s %s in dev namespace %s mounts NFS volume %s", [k8s.kind, k8s.name, k8s.namespace, object.get(volume, "name", "(unnamed)")])
}

default_class_annotation := "storageclass.kubernetes.io/is-default-class"

# METADATA
# title: Default StorageClass not the lab's
# description: >-
#   The StorageClass named storage.defaultClass is the cluster's default, so a claim without a class
#   lands on it, and no other StorageClass in the repository claims to be the default. Without the
#   annotation, K3s's local-path class stays the default and such claims end up on one node's disk.
# custom:
#   id: default-storage-class-mismatch
#   severity: error
#   remediation: Annotate the storage.defaultClass StorageClass with storageclass.kubernetes.io/is-default-class "true", and remove that annotation (or set it to "false") on every other class.
deny contains {"rule": "default-storage-class-mismatch", "msg": f.msg, "path": f.path} if some f in default_class_problems

default_class_problems contains {"msg": msg, "path": path} if {
	k8s.kind == "StorageClass"
	k8s.name == data.lab.storage.defaultClass
	object.get(k8s.annotations, default_class_annotation, "false") != "true"
	path := k8s.nearest(input.resource, ["metadata", "annotations", default_class_annotation])
	msg := sprintf("StorageClass %s is the lab's default class but is not marked %s: \"true\"", [k8s.name, default_class_annotation])
}

default_class_problems contains {"msg": msg, "path": ["metadata", "annotations", default_class_annotation]} if {
	k8s.kind == "StorageClass"
	k8s.name != data.lab.storage.defaultClass
	k8s.annotations[default_class_annotation] == "true"
	msg := sprintf("StorageClass %s claims to be the default, but the lab's default class is %s", [k8s.name, data.lab.storage.defaultClass])
}
