#!/bin/sh
# Not a manifest: clean.
kubectl apply -f argocd/root.yaml
