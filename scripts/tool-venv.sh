#!/usr/bin/env bash
# Build a tool's own venv from its pinned requirements when it is missing or stale (a stamp
# file holds the requirements' hash), so the tool can never disturb the application's pins.
# Used for pip-audit (scripts/audit-deps.sh) and schemathesis (scripts/fuzz-venv.sh).
#   scripts/tool-venv.sh VENV REQUIREMENTS PYTHON
# Exit 2 when the venv cannot be built.
set -uo pipefail
venv=$1 reqs=$2 py=$3
stamp="$venv/.installed-$(sha256sum "$reqs" | cut -c1-16)"
[ -f "$stamp" ] && exit 0
echo "==> Building $venv with $py ($reqs)" >&2
rm -rf "$venv"
"$py" -m venv "$venv" || exit 2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$reqs" 2>&1 \
  | grep -v "^WARNING: Location" >&2
[ "${PIPESTATUS[0]}" -eq 0 ] || exit 2
"$venv/bin/python" -m pip check >&2 || exit 2
touch "$stamp"
