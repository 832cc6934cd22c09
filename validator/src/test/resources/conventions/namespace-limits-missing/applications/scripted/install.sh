#!/bin/sh
# Installs the scripted tools with their own manifests.
kubectl apply -f .
