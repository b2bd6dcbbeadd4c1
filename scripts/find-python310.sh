#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter, or explain how to get one and fail.
# Rasa Open Source 3.6 runs on Python 3.8-3.10 only.
set -euo pipefail
candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
if command -v pyenv >/dev/null 2>&1; then
  for p in "$(pyenv root)"/versions/3.10.*/bin/python3.10; do [ -x "$p" ] && candidates+=("$p"); done
fi
for p in "$HOME"/.pyenv/versions/3.10.*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
  [ -x "$p" ] && candidates+=("$p")
done
for p in "${candidates[@]}"; do
  if "$p" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
    echo "$p"; exit 0
  fi
done
cat >&2 <<'MSG'
ERROR: Python 3.10 was not found, and Rasa 3.6 needs it (3.11+ is not supported).
Install it, then run the command again, for example:
  pyenv install 3.10.13        (with pyenv)
  sudo apt install python3.10 python3.10-venv   (Debian/Ubuntu with deadsnakes)
or point PYTHON310=/path/to/python3.10 at an existing interpreter.
MSG
exit 1
