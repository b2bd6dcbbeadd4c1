#!/usr/bin/env bash
# Dependency audit: pip-audit over the pinned tree (requirements.txt + constraints.txt, which
# also pins requirements-test.txt's packages).
#
# pip-audit lives in its own venv (.venv-audit, from requirements-audit.txt) so it can never
# change the application's pins. Known, accepted vulnerabilities are listed with a reason in
# security/pip-audit-ignore.txt ("<ID> <reason>", one per line; an ID without a reason is
# refused). See docs/SECURITY.md.
#
# Exit codes:
#   0  no unignored vulnerability found -- OR no vulnerability service was reachable, in
#      which case a loud warning says that NOTHING WAS AUDITED (set AUDIT_REQUIRE_SERVICE=1
#      to make that case fail with 3 instead)
#   1  vulnerabilities found that are not in the ignore list
#   2  usage / setup error (bad ignore list, pip-audit could not be installed)
#   3  no vulnerability service reachable and AUDIT_REQUIRE_SERVICE=1
#
# Before trusting a service the script asks it about a canary with well-known advisories
# (requests==2.25.0): a service that answers "no vulnerabilities" for the canary (e.g. the
# PyPI JSON API blocked, which pip-audit reports as "skipped") is treated as unreachable,
# so an offline machine can never produce a silent pass.
set -uo pipefail
cd "$(dirname "$0")/.."

VENV=${AUDIT_VENV:-.venv-audit}
SERVICES=${PIP_AUDIT_SERVICES:-osv pypi}
IGNORE_FILE=security/pip-audit-ignore.txt
REQS=(requirements.txt constraints.txt)
TIMEOUT=${PIP_AUDIT_TIMEOUT:-30}

warn() { printf '\n%s\n' "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
         printf '!!! %s\n' "$@" >&2
         printf '%s\n\n' "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2; }

# --- pip-audit in its own venv -----------------------------------------------------------
py=$(bash scripts/find-python310.sh) || exit 2
bash scripts/tool-venv.sh "$VENV" requirements-audit.txt "$py" || exit 2
[ -x "$VENV/bin/pip-audit" ] || { echo "audit-deps: could not install pip-audit" >&2; exit 2; }
PIP_AUDIT="$VENV/bin/pip-audit"
PY="$VENV/bin/python"

# --- the ignore list: every ID needs a reason -----------------------------------------------
ignore_args=()
if [ -f "$IGNORE_FILE" ]; then
  lineno=0
  while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    line="${line%%#*}"
    line="$(echo "$line" | sed -e 's/[[:space:]]*$//')"
    [ -z "$line" ] && continue
    id="${line%%[[:space:]]*}"
    reason="${line#"$id"}"
    reason="$(echo "$reason" | sed -e 's/^[[:space:]]*//')"
    if [ -z "$reason" ]; then
      echo "audit-deps: $IGNORE_FILE:$lineno: '$id' has no reason; write '<ID> <why it is accepted>'" >&2
      exit 2
    fi
    ignore_args+=(--ignore-vuln "$id")
  done < "$IGNORE_FILE"
fi

# --- which vulnerability service answers? -----------------------------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "requests==2.25.0" > "$tmp/canary.txt"
service=""
for svc in $SERVICES; do
  timeout $((TIMEOUT * 4)) "$PIP_AUDIT" --vulnerability-service "$svc" --timeout "$TIMEOUT" \
    --no-deps --disable-pip -r "$tmp/canary.txt" -f json -o "$tmp/canary-$svc.json" \
    --progress-spinner off >"$tmp/canary-$svc.log" 2>&1
  found=$("$PY" - "$tmp/canary-$svc.json" <<'EOF' 2>/dev/null
import json, sys
try:
    data = json.load(open(sys.argv[1]))
except Exception:
    print(0); sys.exit()
print(sum(len(d.get("vulns") or []) for d in data.get("dependencies", [])))
EOF
)
  if [ "${found:-0}" -gt 0 ]; then
    service=$svc
    break
  fi
  echo "audit-deps: vulnerability service '$svc' not usable from here:" >&2
  grep -v "^WARNING: Location" "$tmp/canary-$svc.log" | tail -n 2 | sed 's/^/    /' >&2
  [ -s "$tmp/canary-$svc.json" ] && "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); \
[print('    skipped:', x.get('name'), '-', x.get('skip_reason')) for x in d.get('dependencies', []) if x.get('skip_reason')][:1]" \
    "$tmp/canary-$svc.json" >&2
done

if [ -z "$service" ]; then
  warn "DEPENDENCY AUDIT NOT PERFORMED: no vulnerability service is reachable" \
       "(tried: $SERVICES). Nothing was checked -- this is NOT a pass." \
       "Run scripts/audit-deps.sh on a machine that can reach api.osv.dev or the PyPI JSON API."
  if [ "${AUDIT_REQUIRE_SERVICE:-0}" = "1" ]; then
    exit 3
  fi
  exit 0
fi

# --- the audit ------------------------------------------------------------------------------
echo "audit-deps: auditing ${REQS[*]} with pip-audit ($service), ${#ignore_args[@]}/2 ignored id(s)"
req_args=()
for r in "${REQS[@]}"; do req_args+=(-r "$r"); done
"$PIP_AUDIT" --vulnerability-service "$service" --timeout "$TIMEOUT" --no-deps --disable-pip \
  "${req_args[@]}" "${ignore_args[@]}" --progress-spinner off --desc off -f json -o "$tmp/audit.json" \
  >"$tmp/audit.log" 2>&1
status=$?
"$PY" - "$tmp/audit.json" <<'EOF'
import json, sys
try:
    data = json.load(open(sys.argv[1]))
except Exception as exc:
    print(f"audit-deps: no pip-audit report ({exc})"); sys.exit()
deps = data.get("dependencies", [])
vulns = [(d["name"], d.get("version"), v) for d in deps for v in d.get("vulns") or []]
skipped = [d for d in deps if d.get("skip_reason")]
print(f"audit-deps: {len(deps)} packages audited, {len(vulns)} unignored vulnerabilit(y/ies), "
      f"{len(skipped)} skipped, {len(data.get('fixes', []))} fix suggestion(s)")
for name, version, v in vulns:
    fixes = ", ".join(v.get("fix_versions") or []) or "no fix"
    aliases = ", ".join(v.get("aliases") or [])
    print(f"  {name}=={version}  {v['id']}  ({aliases})  fixed in: {fixes}")
for d in skipped:
    print(f"  skipped: {d['name']}: {d['skip_reason']}")
EOF
if [ $status -ne 0 ] && [ $status -ne 1 ]; then
  grep -v "^WARNING: Location" "$tmp/audit.log" | tail -n 20 >&2
  echo "audit-deps: pip-audit failed (exit $status)" >&2
  exit 2
fi
if [ $status -eq 1 ]; then
  echo "audit-deps: FAILED -- fix the pins or add each ID with a reason to $IGNORE_FILE" >&2
  exit 1
fi
echo "audit-deps: OK (service: $service)"
