#!/usr/bin/env bash
# Runs the extension in a REAL VS Code, offline: code-server 4.100.3 (VS Code 1.100.3 web workbench +
# Node extension host) driven by Debian's chromium through playwright-core, against the Wix emulator.
#   host:           the in-host mocha suites (out/test/suite/index.js exports run()), like @vscode/test-electron
#   host-untrusted: the same module with WIX_SUITE=untrusted, workspace trust on and the folder untrusted
#                   (part of `all` when out/test/suite/untrusted.test.js exists)
#   ui:             test/e2e/ui-e2e.js clicks through the workbench (Explorer menus, palette, status bar, editor),
#                   once per test/e2e/ui-scenarios*.js file, each in a fresh window
# Expects a built extension (dist/) and compiled tests (out/): `npm run build && npm run compile-tests`.
#
# usage: test/e2e/run.sh [host|host-untrusted|ui|all] [--trust off|trusted|untrusted] [--env NAME=VALUE]...
#                        [--root DIR] [--suite MODULE] [--workspace DIR] [--ui-spec FILE] [--no-install]
#   host|host-untrusted|ui|all  which part to run (default all)
#   --trust MODE      workspace trust for the host and ui parts (env E2E_TRUST; default off = --disable-workspace-trust).
#                     trusted: trust enabled and the folder trusted through the real prompt;
#                     untrusted: trust enabled, folder left untrusted (restricted mode).
#   --env NAME=VALUE  extra env for code-server and so for the extension host (repeatable)
#   --root DIR        the extension's folder (default: this repository)
#   --suite MODULE    in-host tests module (default <root>/out/test/suite/index)
#   --workspace DIR   folder copied as the in-host tests' workspace (default: the sample workspace of fixtures.js)
#   --ui-spec FILE    run only this UI scenarios module (env E2E_UI_SPEC; default: every test/e2e/ui-scenarios*.js,
#                     each in a fresh window)
#   --no-install      skip test/e2e/install.sh (apt + npm ci of the harness; idempotent and quick when done)
# The extension host sees the emulator as WIX_EMU_BASE_URL, WIX_EMU_API_KEY, WIX_EMU_SITE_ID. The UI
# run's user settings hold wixMedia.siteId and wixMedia.wixAPI.baseURL. Output goes to test/e2e/.run/
# (host.out, ui.out, emulator-*.log, screenshots in ui/shots/). Prints `e2e: N passed, N failed`;
# exits non-zero when a test fails or a runner crashes.
set -uo pipefail
E2E="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$E2E/../.." && pwd)"
export E2E_RUN_DIR="${E2E_RUN_DIR:-$E2E/.run}"
RUN="$E2E_RUN_DIR"
what=all; suite=""; workspace=""; install=1
export E2E_TRUST="${E2E_TRUST:-off}"
# The demo's key hand-over must not leak into tests: they set the key as a person would.
unset WIX_MEDIA_DEMO_API_KEY
while [ $# -gt 0 ]; do
  case "$1" in
    host|host-untrusted|ui|all) what="$1" ;;
    --trust) E2E_TRUST="$2"; shift ;;
    --trust=*) E2E_TRUST="${1#*=}" ;;
    --env) [[ "$2" == *=* ]] || { echo "run.sh: --env needs NAME=VALUE, got '$2'" >&2; exit 2; }; export "$2"; shift ;;
    --env=*) export "${1#*=}" ;;
    --root) ROOT="$(cd "$2" && pwd)"; shift ;;
    --suite) suite="$2"; shift ;;
    --workspace) workspace="$2"; shift ;;
    --ui-spec) export E2E_UI_SPEC="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift ;;
    --no-install) install=0 ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$E2E_TRUST" in off|trusted|untrusted) ;; *) echo "run.sh: --trust must be off, trusted or untrusted" >&2; exit 2 ;; esac
suite="${suite:-$ROOT/out/test/suite/index}"
t0=$SECONDS
mkdir -p "$RUN"

[ "$install" = 1 ] && { bash "$E2E/install.sh" || exit 1; }
for f in "$ROOT/out/test/emulator/main.js" "$ROOT/package.json"; do
  [ -f "$f" ] || { echo "run.sh: $f is missing: run \`npm run build && npm run compile-tests\` first" >&2; exit 1; }
done
main="$(node -p "require('$ROOT/package.json').main || ''")"
[ -z "$main" ] || [ -f "$ROOT/$main" ] || [ -f "$ROOT/$main.js" ] || { echo "run.sh: the extension's main ($main) is missing: run \`npm run build\` first" >&2; exit 1; }

