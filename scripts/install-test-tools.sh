#!/bin/sh
# Tools the tests drive beside bosun's own: kubectl, the second real client of the test
# Kubernetes API server (test/k8s-api), from Debian's packages. Idempotent: does nothing when it
# is there. Exits 1 when it cannot be installed; the tests that need it then say so and skip.
set -eu

if command -v kubectl >/dev/null; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-tools: kubectl is missing; run as root (apt-get install kubectl)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q kubectl >/dev/null
command -v kubectl
