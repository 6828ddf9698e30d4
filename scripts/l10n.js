#!/usr/bin/env node
// Localisation bundles. `node scripts/l10n.js` (npm run l10n) exports l10n/bundle.l10n.json from the
// vscode.l10n.t calls in src/ and regenerates the pseudo-locale files the l10n UI test loads.
// `node scripts/l10n.js --check` (npm run l10n:check) does the same into a temp dir and fails when the
// committed files differ, so a string added without `npm run l10n` is caught before the tests run.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CLI = require.resolve('@vscode/l10n-dev/dist/cli.js', { paths: [ROOT] });
const PSEUDO = 'qps-ploc';
// Generated file (relative to ROOT) -> where it is generated in the output tree.
const FILES = ['l10n/bundle.l10n.json', `l10n/bundle.l10n.${PSEUDO}.json`, `package.nls.${PSEUDO}.json`];

function l10nDev(args) {
  try {
    execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: 'pipe' });
  } catch (e) {
    // Its warnings (e.g. that a temp outDir is not package.json's l10n) are noise unless it failed.
    process.stderr.write(String(e.stderr ?? e));
    throw e;
  }
}

function generate(outRoot) {
  const l10nDir = path.join(outRoot, 'l10n');
  fs.mkdirSync(l10nDir, { recursive: true });
  l10nDev(['export', '--outDir', l10nDir, path.join(ROOT, 'src')]);
  // generate-pseudo writes <name>.qps-ploc.json next to its input, so --check works on a copy of package.nls.json.
  if (outRoot !== ROOT) fs.copyFileSync(path.join(ROOT, 'package.nls.json'), path.join(outRoot, 'package.nls.json'));
  l10nDev(['generate-pseudo', path.join(l10nDir, 'bundle.l10n.json')]);
  l10nDev(['generate-pseudo', path.join(outRoot, 'package.nls.json')]);
}

function main() {
  if (!process.argv.includes('--check')) {
    generate(ROOT);
    console.log(`l10n: wrote ${FILES.join(', ')}`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wix-l10n-'));
  try {
    generate(tmp);
    const stale = FILES.filter((f) => {
      const committed = path.join(ROOT, f);
      return !fs.existsSync(committed) || fs.readFileSync(committed, 'utf8') !== fs.readFileSync(path.join(tmp, f), 'utf8');
    });
    if (stale.length) {
      console.error(`l10n:check FAILED: ${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} out of date with the ` +
        'vscode.l10n.t strings in src/ and package.nls.json. Run `npm run l10n` and commit the result.');
      process.exit(1);
    }
    console.log('l10n:check: the bundles are current.');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
