// Select Site's calls (src/vscode/sites.ts, no vscode import) against the emulator's account-level Query Sites
// and a site-level check (issue 10).
import * as assert from 'node:assert/strict';
import { checkSite, querySites, siteIdFrom } from '../../src/vscode/sites';
import { silentLogger } from '../../src/wix/log';
import { type WixError } from '../../src/wix/errors';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';

describe('vscode sites: Select Site with a real key (issue 10)', () => {
  let emu: WixEmulator;
  const extra = Array.from({ length: 120 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `Site ${i}` }));
  withEmulator({ extraSites: extra }, (e) => { emu = e; });
  beforeEach(() => { emu.reset(); emu.setSitesPermission(true); });

  it('takes the site ID out of a dashboard URL or a bare ID, and refuses anything else', () => {
    const id = '1b2c3d4e-0000-4a4a-9b9b-123456789abc';
    assert.equal(siteIdFrom(`https://manage.wix.com/dashboard/${id}/home`), id);
    assert.equal(siteIdFrom(`  https://manage.wix.com/dashboard/${id.toUpperCase()}?referralInfo=x `), id);
    assert.equal(siteIdFrom(`https://manage.wix.com/dashboard/${id}`), id);
    assert.equal(siteIdFrom(id), id);
    assert.equal(siteIdFrom(`https://example.com/sites/${id}/x`), undefined, 'a GUID elsewhere in a URL is not the site');
    assert.equal(siteIdFrom('my site'), undefined);
    assert.equal(siteIdFrom(`${id}x`), undefined);
  });

  it('lists every page with wix-account-id and never wix-site-id', async () => {
    const sites = await querySites(emu.baseUrl, emu.apiKey, silentLogger, undefined, emu.accountId);
    assert.equal(sites.length, 121);
    assert.equal(sites[0].id, emu.siteId);
    assert.equal(sites.at(-1)!.id, extra.at(-1)!.id);
    const asked = emu.requests.filter((r) => r.path === '/site-list/v2/sites/query');
    assert.equal(asked.length, 3, '50 + 50 + 21');
    for (const r of asked) {
      assert.equal(r.headers['wix-account-id'], emu.accountId);
      assert.equal(r.headers['wix-site-id'], undefined);
    }
  });

  it('a key without the sites permission gets a 403 (the face offers the paste route); no account ID sends nothing', async () => {
    emu.setSitesPermission(false);
    const e = await querySites(emu.baseUrl, emu.apiKey, silentLogger, undefined, emu.accountId).then(() => undefined, (x: unknown) => x as WixError);
    assert.equal(e?.status, 403);
    const none = await querySites(emu.baseUrl, emu.apiKey, silentLogger).then(() => undefined, (x: unknown) => x as WixError);
    assert.equal(none?.code, 'ACCOUNT_ID_MISSING');
    assert.equal(emu.requests.length, 1);
  });

  it('checks a site with one site-level call: the emulated site passes, another is refused', async () => {
    await checkSite(emu.baseUrl, emu.apiKey, emu.siteId, silentLogger);
    const e = await checkSite(emu.baseUrl, emu.apiKey, extra[0].id, silentLogger).then(() => undefined, (x: unknown) => x as WixError);
    assert.equal(e?.status, 403);
    assert.equal(emu.requests.length, 2);
    assert.ok(emu.requests.every((r) => r.method === 'GET' && r.path === '/site-media/v1/folders' && r.query['paging.limit'] === '1'));
  });
});
