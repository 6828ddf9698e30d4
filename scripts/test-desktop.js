// The in-host suites under desktop VS Code via @vscode/test-electron (needs internet to download VS Code;
// offline, `npm run test:host` runs the same suites in code-server).
const path = require('path');
const fs = require('fs');
const os = require('os');
const { runTests } = require('@vscode/test-electron');

(async () => {
  const root = path.resolve(__dirname, '..');
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'wix-media-ws-'));
  fs.writeFileSync(path.join(ws, 'README.md'), '# Test workspace\n');
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/suite/index'),
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust'],
  });
})().catch(e => { console.error(e); process.exit(1); });
