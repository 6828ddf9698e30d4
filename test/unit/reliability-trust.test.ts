// Issue 5, Trust, at the unit layer: what the manifest promises VS Code. The behaviour itself (a workspace's
// apiBaseUrl ignored in Restricted Mode, uploads still allowed) is proved in the in-host suite, test/suite/untrusted.test.ts.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The manifest's user-facing strings are %keys% of package.nls.json; VS Code resolves them at load time, so do we.
const nls: Record<string, string> = JSON.parse(readFileSync(resolve(__dirname, '../../../package.nls.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8'),
  (_k, v) => (typeof v === 'string' && /^%[^%\s]+%$/.test(v) ? nls[v.slice(1, -1)] ?? v : v));
const props = pkg.contributes.configuration.properties;

describe('reliability: workspace trust in the manifest (issue 5)', () => {
  it('a workspace cannot choose where the key goes: wixMedia.wixAPI.baseURL and its old name are application-scoped and restricted', () => {
    assert.equal(props['wixMedia.wixAPI.baseURL'].scope, 'application');
    assert.equal(props['wixMedia.apiBaseUrl'].scope, 'application');
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['wixMedia.wixAPI.baseURL', 'wixMedia.apiBaseUrl']);
  });

  it('uploading stays allowed in Restricted Mode: no command or menu is gated on trust', () => {
    const whens = [
      ...pkg.contributes.commands.map((c: { enablement?: string }) => c.enablement ?? ''),
      ...Object.values(pkg.contributes.menus).flat().map((m) => (m as { when?: string }).when ?? ''),
    ];
    assert.ok(whens.every((w) => !/isWorkspaceTrusted/.test(w)), whens.join(' | '));
  });

  it('the key has no home in settings: the apiKey setting is deprecated and says to use the secret storage', () => {
    const s = props['wixMedia.apiKey'];
    assert.equal(s.default, '');
    assert.match(s.markdownDeprecationMessage, /settings files are plain text.*Set API Key/);
  });
});
