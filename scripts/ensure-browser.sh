#!/usr/bin/env bash
# Make sure headless Chromium and ChromeDriver (Debian packages) are present for the
# browser tests; install them when missing and we are allowed to (root or sudo).
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
echo "==> Installing Debian packages chromium and chromium-driver for the browser tests"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ERROR: chromium is missing; install it with: apt-get install chromium chromium-driver" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
