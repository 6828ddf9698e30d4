#!/usr/bin/env bash
# Installs the offline real-VS-Code harness (idempotent; a second call takes about a second):
#   apt:  chromium (the browser), libkrb5-dev (code-server's kerberos native module),
#         ripgrep (the rg binary @vscode/ripgrep would otherwise fetch from GitHub)
#   npm:  code-server 4.100.3, playwright-core 1.65.1, mocha 10.8.2 into test/e2e/node_modules (npm ci)
# Only Debian's apt repositories and the npm registry are contacted.
set -euo pipefail
E2E="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="${E2E_RUN_DIR:-$E2E/.run}"
mkdir -p "$RUN/tmp"
t0=$SECONDS

need=()
for p in chromium libkrb5-dev ripgrep; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  echo "[e2e-install] apt-get install ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
echo "[e2e-install] apt done at $((SECONDS - t0))s"

[ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] || { echo "[e2e-install] code-server 4.100.3 needs Node 20" >&2; exit 1; }

# The stamp holds the lock's hash, so a changed lock reinstalls and an unchanged one is skipped.
stamp="$E2E/node_modules/.e2e-lock-sha256"
want="$(sha256sum "$E2E/package-lock.json" | cut -d' ' -f1)"
if [ -x "$E2E/node_modules/.bin/code-server" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "[e2e-install] harness already installed"
else
  # @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache (under $TMPDIR) already
  # holds the asset: build that asset from Debian's rg.
  rgcache="$RUN/tmp/vscode-ripgrep-cache-1.15.11"; mkdir -p "$rgcache/x"
  cp /usr/bin/rg "$rgcache/x/rg"
  tar czf "$rgcache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$rgcache/x" rg
  echo "[e2e-install] npm ci (about 70 s; log: $RUN/npm-install.log)"
  # npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it
  # npm_config_yes:        node-pty's postinstall runs `npx node-gyp`
  ( cd "$E2E" && TMPDIR="$RUN/tmp" npm_config_unsafe_perm=true npm_config_yes=true \
      npm ci --no-audit --no-fund --loglevel=error > "$RUN/npm-install.log" 2>&1 ) \
    || { tail -40 "$RUN/npm-install.log" >&2; exit 1; }
  echo "$want" > "$stamp"
fi
echo "[e2e-install] done in $((SECONDS - t0))s"
