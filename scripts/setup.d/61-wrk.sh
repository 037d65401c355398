#!/usr/bin/env bash
# wrk (Debian), the load generator of scripts/soak.sh and scripts/load-test.sh.
set -euo pipefail
command -v wrk >/dev/null 2>&1 && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }
