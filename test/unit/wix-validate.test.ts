import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, chmodSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WixError } from '../../src/wix/errors';
import { fileSourceFromPath } from '../../src/wix/file-source';
import { mimeTypeFor } from '../../src/wix/mime';
import { formatBytes, validateUpload, type UploadFields } from '../../src/wix/validate';
import { bundleForNobody, NOBODY } from '../helpers/as-nobody';

const ok: UploadFields = { fileName: 'a.png', size: 10, mimeType: 'image/png' };

function refuses(fields: Partial<UploadFields>, code: string, re: RegExp, resumable = false, maxFileSizeBytes?: number) {
  assert.throws(() => validateUpload({ ...ok, ...fields }, { resumable, maxFileSizeBytes }), (e: unknown) => {
    assert.ok(e instanceof WixError);
    assert.equal(e.kind, 'local');
    assert.equal(e.code, code);
    assert.match(e.message, re);
    assert.ok(e.message.includes(`"${fields.fileName ?? ok.fileName}"`), `names the file: ${e.message}`);
    return true;
  });
}

describe('wix validate', () => {
  it('accepts values at the limits', () => {
    validateUpload({
      ...ok, fileName: `${'n'.repeat(196)}.png`, mimeType: 'x'.repeat(100), filePath: `/${'p'.repeat(99)}`,
      parentFolderId: 'f'.repeat(100), labels: Array.from({ length: 50 }, () => 'l'.repeat(200)),
    }, { resumable: false });
    validateUpload({ ...ok, labels: Array.from({ length: 500 }, () => 'l') }, { resumable: true });
    validateUpload({ ...ok, size: 100 }, { resumable: false, maxFileSizeBytes: 100 });
  });

  it('refuses each limit with a specific code and message', () => {
    refuses({ size: 0 }, 'ZERO_FILE_SIZE', /empty/);
    refuses({ size: 101 }, 'FILE_SIZE_OVER_LIMIT', /101 bytes, above the maximum upload size of 100 bytes/, false, 100);
    refuses({ fileName: `${'n'.repeat(197)}.png` }, 'FILE_NAME_TOO_LONG', /201 characters.*at most 200.*Rename/);
    refuses({ mimeType: 'x'.repeat(101) }, 'MIME_TYPE_TOO_LONG', /at most 100/);
    refuses({ mimeType: ' ' }, 'MIME_TYPE_MISSING', /MIME type/);
    refuses({ filePath: `/${'p'.repeat(100)}` }, 'FILE_PATH_TOO_LONG', /folder path.*101 characters/);
    refuses({ parentFolderId: 'f'.repeat(101) }, 'PARENT_FOLDER_ID_TOO_LONG', /at most 100/);
    refuses({ labels: Array.from({ length: 51 }, () => 'l') }, 'TOO_MANY_LABELS', /51 labels.*at most 50/);
    refuses({ labels: Array.from({ length: 501 }, () => 'l') }, 'TOO_MANY_LABELS', /at most 500/, true);
    refuses({ labels: ['ok', 'l'.repeat(201)] }, 'LABEL_TOO_LONG', /201 characters/);
    refuses({ externalInfo: { externalIds: Array.from({ length: 31 }, () => 'i') } }, 'EXTERNAL_INFO_TOO_LONG', /external/);
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    validateUpload({ ...ok, fileName: `${'😀'.repeat(196)}.png` }, { resumable: false });
  });

  it('looks up MIME types, defaulting to application/octet-stream', () => {
    assert.equal(mimeTypeFor('Photo.JPG'), 'image/jpeg');
    assert.equal(mimeTypeFor('clip.mp4'), 'video/mp4');
    assert.equal(mimeTypeFor('doc.pdf'), 'application/pdf');
    assert.equal(mimeTypeFor('README'), 'application/octet-stream');
    assert.equal(mimeTypeFor('weird.zzzunknown'), 'application/octet-stream');
  });
});

