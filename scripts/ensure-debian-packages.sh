#!/usr/bin/env bash
# Make sure the Debian packages the integration tests drive are present: headless
# Chromium + ChromeDriver (browser tests) and nginx (reverse-proxy tests, run with a
# private config on a free port; the system service is not needed). Installs what is
# missing when we are allowed to (root or sudo).
#   scripts/ensure-debian-packages.sh [BINARY:PACKAGE ...]   (default: the three below)
set -euo pipefail
wanted=("$@")
if [ ${#wanted[@]} -eq 0 ]; then
  wanted=(/usr/bin/chromium:chromium /usr/bin/chromedriver:chromium-driver /usr/sbin/nginx:nginx)
fi
missing=()
for pair in "${wanted[@]}"; do
  [ -x "${pair%%:*}" ] || missing+=("${pair#*:}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "==> Installing Debian packages for the integration tests: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ERROR: missing ${missing[*]}; install with: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
