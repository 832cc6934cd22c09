package homelab.policies.storage_test

import data.homelab.test.fixtures

pvc(ns, spec) := {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data", "namespace": ns}, "spec": spec}

claim_spec := {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "10Gi"}}}

test_pvc_on_namespace_class_passes if {
	fixtures.run(fixtures.manifest(pvc("data", object.union(claim_spec, {"storageClassName": "nfs-client"})))) == set()
}

test_pvc_without_class_gets_default_class if {
	fixtures.run(fixtures.manifest(pvc("data", claim_spec))) == set()
}

test_pvc_on_wrong_class if {
	fixtures.run(fixtures.manifest(pvc("data", object.union(claim_spec, {"storageClassName": "local-path"})))) == {["storage-class-mismatch", ["spec", "storageClassName"]]}
}

test_pvc_without_class_in_local_namespace if {
	fixtures.run(fixtures.manifest(pvc("dev", claim_spec))) == {["dev-storage-on-nfs", ["spec"]]}
}

test_pvc_in_namespace_without_class_passes if {
	fixtures.run(fixtures.manifest(pvc("apps", object.union(claim_spec, {"storageClassName": "local-path"})))) == set()
}

statefulset(ns, class) := {
	"apiVersion": "apps/v1",
	"kind": "StatefulSet",
	"metadata": {"name": "postgres-primary", "namespace": ns},
	"spec": {
		"template": {"spec": {"containers": [fixtures.good_container]}},
		"volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": object.union(claim_spec, {"storageClassName": class})}],
	},
}

test_statefulset_template_on_namespace_class_passes if {
	fixtures.run(fixtures.manifest(statefulset("data", "nfs-client"))) == set()
}

test_statefulset_template_on_wrong_class if {
	fixtures.run(fixtures.manifest(statefulset("data", "local-path"))) == {["storage-class-mismatch", ["spec", "volumeClaimTemplates", 0, "spec", "storageClassName"]]}
}

test_dev_claim_on_nfs if {
	fixtures.run(fixtures.manifest(statefulset("dev", "nfs-client"))) == {["dev-storage-on-nfs", ["spec", "volumeClaimTemplates", 0, "spec", "storageClassName"]]}
}

test_dev_claim_on_local_class_passes if {
	fixtures.run(fixtures.manifest(statefulset("dev", "local-path"))) == set()
}

# A generic ephemeral volume is a claim Kubernetes creates from the pod's template, so its class counts too.
ephemeral_volume(ns, spec) := json.patch(fixtures.deployment(ns, [fixtures.good_container]), [{"op": "add", "path": "/spec/template/spec/volumes", "value": [
	{"name": "cache", "emptyDir": {}},
	{"name": "scratch", "ephemeral": {"volumeClaimTemplate": {"spec": spec}}},
]}])

test_ephemeral_volume_claims_are_checked if {
	fixtures.run(fixtures.manifest(ephemeral_volume("dev", claim_spec))) == {["dev-storage-on-nfs", ["spec", "template", "spec", "volumes", 1, "ephemeral", "volumeClaimTemplate", "spec"]]}
	fixtures.run(fixtures.manifest(ephemeral_volume("data", object.union(claim_spec, {"storageClassName": "local-path"})))) == {["storage-class-mismatch", ["spec", "template", "spec", "volumes", 1, "ephemeral", "volumeClaimTemplate", "spec", "storageClassName"]]}
	fixtures.run(fixtures.manifest(ephemeral_volume("dev", object.union(claim_spec, {"storageClassName": "local-path"})))) == set()
}

test_dev_container_with_nfs_volume if {
	d := json.patch(fixtures.deployment("dev", [fixtures.good_container]), [{"op": "add", "path": "/spec/template/spec/volumes", "value": [
		{"name": "workspace", "emptyDir": {}},
		{"name": "share", "nfs": {"server": "192.168.2.10", "path": "/volume1/k8s-data"}},
	]}])
	fixtures.run(fixtures.manifest(d)) == {["dev-storage-on-nfs", ["spec", "template", "spec", "volumes", 1, "nfs"]]}
}

test_values_storage_class_mismatch if {
	v := {"primary": {"persistence": {"enabled": true, "storageClass": "local-path"}}}
	fixtures.run(fixtures.values("postgresql", "data", v)) == {["storage-class-mismatch", ["primary", "persistence", "storageClass"]]}
}

test_values_storage_class_matches if {
	v := {"singleBinary": {"persistence": {"storageClass": "nfs-client"}}, "minio": {"persistence": {"storageClass": ""}}}
	fixtures.run(fixtures.values("postgresql", "data", v)) == set()
}

test_values_storage_class_inside_a_list if {
	v := {"volumeClaimTemplates": [{"spec": {"storageClassName": "local-path"}}]}
	some f in fixtures.violations(fixtures.values("postgresql", "data", v))
	f.rule == "storage-class-mismatch"
	f.path == ["volumeClaimTemplates", 0, "spec", "storageClassName"]
	f.msg == "values file component/values-homelab.yaml key volumeClaimTemplates[0].spec.storageClassName uses storage class local-path, but namespace data keeps its volumes on nfs-client"
}

storage_class(name, annotations) := {
	"apiVersion": "storage.k8s.io/v1",
	"kind": "StorageClass",
	"metadata": {"name": name, "annotations": annotations},
	"provisioner": "k8s-sigs.io/nfs-subdir-external-provisioner",
}

default_mark := {"storageclass.kubernetes.io/is-default-class": "true"}

test_the_lab_default_class_marked_default_passes if {
	fixtures.run(fixtures.manifest(storage_class("nfs-client", default_mark))) == set()
}

test_another_class_not_marked_default_passes if {
	fixtures.run(fixtures.manifest(storage_class("fast-ssd", {"storageclass.kubernetes.io/is-default-class": "false"}))) == set()
}

test_the_lab_default_class_unmarked if {
	fixtures.run(fixtures.manifest(storage_class("nfs-client", {}))) == {["default-storage-class-mismatch", ["metadata", "annotations"]]}
	some v in fixtures.violations(fixtures.manifest(storage_class("nfs-client", {})))
	v.msg == "StorageClass nfs-client is the lab's default class but is not marked storageclass.kubernetes.io/is-default-class: \"true\""
}

test_another_class_marked_default if {
	fixtures.run(fixtures.manifest(storage_class("local-path", default_mark))) == {["default-storage-class-mismatch", ["metadata", "annotations", "storageclass.kubernetes.io/is-default-class"]]}
	some v in fixtures.violations(fixtures.manifest(storage_class("local-path", default_mark)))
	v.msg == "StorageClass local-path claims to be the default, but the lab's default class is nfs-client"
}

# An empty class turns dynamic provisioning off, and charts spell that "-".
test_no_class_is_named_as_such if {
	some v in fixtures.violations(fixtures.manifest(pvc("data", object.union(claim_spec, {"storageClassName": ""}))))
	v.rule == "storage-class-mismatch"
	v.msg == "PersistentVolumeClaim data uses no storage class (\"\" binds only a pre-made PersistentVolume), but namespace data keeps its volumes on nfs-client"
	some f in fixtures.violations(fixtures.values("postgresql", "data", {"primary": {"persistence": {"storageClass": "-"}}}))
	f.rule == "storage-class-mismatch"
	f.msg == "values file component/values-homelab.yaml key primary.persistence.storageClass uses no storage class (\"\" binds only a pre-made PersistentVolume), but namespace data keeps its volumes on nfs-client"
}
