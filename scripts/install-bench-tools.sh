#!/bin/sh
# The tools `corepack pnpm bench:proxy` drives: wrk (the load), taskset (the pinning, util-linux)
# and nginx (the competitor), from Debian's packages. Idempotent: does nothing when all are there.
# nginx is optional: when it cannot be installed the benchmark runs without it and says so.
set -eu

if command -v wrk >/dev/null && command -v nginx >/dev/null && command -v taskset >/dev/null; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-bench-tools: run as root (apt-get install wrk nginx-light util-linux)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q wrk util-linux
# nginx-light is the small build (Debian 12); later releases only have nginx.
# The package's own service is not wanted: the benchmark starts nginx itself with its own config.
if ! command -v nginx >/dev/null; then
  RUNLEVEL=1 apt-get install -y -q nginx-light || RUNLEVEL=1 apt-get install -y -q nginx \
    || echo "install-bench-tools: nginx could not be installed; bench:proxy will skip it" >&2
fi
command -v wrk
command -v nginx || true
