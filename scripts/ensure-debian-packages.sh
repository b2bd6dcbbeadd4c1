#!/usr/bin/env bash
# Make sure the Debian packages the integration tests drive are present: headless
# Chromium + ChromeDriver (browser tests), nginx (reverse-proxy tests, run with a
# private config on a free port; the system service is not needed) and docker-compose
# (validates deploy/docker-compose.yml; no engine needed). Installs what is
# missing when we are allowed to (root or sudo).
#   scripts/ensure-debian-packages.sh [BINARY:PACKAGE ...]   (default: the four below)
set -euo pipefail
wanted=("$@")
if [ ${#wanted[@]} -eq 0 ]; then
  wanted=(/usr/bin/chromium:chromium /usr/bin/chromedriver:chromium-driver /usr/sbin/nginx:nginx
          /usr/bin/docker-compose:docker-compose)
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
# docker-compose recommends docker.io, the engine, which nothing here needs.
lean=(); rest=()
for pkg in "${missing[@]}"; do
  if [ "$pkg" = docker-compose ]; then lean+=("$pkg"); else rest+=("$pkg"); fi
done
[ ${#rest[@]} -eq 0 ] || $SUDO apt-get install -y -qq "${rest[@]}" >/dev/null
[ ${#lean[@]} -eq 0 ] || $SUDO apt-get install -y -qq --no-install-recommends "${lean[@]}" >/dev/null
