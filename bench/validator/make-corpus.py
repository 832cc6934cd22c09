#!/usr/bin/env python3
"""Writes a corpus of N Kubernetes documents (10 per file) for the validator and policy benchmarks.

Usage: make-corpus.py N DIR [--lab]   (--lab adds a homelab.yaml, which the policies need)

Kinds rotate through Deployment, Service, ConfigMap, Ingress and a custom resource (Backup), so
both tools validate the same mix. One document in a hundred carries a deliberate error, so the
run also proves that both tools report the same number of problems.
"""
import json
import os
import sys


def deployment(i, broken):
    replicas = '"2"' if broken else "2"
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: app{i}-web
  namespace: bench
  labels: {{app.kubernetes.io/name: app{i}, app.kubernetes.io/component: web}}
spec:
  replicas: {replicas}
  selector:
    matchLabels: {{app.kubernetes.io/name: app{i}}}
  template:
    metadata:
      labels: {{app.kubernetes.io/name: app{i}}}
    spec:
      containers:
        - name: web
          image: nginx:1.27.{i % 10}
          ports: [{{containerPort: 8080, name: http}}]
          env: [{{name: MODE, value: "fast"}}]
          resources:
            requests: {{cpu: 100m, memory: 64Mi}}
            limits: {{cpu: 500m, memory: 128Mi}}
          readinessProbe: {{httpGet: {{path: /ready, port: http}}}}
          livenessProbe: {{tcpSocket: {{port: 8080}}}}
"""


def service(i, broken):
    port = "eighty" if broken else "80"
    return f"""apiVersion: v1
kind: Service
metadata:
  name: app{i}-web
  namespace: bench
spec:
  selector: {{app.kubernetes.io/name: app{i}}}
  ports:
    - name: http
      port: {port}
      targetPort: http
"""


def configmap(i, broken):
    extra = "\n  unexpected: field" if broken else ""
    return f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: app{i}-settings
  namespace: bench{extra}
data:
  mode: fast
  replicas: "2"
  url: http://app{i}-web.bench.svc.cluster.local
"""


def ingress(i, broken):
    number = '"80"' if broken else "80"
    return f"""apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app{i}-web
  namespace: bench
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-production
    traefik.ingress.kubernetes.io/router.entrypoints: websecure
spec:
  ingressClassName: traefik
  tls: [{{hosts: [app{i}.home.example.com], secretName: app{i}-tls}}]
  rules:
    - host: app{i}.home.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {{name: app{i}-web, port: {{number: {number}}}}}
"""


def backup(i, broken):
    keep = '"7"' if broken else "7"
    return f"""apiVersion: lab.example.com/v1
kind: Backup
metadata:
  name: app{i}-backup
  namespace: bench
spec:
  schedule: "0 2 * * *"
  keep: {keep}
  target: nfs
"""


KINDS = [deployment, service, configmap, ingress, backup]

BACKUP_SCHEMA = {
    "type": "object",
    "required": ["apiVersion", "kind", "spec"],
    "additionalProperties": False,
    "properties": {
        "apiVersion": {"const": "lab.example.com/v1"},
        "kind": {"const": "Backup"},
        "metadata": {"type": "object"},
        "spec": {
            "type": "object",
            "additionalProperties": False,
            "required": ["schedule"],
            "properties": {
                "schedule": {"type": "string"},
                "keep": {"type": "integer"},
                "target": {"type": "string", "enum": ["nfs", "local"]},
            },
        },
    },
}


LAB_CONFIG = """name: home-lab
domain: home.example.com
kubernetes: {version: "1.34"}
git: {repoURL: https://example.com/lab.git, revision: main, path: gitops}
network:
  lan: 192.168.2.0/24
  tailscale: 100.64.0.0/10
  metallbPools: [192.168.2.240-192.168.2.250]
routing:
  allowListMiddleware: {namespace: bench, name: traefik-allowlist}
layers: [applications]
profiles:
  bench:
    quota: {requests.cpu: "100", requests.memory: 200Gi}
    limitRange:
      defaultRequest: {cpu: 100m, memory: 64Mi}
      default: {cpu: 500m, memory: 128Mi}
      max: {cpu: "2", memory: 2Gi}
namespaces:
  - {name: bench, layer: applications, profile: bench, storageClass: nfs-client}
components: []
"""


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    if "--lab" in sys.argv:
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "homelab.yaml"), "w") as f:
            f.write(LAB_CONFIG)
    docs_dir = os.path.join(out, "manifests")
    os.makedirs(docs_dir, exist_ok=True)
    broken = 0
    for start in range(0, count, 10):
        parts = []
        for i in range(start, min(start + 10, count)):
            bad = i % 100 == 37
            broken += bad
            parts.append(KINDS[i % len(KINDS)](i, bad))
        with open(os.path.join(docs_dir, f"part-{start // 10:05d}.yaml"), "w") as f:
            f.write("---\n".join(parts))
    schema_dir = os.path.join(out, "schemas", "lab.example.com")
    os.makedirs(schema_dir, exist_ok=True)
    with open(os.path.join(schema_dir, "backup_v1.json"), "w") as f:
        json.dump(BACKUP_SCHEMA, f)
    print(broken)


if __name__ == "__main__":
    main()
