// Issue 10 in the real host: uploads paced under the rate-limit mode, and Select Site with a real key's limits.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { WixEmulator } from '../emulator/server';
import type { UploadResult } from '../../src/vscode/upload-flow';
import { cfg, fileNamed, openEditor, pngFile, setUserSettings, until, uploadSuiteHooks, type LocalFile } from './helpers';

describe('Wix limits in the host (issue 10)', () => {
  let emu: WixEmulator;
  let dir: string;

  uploadSuiteHooks('limits', s => ({ emu, dir } = s));
  afterEach(async () => {
    emu.setRateLimit(undefined);
    emu.setSitesPermission(true);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });
  after(async () => {
    await setUserSettings({ 'wixAPI.rateLimit': undefined, accountId: undefined, siteId: undefined });
  });

  it('20 files through the Explorer command under the rate-limit mode insert 20 references; nothing fails', async function () {
    this.timeout(120_000);
    // Wix's documented 200 a minute, with the minute scaled to 2 s; the emulator allows only 8 per 2 s.
    await setUserSettings({ 'wixAPI.rateLimit': { requests: 200, windowSeconds: 2 } });
    emu.setRateLimit({ calls: 8, windowMs: 2000 });
    const files: LocalFile[] = [];
    for (let i = 0; i < 20; i++) files.push(await pngFile(dir, `rl-${String(i).padStart(2, '0')}.png`, 4 + i, 3));
    const ed = await openEditor('markdown', '', [new vscode.Position(0, 0)]);
    const r = await vscode.commands.executeCommand<UploadResult>('wixMedia.upload', files[0].uri, files.map(f => f.uri));
    assert.strictEqual(r.status, 'done', JSON.stringify(r.items.filter(i => i.state !== 'done')));
    assert.ok(emu.rateLimited >= 1, 'the rate-limit mode was met');
    assert.strictEqual(emu.files.length, 20);
    const refs = files.map(f => {
      const stored = fileNamed(emu, f.name);
      assert.strictEqual(stored.sha256, f.sha256, f.name);
      return `![${f.name.replace('.png', '')}](${stored.descriptor.url})`;
    });
    assert.deepStrictEqual([...r.references].sort(), [...refs].sort());
    const text = ed.document.getText();
    for (const ref of refs) assert.ok(text.includes(ref), `${ref} inserted`);
    assert.strictEqual(text.split('\n').filter(l => l.startsWith('![')).length, 20);
    assert.ok(r.items.every(i => i.state === 'done' && !i.message));
  });

  it('Select Site with a dashboard URL pasted in checks it with one site-level call and saves the right ID', async () => {
    await setUserSettings({ siteId: '0f0f0f0f-1111-4222-8333-444444444444' });
    const pasted = `https://manage.wix.com/dashboard/${emu.siteId}/home?referralInfo=sidebar`;
    const r = await vscode.commands.executeCommand<{ siteId?: string; changed: boolean; message?: string }>('wixMedia.selectSite', { siteId: pasted });
    assert.strictEqual(r.changed, true, r.message);
    assert.strictEqual(cfg().get('siteId'), emu.siteId);
    const checks = emu.requests.filter(q => q.path.startsWith('/site-media/'));
    assert.strictEqual(checks.length, 1, `one site-level call: ${checks.map(q => `${q.method} ${q.path}`).join(', ')}`);
    assert.strictEqual(checks[0].headers['wix-site-id'], emu.siteId);
    assert.strictEqual(checks[0].status, 200);
  });

  it('listing the sites with an account ID sends wix-account-id and not wix-site-id', async () => {
    await setUserSettings({ accountId: emu.accountId });
    const picking = vscode.commands.executeCommand<{ changed: boolean }>('wixMedia.selectSite');
    await until('the site list to be asked for', () => emu.requests.some(q => q.path === '/site-list/v2/sites/query' && q.status !== 0));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const r = await picking;
    assert.strictEqual(r.changed, false);
    const asked = emu.requests.filter(q => q.path === '/site-list/v2/sites/query');
    assert.strictEqual(asked[0].headers['wix-account-id'], emu.accountId);
    assert.strictEqual(asked[0].headers['wix-site-id'], undefined);
    assert.strictEqual(asked[0].status, 200);
  });
});
