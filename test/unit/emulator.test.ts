// The emulator over real HTTP: auth, validation envelopes, PUT uploads, descriptors, folders, readiness.
import * as assert from 'node:assert/strict';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { makePng, sha256 } from '../helpers/fixtures';
import { api, generateUploadUrl, putBytes, untilClosed, uploadViaPut, waitForSettled } from '../helpers/emulator-client';

const GEN = '/site-media/v1/files/generate-upload-url';
const GEN_TUS = '/site-media/v1/files/generate-resumable-upload-url';

describe('Wix emulator', () => {
  let emu: WixEmulator;
  const emulator = withEmulator({ readyDelayMs: 20, tokenPrefix: 'EMUTOKEN' }, e => { emu = e; }, 'test');

  describe('auth', () => {
    it('answers 401 UNAUTHORIZED for a missing or wrong key', async () => {
      for (const authorization of [undefined, 'IST.wrong']) {
        const r = await api(emu, 'POST', GEN, { mimeType: 'image/png' }, { authorization });
        assert.equal(r.status, 401);
        assert.equal(r.json.details.applicationError.code, 'UNAUTHORIZED');
        assert.equal(typeof r.json.message, 'string');
      }
    });

    it('answers 403 FORBIDDEN for a missing or foreign wix-site-id', async () => {
      for (const site of [undefined, 'another-site']) {
        const r = await api(emu, 'POST', GEN, { mimeType: 'image/png' }, { 'wix-site-id': site });
        assert.equal(r.status, 403);
        assert.equal(r.json.details.applicationError.code, 'FORBIDDEN');
      }
    });

    it('refuses a site-level call that carries wix-account-id as well as wix-site-id (Wix: send one, not both)', async () => {
      const r = await api(emu, 'POST', GEN, { mimeType: 'image/png' }, { 'wix-account-id': emu.accountId });
      assert.equal(r.status, 403);
      assert.equal(r.json.details.applicationError.code, 'FORBIDDEN');
      assert.equal(r.json.uploadUrl, undefined, 'no upload URL was given');
    });

    it('accepts the raw key and the Bearer form', async () => {
      assert.equal((await api(emu, 'POST', GEN, { mimeType: 'image/png' })).status, 200);
      assert.equal((await api(emu, 'POST', GEN, { mimeType: 'image/png' }, { authorization: `Bearer ${emu.apiKey}` })).status, 200);
    });

    it('lists the emulated site for an account-level key (site picker)', async () => {
      const r = await api(emu, 'POST', '/site-list/v2/sites/query', { query: {} }, { 'wix-site-id': undefined, 'wix-account-id': emu.accountId });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.sites.map((s: { id: string }) => s.id), [emu.siteId]);
      assert.equal((await api(emu, 'POST', '/site-list/v2/sites/query', {}, { authorization: 'nope' })).status, 401);
      // Account-level (README "Query Sites"): wix-account-id is required and wix-site-id is refused.
      assert.equal((await api(emu, 'POST', '/site-list/v2/sites/query', { query: {} }, { 'wix-site-id': undefined })).status, 403);
      assert.equal((await api(emu, 'POST', '/site-list/v2/sites/query', { query: {} }, { 'wix-account-id': emu.accountId })).status, 403);
    });

    it('refuses (400) and records an Authorization header sent to an upload URL', async () => {
      const url = await generateUploadUrl(emu, { mimeType: 'image/png' });
      const r = await fetch(`${url}?filename=a.png`, { method: 'PUT', headers: { authorization: emu.apiKey }, body: makePng(2, 2) });
      assert.equal(r.status, 400);
      assert.equal(await r.text(), 'Bad Request'); // a status only, no Wix envelope (README "Upload-host errors")
      const rec = emu.requests.find((q) => q.method === 'PUT');
      assert.equal(rec?.headers.authorization, emu.apiKey);
      assert.equal(emu.files.length, 0);
    });
  });

  describe('generate-upload-url validation', () => {
    const violation = (r: { json: any }) => r.json.details.validationError.fieldViolations[0];

    it('requires mimeType with a validationError envelope', async () => {
      const r = await api(emu, 'POST', GEN, { fileName: 'a.png' });
      assert.equal(r.status, 400);
      assert.equal(violation(r).field, 'mimeType');
      assert.equal(violation(r).violatedRule, 'REQUIRED_FIELD');
      assert.match(r.json.message, /mimeType/);
    });

    it('names each rule with ruleName', async () => {
      const cases: [object, string][] = [
        [{ mimeType: 'image/png', fileName: 'clip.mp4' }, 'MISMATCH_MIME_TYPE'],
        [{ mimeType: 'image/png', sizeInBytes: '0' }, 'ZERO_FILE_SIZE'],
        [{ mimeType: 'application/x-msdownload', fileName: 'setup.exe' }, 'UNSUPPORTED_FILE_FORMAT'],
        [{ mimeType: 'image/png', sizeInBytes: String(26 * 1024 * 1024) }, 'FILE_SIZE_OVER_LIMIT'],
      ];
      for (const [body, ruleName] of cases) {
        const r = await api(emu, 'POST', GEN, body);
        assert.equal(r.status, 400, ruleName);
        assert.equal(violation(r).ruleName, ruleName);
        const t = await api(emu, 'POST', GEN_TUS, { ...body, uploadProtocol: 'TUS' });
        assert.equal(violation(t).ruleName, ruleName, `resumable ${ruleName}`);
      }
    });

    it('accepts application/octet-stream whatever the extension, and same-kind mime/extension pairs', async () => {
      assert.equal((await api(emu, 'POST', GEN, { mimeType: 'application/octet-stream', fileName: 'clip.mp4' })).status, 200);
      assert.equal((await api(emu, 'POST', GEN, { mimeType: 'image/jpeg', fileName: 'photo.png' })).status, 200);
    });

    it('enforces field limits with violatedRule MAX / FORMAT, several at once', async () => {
      const r = await api(emu, 'POST', GEN, {
        mimeType: 'image/png', filePath: '/' + 'x'.repeat(100), labels: Array.from({ length: 51 }, (_, i) => `l${i}`), sizeInBytes: 12,
      });
      assert.equal(r.status, 400);
      const fields = r.json.details.validationError.fieldViolations.map((v: { field: string; violatedRule: string }) => `${v.field}:${v.violatedRule}`);
      assert.deepEqual(fields.sort(), ['filePath:MAX', 'labels:MAX', 'sizeInBytes:FORMAT']);
      // 51 labels are fine for the resumable call (≤ 500).
      assert.equal((await api(emu, 'POST', GEN_TUS, { mimeType: 'image/png', labels: Array.from({ length: 51 }, (_, i) => `l${i}`) })).status, 200);
    });

    it('applies configured per-type limits and the quota (not for resumable)', async () => {
      await emulator.restart({ maxBytesByType: { VIDEO: 1000 }, quotaBytes: 5000 });
      assert.equal(violation(await api(emu, 'POST', GEN, { mimeType: 'video/mp4', sizeInBytes: '1001' })).ruleName, 'FILE_SIZE_OVER_LIMIT');
      assert.equal((await api(emu, 'POST', GEN, { mimeType: 'video/mp4', sizeInBytes: '1000' })).status, 200);
      assert.equal(violation(await api(emu, 'POST', GEN, { mimeType: 'image/png', sizeInBytes: '5001' })).ruleName, 'SITE_QUOTA_EXCEEDED');
      assert.equal((await api(emu, 'POST', GEN_TUS, { mimeType: 'image/png', sizeInBytes: '5001' })).status, 200);
    });
  });

  describe('PUT upload', () => {
    it('stores the bytes (sha256), answers a Wix-shaped descriptor and creates filePath folders', async () => {
      const png = makePng(40, 30, 5000);
      const gen = await api(emu, 'POST', GEN, { mimeType: 'image/png', filePath: '/docs/img', labels: ['vscode'], sizeInBytes: String(png.length) });
      const url: string = gen.json.uploadUrl;
      assert.match(url, new RegExp(`^${emu.baseUrl}/upload/eyJ[\\w-]+\\.eyJEMUTOKEN[\\w-]+\\.[\\w-]+$`));
      const r = await putBytes(url, png, 'diagram 1.png', 'image/png');
      assert.equal(r.status, 200);
      const d = r.json.file;
      assert.match(d.id, /^[0-9a-f]{6}_[0-9a-f]{32}~mv2\.png$/);
      assert.equal(d.url, `https://static.wixstatic.com/media/${d.id}`);
      assert.equal(d.displayName, 'diagram 1.png');
      assert.equal(d.sizeInBytes, String(png.length));
      assert.equal(d.mediaType, 'IMAGE');
      assert.equal(d.operationStatus, 'PENDING');
      assert.deepEqual(d.labels, ['vscode']);
      assert.match(d.hash, /^[0-9a-f]{32}$/);

      const stored = emu.files[0];
      assert.equal(stored.sha256, sha256(png));
      assert.equal(stored.size, png.length);
      assert.equal(stored.folderPath, '/docs/img');
      assert.equal(stored.via, 'put');
      assert.equal(stored.contentType, 'image/png');
      assert.equal(stored.filenameParam, 'diagram 1.png');
      assert.equal(emu.stats.putBodyBytes, png.length);

      const top = await api(emu, 'GET', '/site-media/v1/folders');
      assert.deepEqual(top.json.folders.map((f: { displayName: string }) => f.displayName), ['docs']);
      const sub = await api(emu, 'GET', `/site-media/v1/folders?parentFolderId=${top.json.folders[0].id}`);
      assert.equal(sub.json.folders[0].displayName, 'img');
      assert.equal(sub.json.folders[0].id, d.parentFolderId);
    });

    it('goes PENDING -> READY with real dimensions; get-file-by-id and the legacy path agree', async () => {
      const r = await uploadViaPut(emu, makePng(123, 45), { mimeType: 'image/png', filename: 'a.png' });
      const ready = await waitForSettled(emu, r.json.file.id);
      assert.equal(ready.operationStatus, 'READY');
      assert.equal(ready.media.image.image.width, 123);
      assert.equal(ready.media.image.image.height, 45);
      const legacy = await api(emu, 'GET', `/site-media/v1/files/${encodeURIComponent(r.json.file.id)}`);
      assert.deepEqual(legacy.json.file, ready);
      const byUri = await api(emu, 'GET', `/site-media/v1/files/get-file-by-id?fileId=${encodeURIComponent(`wix:image://v1/${ready.id}/a.png#originWidth=123&originHeight=45`)}`);
      assert.equal(byUri.json.file.id, ready.id);
    });

    it('ends FAILED for an image whose bytes are not an image', async () => {
      const r = await uploadViaPut(emu, Buffer.from('not a png at all'), { mimeType: 'image/png', filename: 'fake.png' });
      assert.equal((await waitForSettled(emu, r.json.file.id)).operationStatus, 'FAILED');
    });

    it('shapes video, audio, document and private files like Wix', async () => {
      const video = (await uploadViaPut(emu, Buffer.alloc(100, 1), { mimeType: 'video/mp4', filename: 'clip.mp4' })).json.file;
      assert.match(video.id, /^[0-9a-f]{6}_[0-9a-f]{32}$/);
      assert.equal(video.url, `https://video.wixstatic.com/video/${video.id}/file`);
      const audio = (await uploadViaPut(emu, Buffer.alloc(100, 2), { mimeType: 'audio/mpeg', filename: 'song.mp3' })).json.file;
      assert.match(audio.id, /\.mp3$/);
      assert.equal(audio.url, `https://music.wixstatic.com/mp3/${audio.id}`);
      const doc = (await uploadViaPut(emu, Buffer.alloc(100, 3), { mimeType: 'application/pdf', filename: 'Spec.pdf' })).json.file;
      assert.equal(doc.mediaType, 'DOCUMENT');
      assert.match(doc.url, /\.usrfiles\.com\/ugd\/[0-9a-f]{6}_[0-9a-f]{32}\.pdf$/);
      const priv = (await uploadViaPut(emu, makePng(3, 3), { mimeType: 'image/png', filename: 'p.png', private: true })).json.file;
      assert.equal(priv.private, true);
      assert.ok(priv.url);
      assert.equal(priv.media.image.image.url, '');
      // octet-stream with a real extension is typed by the extension.
      const octet = (await uploadViaPut(emu, makePng(4, 4), { mimeType: 'application/octet-stream', filename: 'x.png' })).json.file;
      assert.equal(octet.mediaType, 'IMAGE');
    });

    it('rejects a reused upload URL with 429 and keeps one file', async () => {
      const url = await generateUploadUrl(emu, { mimeType: 'image/png' });
      assert.equal((await putBytes(url, makePng(2, 2), 'a.png')).status, 200);
      const again = await putBytes(url, makePng(2, 2), 'a.png');
      assert.equal(again.status, 429);
      assert.equal(again.text, 'Too Many Requests');
      assert.equal((await putBytes(`${emu.baseUrl}/upload/eyJnope`, makePng(2, 2), 'a.png')).status, 403);
      assert.equal(emu.files.length, 1);
    });

    it('requires ?filename= unless fileName was given at generate time', async () => {
      const bare = await generateUploadUrl(emu, { mimeType: 'image/png' });
      const r = await putBytes(bare, makePng(2, 2));
      assert.equal(r.status, 400);
      assert.equal(r.text, 'Bad Request', 'the upload host answers a plain status (README "Upload-host errors")');
      const named = await generateUploadUrl(emu, { mimeType: 'image/png', fileName: 'named.png' });
      const ok = await putBytes(named, makePng(2, 2));
      assert.equal(ok.status, 200);
      assert.equal(ok.json.file.displayName, 'named.png');
    });

    it('enforces the size limit on the bytes actually sent, storing nothing', async () => {
      await emulator.restart({ maxFileBytes: 1000 });
      const url = await generateUploadUrl(emu, { mimeType: 'image/png' }); // no sizeInBytes: only the PUT can tell
      const r = await putBytes(url, makePng(2, 2, 5000), 'big.png');
      assert.equal(r.status, 400);
      assert.equal(r.text, 'Bad Request', 'a plain status: Wix documents the rule names for generate-upload-url only');
      assert.equal(emu.files.length, 0);
    });

    it('answers 400 RESOURCE_NOT_FOUND (a validation error, as Wix documents) for an unknown file id', async () => {
      const r = await api(emu, 'GET', '/site-media/v1/files/get-file-by-id?fileId=nope');
      assert.equal(r.status, 400);
      assert.equal(r.json.details.validationError.fieldViolations[0].ruleName, 'RESOURCE_NOT_FOUND');
    });

    it('redacts tokens from its request log', async () => {
      const lines: string[] = [];
      await emulator.restart({ tokenPrefix: 'EMUTOKEN', log: (l) => lines.push(l) });
      const url = await generateUploadUrl(emu, { mimeType: 'image/png' });
      await putBytes(url, makePng(2, 2), 'a.png');
      await untilClosed(() => emu.requests[1]);
      assert.ok(lines.some((l) => l.startsWith('PUT /upload/<redacted> -> 200')), lines.join('\n'));
      assert.ok(!lines.join('\n').includes('EMUTOKEN'));
      assert.ok(!lines.join('\n').includes(emu.apiKey));
    });
  });

  describe('folders', () => {
    it('creates, gets and pages direct children', async () => {
      const ids: string[] = [];
      for (const name of ['a', 'b', 'c', 'd', 'e']) {
        const r = await api(emu, 'POST', '/site-media/v1/folders', { displayName: name });
        assert.equal(r.status, 200);
        assert.equal(r.json.folder.parentFolderId, 'media-root');
        ids.push(r.json.folder.id);
      }
      await api(emu, 'POST', '/site-media/v1/folders', { displayName: 'child', parentFolderId: ids[0] });
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 10; i++) {
        const r = await api(emu, 'GET', `/site-media/v1/folders?paging.limit=2${cursor ? `&paging.cursor=${cursor}` : ''}`);
        seen.push(...r.json.folders.map((f: { displayName: string }) => f.displayName));
        if (!r.json.nextCursor.hasNext) break;
        cursor = r.json.nextCursor.cursors.next;
      }
      assert.deepEqual(seen, ['a', 'b', 'c', 'd', 'e']);
      assert.equal((await api(emu, 'GET', `/site-media/v1/folders/${ids[1]}`)).json.folder.displayName, 'b');
      assert.equal((await api(emu, 'GET', '/site-media/v1/folders/nope')).status, 404);
      assert.equal((await api(emu, 'GET', '/site-media/v1/folders?paging.limit=101')).status, 400);
      assert.equal((await api(emu, 'POST', '/site-media/v1/folders', { displayName: '' })).status, 400);
      assert.equal(emu.folders.length, 6);
    });

    it('resolves filePath relative to parentFolderId and reuses existing folders', async () => {
      const base = (await api(emu, 'POST', '/site-media/v1/folders', { displayName: 'site' })).json.folder.id;
      await uploadViaPut(emu, makePng(2, 2), { mimeType: 'image/png', filename: 'a.png', filePath: '/x' });
      const url = await generateUploadUrl(emu, { mimeType: 'image/png', parentFolderId: base, filePath: 'x/y' });
      await putBytes(url, makePng(2, 2), 'b.png');
      assert.deepEqual(emu.files.map((f) => f.folderPath), ['/x', '/site/x/y']);
      assert.deepEqual(emu.folders.map((f) => f.displayName), ['site', 'x', 'x', 'y']);
      assert.equal((await api(emu, 'POST', GEN, { mimeType: 'image/png', parentFolderId: 'nope' })).status, 404);
    });
  });
});
