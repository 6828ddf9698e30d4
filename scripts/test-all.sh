#!/usr/bin/env bash
# Every test: type check, lint and the l10n bundle check; unit + integration (mocha, Node, emulator over HTTP), then the in-host suites and the
# UI end-to-end tests in a real VS Code (code-server + Chromium). Each runner ends with `N passed, N failed`.
# Run one layer alone: `npm run test:unit`, `npm run test:host`, `npm run test:ui`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
node scripts/ensure-deps.js || exit 1
npm run -s build || exit 1
npm run -s compile-tests || exit 1

rc=0
# Static checks first: types (src and tests), lint, and that the committed l10n bundle is current.
npm run -s typecheck || rc=1
npm run -s lint || rc=1
npm run -s l10n:check || rc=1
npx mocha || rc=1
bash test/e2e/install.sh || { echo "e2e install failed"; exit 1; }
bash test/e2e/run.sh || rc=1
exit $rc