describe('wix fileSourceFromPath', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'wix-src-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function refusesPath(p: string, code: string, re: RegExp) {
    await assert.rejects(fileSourceFromPath(p), (e: unknown) => {
      assert.ok(e instanceof WixError, String(e));
      assert.equal(e.kind, 'local');
      assert.equal(e.code, code);
      assert.match(e.message, re);
      return true;
    });
  }

  it('opens a file and streams it from any offset', async () => {
    const p = join(dir, 'data.bin');
    writeFileSync(p, Buffer.from('0123456789'));
    const src = await fileSourceFromPath(p, 'shown name.bin');
    assert.equal(src.name, 'shown name.bin');
    assert.equal(src.size, 10);
    assert.equal(src.path, p);
    const read = async (start?: number) => {
      const chunks: Buffer[] = [];
      for await (const c of src.open(start)) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString();
    };
    assert.equal(await read(), '0123456789');
    assert.equal(await read(7), '789');
    assert.equal((await fileSourceFromPath(p)).name, 'data.bin');
  });

  it('refuses a missing file, a folder, a dangling link and an empty file', async () => {
    await refusesPath(join(dir, 'nope.png'), 'FILE_NOT_FOUND', /"nope\.png": The file does not exist/);
    mkdirSync(join(dir, 'sub'));
    await refusesPath(join(dir, 'sub'), 'NOT_A_FILE', /"sub": It is a folder/);
    symlinkSync(join(dir, 'gone'), join(dir, 'link.png'));
    await refusesPath(join(dir, 'link.png'), 'FILE_NOT_FOUND', /symbolic link/);
    writeFileSync(join(dir, 'empty.txt'), '');
    await refusesPath(join(dir, 'empty.txt'), 'ZERO_FILE_SIZE', /"empty\.txt": The file is empty/);
  });

  it('a path through a file, a device and a link loop each get their own plain reason', async () => {
    writeFileSync(join(dir, 'plain.txt'), 'x');
    await refusesPath(join(dir, 'plain.txt', 'inner.png'), 'FILE_NOT_FOUND', /"inner\.png": The file does not exist/);
    await refusesPath('/dev/null', 'NOT_A_FILE', /"null": .*not a regular file .*device, socket or pipe/);
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    await refusesPath(join(dir, 'loop-a'), 'FILE_READ_FAILED', /could not be opened \(ELOOP\)/);
  });

  it('refuses an unreadable file', async function () {
    const p = join(dir, 'locked.png');
    writeFileSync(p, 'x');
    chmodSync(p, 0o000);
    if (process.getuid?.() !== 0) return refusesPath(p, 'FILE_NOT_READABLE', /permission/);
    // Root reads through permission bits (CI runs as root): ask as the unprivileged user 'nobody' instead.
    chmodSync(dir, 0o755);
    const script = `require(${JSON.stringify(bundleForNobody('src/wix/file-source.ts'))}).fileSourceFromPath(${JSON.stringify(p)})
      .then(() => console.log('{"opened":true}'), (e) => console.log(JSON.stringify({ kind: e.kind, code: e.code, message: e.message })))`;
    const r = spawnSync(process.execPath, ['-e', script], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const e = JSON.parse(r.stdout);
    assert.equal(e.kind, 'local');
    assert.equal(e.code, 'FILE_NOT_READABLE');
    assert.match(e.message, /^"locked\.png": The file cannot be read: permission denied/);
  });
});

describe('wix validate: what the refusal tells the user', () => {
  const KB = 1024;
  it('sizes read in the unit a person expects, rounding above 100', () => {
    const cases: [number, string][] = [
      [1023, '1023 bytes'], [KB, '1.0 KB'], [1536, '1.5 KB'], [100 * KB, '100 KB'], [KB * KB - 1, '1024 KB'],
      [KB ** 2, '1.0 MB'], [2.5 * KB ** 2, '2.5 MB'], [150 * KB ** 3, '150 GB'], [5 * KB ** 4, '5.0 TB'], [2048 * KB ** 4, '2048 TB'],
    ];
    for (const [n, text] of cases) assert.equal(formatBytes(n), text, String(n));
  });

  it('the size refusal names both sizes in readable units', () => {
    refuses({ size: 2.5 * KB ** 2 }, 'FILE_SIZE_OVER_LIMIT', /The file is 2\.5 MB, above the maximum upload size of 2\.0 MB/, false, 2 * KB ** 2);
  });

  it('length refusals say how long the value is', () => {
    refuses({ mimeType: 'x'.repeat(101) }, 'MIME_TYPE_TOO_LONG', /The MIME type is 101 characters long; Wix accepts at most 100/);
    refuses({ parentFolderId: 'f'.repeat(101) }, 'PARENT_FOLDER_ID_TOO_LONG', /The parent folder ID is 101 characters long/);
    refuses({ labels: Array.from({ length: 51 }, () => 'l') }, 'TOO_MANY_LABELS', /at most 50 for an upload/);
    refuses({ labels: Array.from({ length: 501 }, () => 'l') }, 'TOO_MANY_LABELS', /at most 500 for a resumable upload/, true);
  });

  it('a label that is too long is quoted by its first 40 characters only', () => {
    const label = 'abcdefghij'.repeat(20) + 'XYZ';
    refuses({ labels: [label] }, 'LABEL_TOO_LONG', /The label "(abcdefghij){4}…" is 203 characters long/);
  });

  it('external info: origin up to 1000 characters, 30 ids of up to 4000 each; resumable uploads carry none to check', () => {
    const ext = (origin?: string, ids?: string[]) => ({ ...ok, externalInfo: { origin, externalIds: ids } } as UploadFields);
    validateUpload(ext('o'.repeat(1000), Array.from({ length: 30 }, () => 'i'.repeat(4000))), { resumable: false });
    validateUpload(ext('site'), { resumable: false });
    refuses({ externalInfo: { origin: 'o'.repeat(1001) } }, 'EXTERNAL_INFO_TOO_LONG', /external/);
    refuses({ externalInfo: { externalIds: ['i'.repeat(4001)] } }, 'EXTERNAL_INFO_TOO_LONG', /external/);
    validateUpload(ext('o'.repeat(1001)), { resumable: true });
  });
});
