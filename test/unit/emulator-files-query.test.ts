// The emulator's List Files, Search Files, Get File Descriptors, Bulk Delete and paging, over real HTTP.
import * as assert from 'node:assert/strict';
import type { WixEmulator } from '../emulator/server';
import { withEmulator } from '../helpers/emulator-hooks';
import { makePng } from '../helpers/fixtures';
import { api, sleep, uploadViaPut } from '../helpers/emulator-client';

const FILES = '/site-media/v1/files';

describe('Wix emulator: list, search, get-files, bulk delete, paging', () => {
  let emu: WixEmulator;
  withEmulator({ readyDelayMs: 0 }, e => { emu = e; }, 'test');

  async function put(name: string, bytes: Buffer, opts: { filePath?: string; labels?: string[]; private?: boolean; mimeType?: string } = {}): Promise<string> {
    const r = await uploadViaPut(emu, bytes, { mimeType: opts.mimeType ?? (name.endsWith('.png') ? 'image/png' : 'text/plain'), filename: name, ...opts });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    await sleep(2); // distinct updatedDate values
    return r.json.file.id as string;
  }
  const names = (r: { json: any }) => r.json.files.map((f: any) => f.displayName);

  it('List Files: direct children of parentFolderId, newest first by default; sort by displayName/sizeInBytes ASC|DESC', async () => {
    await put('b.png', makePng(2, 2));
    await put('a.txt', Buffer.from('a much longer text file'));
    await put('c.txt', Buffer.from('c'));
    await put('deep.png', makePng(3, 3), { filePath: '/sub' });
    assert.deepEqual(names(await api(emu, 'GET', FILES)), ['c.txt', 'a.txt', 'b.png']);
    assert.deepEqual(names(await api(emu, 'GET', `${FILES}?sort.fieldName=displayName&sort.order=ASC`)), ['a.txt', 'b.png', 'c.txt']);
    const bySize = await api(emu, 'GET', `${FILES}?sort.fieldName=sizeInBytes&sort.order=DESC`);
    assert.deepEqual(bySize.json.files.map((f: any) => Number(f.sizeInBytes)), [...bySize.json.files.map((f: any) => Number(f.sizeInBytes))].sort((x, y) => y - x));
    const sub = emu.folders.find((f) => f.displayName === 'sub')!;
    assert.deepEqual(names(await api(emu, 'GET', `${FILES}?parentFolderId=${sub.id}`)), ['deep.png']);
    assert.deepEqual(names(await api(emu, 'GET', `${FILES}?mediaTypes=IMAGE`)), ['b.png']);
    assert.deepEqual(names(await api(emu, 'GET', `${FILES}?mediaTypes=IMAGE&mediaTypes=DOCUMENT`)).length, 3);
  });

  it('List Files refuses OTHER as a filter, an unknown sort field and an unknown folder, in Wix error shapes', async () => {
    const other = await api(emu, 'GET', `${FILES}?mediaTypes=OTHER`);
    assert.equal(other.status, 400);
    assert.equal(other.json.details.applicationError.code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal(other.json.details.applicationError.data.requestValue, 'OTHER');
    const sort = await api(emu, 'GET', `${FILES}?sort.fieldName=createdDate`);
    assert.equal(sort.status, 400);
    assert.equal(sort.json.details.applicationError.code, 'UNSUPPORTED_SORT_VALUE');
    assert.equal((await api(emu, 'GET', `${FILES}?parentFolderId=nope`)).status, 404);
    assert.equal((await api(emu, 'GET', `${FILES}?paging.limit=101`)).status, 400);
  });

  it('pages with paging.limit and the opaque nextCursor {cursors:{next}, hasNext} until next is ""', async () => {
    for (let i = 0; i < 5; i++) await put(`f${i}.txt`, Buffer.from(`file ${i}`));
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    for (;;) {
      const r = await api(emu, 'GET', `${FILES}?paging.limit=2${cursor ? `&paging.cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(r.status, 200);
      pages++;
      seen.push(...names(r));
      assert.equal(typeof r.json.nextCursor.cursors.next, 'string');
      if (!r.json.nextCursor.hasNext) { assert.equal(r.json.nextCursor.cursors.next, ''); break; }
      cursor = r.json.nextCursor.cursors.next;
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, ['f4.txt', 'f3.txt', 'f2.txt', 'f1.txt', 'f0.txt']);
    assert.equal((await api(emu, 'GET', `${FILES}?paging.cursor=garbage`)).status, 400);
  });

  it('Search Files: free text over name, mime type and labels across the whole tree; paging in the body', async () => {
    await put('hero-banner.png', makePng(4, 4), { filePath: '/site/img' });
    await put('logo.png', makePng(2, 2), { labels: ['brand'] });
    await put('notes.txt', Buffer.from('notes'));
    const search = (body: object) => api(emu, 'POST', `${FILES}/search`, body);
    assert.deepEqual(names(await search({ search: 'hero' })), ['hero-banner.png']);
    assert.deepEqual(names(await search({ search: 'brand' })), ['logo.png']);
    assert.deepEqual(names(await search({ search: 'image/png' })).sort(), ['hero-banner.png', 'logo.png']);
    assert.deepEqual(names(await search({})), ['notes.txt', 'logo.png', 'hero-banner.png']);
    const first = await search({ paging: { limit: 1 } });
    assert.equal(first.json.nextCursor.hasNext, true);
    const second = await search({ paging: { limit: 1, cursor: first.json.nextCursor.cursors.next } });
    assert.deepEqual(names(second), ['logo.png']);
    assert.equal((await search({ mediaTypes: ['OTHER'] })).json.details.applicationError.code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal((await search({ search: 'x'.repeat(201) })).status, 400);
  });

  it('Get File Descriptors: 1-100 ids or wix: URIs; an unknown id fails the call', async () => {
    const a = await put('a.png', makePng(2, 2));
    const b = await put('b.txt', Buffer.from('bee'));
    const r = await api(emu, 'POST', `${FILES}/get-files`, { fileIds: [b, `wix:image://v1/${a}/a.png#originWidth=2&originHeight=2`] });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.files.map((f: any) => f.id), [b, a]);
    assert.equal((await api(emu, 'POST', `${FILES}/get-files`, { fileIds: [] })).status, 400);
    assert.equal((await api(emu, 'POST', `${FILES}/get-files`, { fileIds: Array(101).fill(a) })).status, 400);
    const missing = await api(emu, 'POST', `${FILES}/get-files`, { fileIds: [a, 'abc123_nope~mv2.png'] });
    assert.equal(missing.status, 400, 'Wix: a validation error RESOURCE_NOT_FOUND (README "Listing and trash")');
    assert.equal(missing.json.details.validationError.fieldViolations[0].ruleName, 'RESOURCE_NOT_FOUND');
  });

  it('Bulk Delete moves files to the trash: get-file-by-id says DELETED, List skips them, trash search and List Deleted find them; permanent removes', async () => {
    const a = await put('a.png', makePng(2, 2));
    const b = await put('b.png', makePng(3, 3));
    const del = await api(emu, 'POST', '/site-media/v1/bulk/files/delete', { fileIds: [a] });
    assert.equal(del.status, 200);
    assert.deepEqual(del.json, {});
    const got = await api(emu, 'GET', `${FILES}/get-file-by-id?fileId=${encodeURIComponent(a)}`);
    assert.equal(got.status, 200);
    assert.equal(got.json.file.state, 'DELETED');
    assert.deepEqual(names(await api(emu, 'GET', FILES)), ['b.png']);
    assert.deepEqual(names(await api(emu, 'POST', `${FILES}/search`, {})), ['b.png']);
    assert.deepEqual(names(await api(emu, 'POST', `${FILES}/search`, { rootFolder: 'TRASH_ROOT' })), ['a.png']);
    assert.deepEqual(names(await api(emu, 'GET', '/site-media/v1/trash-bin/files')), ['a.png']);

    assert.equal((await api(emu, 'POST', '/site-media/v1/bulk/files/delete', { fileIds: [b, 'nope_123'] })).status, 404);
    assert.equal((await api(emu, 'GET', `${FILES}/get-file-by-id?fileId=${encodeURIComponent(b)}`)).json.file.state, 'OK', 'a failed bulk call deletes nothing');
    assert.equal((await api(emu, 'POST', '/site-media/v1/bulk/files/delete', { fileIds: [b], permanent: true })).status, 200);
    const gone = await api(emu, 'GET', `${FILES}/get-file-by-id?fileId=${encodeURIComponent(b)}`);
    assert.equal(gone.status, 400);
    assert.equal(gone.json.details.validationError.fieldViolations[0].ruleName, 'RESOURCE_NOT_FOUND');
    assert.equal((await api(emu, 'POST', '/site-media/v1/bulk/files/delete', { fileIds: [] })).status, 400);
    assert.equal((await api(emu, 'POST', '/site-media/v1/bulk/files/delete', { fileIds: [a] }, { authorization: 'IST.wrong' })).status, 401);
  });
});
