#!/usr/bin/env bash
# Build .venv-fuzz (schemathesis, pinned in requirements-fuzz.txt) if it is missing or stale,
# and print the path of its `st` command on the last line. schemathesis lives in its own
# venv because it cannot share one with Rasa 3.6.21's pins (docs/SECURITY.md); it needs
# Python >= 3.11 (the machine's default python3 here).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${FUZZ_VENV:-.venv-fuzz}
REQS=requirements-fuzz.txt
PY=""
for candidate in python3.11 python3.12 python3.13 python3; do
  if command -v "$candidate" >/dev/null 2>&1 \
     && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY=$(command -v "$candidate"); break
  fi
done
if [ -z "$PY" ] && command -v pyenv >/dev/null 2>&1; then
  PY=$(ls -d "$(pyenv root)"/versions/3.1[1-9]*/bin/python3 2>/dev/null | head -1 || true)
fi
[ -n "$PY" ] || { echo "ERROR: schemathesis needs Python >= 3.11 and none was found" >&2; exit 2; }
bash scripts/tool-venv.sh "$VENV" "$REQS" "$PY"
echo "$PWD/$VENV/bin/st"