# Starts a fresh emulator (its own state for each part) on a free 127.0.0.1 port with a random key,
# and exports its coordinates. $1 names its log.
EMU_PID=""
start_emulator() {
  stop_emulator
  local out="$RUN/emulator-$1.out"
  rm -f "$out"               # else the wait below could read the previous run's port before the shell truncates it
  WIX_EMULATOR_API_KEY="IST.e2e-$(node -p "require('crypto').randomBytes(12).toString('hex')")" \
    node "$ROOT/out/test/emulator/main.js" --port 0 > "$out" 2> "$RUN/emulator-$1.log" &
  EMU_PID=$!
  for _ in $(seq 1 200); do
    grep -q '^WIX_SITE_ID=' "$out" 2>/dev/null && break
    kill -0 "$EMU_PID" 2>/dev/null || break
    sleep 0.1
  done
  { grep -q '^WIX_SITE_ID=' "$out" 2>/dev/null && kill -0 "$EMU_PID" 2>/dev/null; } || { echo "run.sh: the emulator did not start:" >&2; cat "$RUN/emulator-$1.log" >&2; return 1; }
  export WIX_EMU_BASE_URL="$(sed -n 's/^WIX_API_BASE_URL=//p' "$out")"
  export WIX_EMU_API_KEY="$(sed -n 's/^WIX_API_KEY=//p' "$out")"
  export WIX_EMU_SITE_ID="$(sed -n 's/^WIX_SITE_ID=//p' "$out")"
  case "$WIX_EMU_BASE_URL" in http://127.0.0.1:*) ;; *) echo "run.sh: emulator base URL is not on 127.0.0.1: $WIX_EMU_BASE_URL" >&2; return 1 ;; esac
}
stop_emulator() {
  if [ -n "$EMU_PID" ]; then kill "$EMU_PID" 2>/dev/null; wait "$EMU_PID" 2>/dev/null; EMU_PID=""; fi
}
trap stop_emulator EXIT
trap 'stop_emulator; exit 130' INT TERM

# Runs one part; its last `N passed, N failed` line counts, and a crash before it counts as a failure.
P=0; F=0; RC=0
run_part() {
  local name="$1"; shift
  local out="$RUN/$name.out"
  if ! start_emulator "$name"; then F=$((F + 1)); RC=1; echo "e2e $name: 0 passed, 1 failed" | tee "$out"; return; fi
  local s=$SECONDS
  timeout 900 "$@" 2>&1 | tee "$out"
  local rc=${PIPESTATUS[0]}
  stop_emulator
  local line; line="$(grep -E '[0-9]+ passed, [0-9]+ failed' "$out" | tail -1)"
  local p f
  p="$(sed -nE 's/.*\b([0-9]+) passed, ([0-9]+) failed.*/\1/p' <<< "$line")"; p="${p:-0}"
  f="$(sed -nE 's/.*\b([0-9]+) passed, ([0-9]+) failed.*/\2/p' <<< "$line")"; f="${f:-0}"
  [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
  P=$((P + p)); F=$((F + f)); [ "$rc" -ne 0 ] && RC=1
  echo "[e2e] $name: rc=$rc in $((SECONDS - s))s"
}

host_ws() {   # a fresh copy of the in-host tests' workspace
  local ws="$RUN/ws-$1"; rm -rf "$ws"; mkdir -p "$ws"
  if [ -n "$workspace" ]; then cp -a "$workspace/." "$ws/"
  else node -e "require('$E2E/fixtures.js').writeSampleWorkspace(process.argv[1])" "$ws"; fi
  echo "$ws"
}
if [ "$what" = host ] || [ "$what" = all ]; then
  E2E_NAME=host run_part host node "$E2E/run-ext-tests.js" "$ROOT" "$suite" "$(host_ws host)"
fi
# The suite's restricted-mode tests (untrusted.test.js, chosen by WIX_SUITE=untrusted) need their own
# run with workspace trust on and the folder left untrusted.
if [ "$what" = host-untrusted ] || { [ "$what" = all ] && [ -f "$(dirname "$suite")/untrusted.test.js" ]; }; then
  E2E_NAME=host-untrusted E2E_TRUST=untrusted WIX_SUITE=untrusted \
    run_part host-untrusted node "$E2E/run-ext-tests.js" "$ROOT" "$suite" "$(host_ws host-untrusted)"
fi
# Each UI scenario file runs in a fresh window of its own (its own code-server, emulator and user data):
# ui-scenarios.js as the part "ui", ui-scenarios-NAME.js as "ui-NAME". --ui-spec FILE runs that one file only.
# A file whose header has a line `// e2e-locale: LOCALE` runs with code-server's --locale LOCALE (E2E_LOCALE).
spec_locale() { sed -nE 's#^// e2e-locale: *([A-Za-z0-9-]+).*#\1#p' "$1" | head -1; }
if [ "$what" = ui ] || [ "$what" = all ]; then
  if [ -n "${E2E_UI_SPEC:-}" ]; then
    n="$(basename "$E2E_UI_SPEC" .js)"; n="ui${n#ui-scenarios}"
    E2E_NAME="$n" E2E_LOCALE="$(spec_locale "$E2E_UI_SPEC")" run_part "$n" node "$E2E/ui-e2e.js" "$ROOT"
  else
    for spec in "$E2E"/ui-scenarios*.js; do
      n="$(basename "$spec" .js)"; n="ui${n#ui-scenarios}"
      E2E_NAME="$n" E2E_UI_SPEC="$spec" E2E_LOCALE="$(spec_locale "$spec")" run_part "$n" node "$E2E/ui-e2e.js" "$ROOT"
    done
  fi
fi

echo "[e2e] total $((SECONDS - t0))s (trust=$E2E_TRUST; output in $RUN)"
echo "e2e: $P passed, $F failed"
[ "$RC" -eq 0 ] && [ "$F" -eq 0 ]
