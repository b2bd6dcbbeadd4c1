#!/usr/bin/env bash
# Make sure nginx (Debian package) is present for the reverse-proxy tests
# (tests/test_proxy_replicas.py run it with a private config on a free port; the system
# service is not needed); install it when missing and we are allowed to (root or sudo).
set -euo pipefail
if [ -x /usr/sbin/nginx ]; then
  exit 0
fi
echo "==> Installing Debian package nginx for the reverse-proxy tests"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ERROR: nginx is missing; install it with: apt-get install nginx" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq nginx >/dev/null
