#!/bin/sh
# Installs the tools namespace's helpers by hand.
kubectl create namespace tools --dry-run=client -o yaml | kubectl apply -f -
