// An action's pin (ActionPin): every call for a pinned entry (the lookup's check, generate, PUT, READY polls, the
// private link) goes to the pinned client, whatever the queue's own client points at meanwhile; a retry given a
// new pin runs on that one. Two emulators over real HTTP stand for two sites.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { WixEmulator } from '../emulator/server';
import { emulatorClients } from '../helpers/clients';
import { withEmulator } from '../helpers/emulator-hooks';
import { UploadQueue } from '../../src/upload/queue';
import { ReuseLookup } from '../../src/upload/reuse';
import { ReuseIndex } from '../../src/upload/reuse-index';
import { hashSource } from '../../src/upload/hash';
import type { UploadItem } from '../../src/upload/types';
import type { FileSource, MediaClient } from '../../src/wix/contract';

function memorySource(name: string, body: Buffer): FileSource {
  return { name, size: body.length, open: (start = 0) => Readable.from([body.subarray(start)]) };
}

/** The queue's own client, as the VS Code session's: it forwards each call to whatever `target()` is then. */
function following(target: () => MediaClient, calls: string[]): MediaClient {
  const on = <K extends keyof MediaClient>(k: K) => ((...a: unknown[]) => {
    calls.push(k);
    return (target()[k] as (...x: unknown[]) => unknown)(...a);
  }) as MediaClient[K];
  return {
    generateUploadUrl: on('generateUploadUrl'), generateResumableUploadUrl: on('generateResumableUploadUrl'), uploadFile: on('uploadFile'),
    getFileDescriptor: on('getFileDescriptor'), waitForReady: on('waitForReady'), generateFileDownloadUrl: on('generateFileDownloadUrl'),
    listFolders: on('listFolders'), createFolder: on('createFolder'), close: async () => undefined,
  };
}

const settled = (item: UploadItem) => ['done', 'failed', 'cancelled'].includes(item.state);

function untilSettled(queue: UploadQueue, item: UploadItem): Promise<void> {
  return new Promise(resolve => {
    if (settled(item)) return resolve();
    const off = queue.onDidChange(i => { if (i.id === item.id && settled(i)) { off(); resolve(); } });
  });
}

/** Which API calls a request was, by route (uploads go under /upload/). */
function routes(emu: WixEmulator): string[] {
  return emu.requests.map(r => r.path.includes('/upload/') ? `${r.method} upload`
    : r.path.endsWith('generate-upload-url') ? 'generate' : r.path.endsWith('generate-file-download-url') ? 'download-url'
      : r.path.includes('/files/') ? 'get-file' : `${r.method} ${r.path}`);
}

describe('upload: a pinned action runs every call on its own client', function () {
  let a: WixEmulator;
  let b: WixEmulator;
  // PENDING for a while, so that the queue polls for READY after the PUT.
  withEmulator({ readyDelayMs: 150, siteId: 'site-a', apiKey: 'key-a' }, e => { a = e; });
  withEmulator({ readyDelayMs: 150, siteId: 'site-b', apiKey: 'key-b' }, e => { b = e; });
  const clients = emulatorClients(() => a, () => ({ retry: { maxAttempts: 1 }, readyPoll: { initialDelayMs: 20, maxDelayMs: 40 } }));
  let dir: string;

  beforeEach(() => { a.reset(); b.reset(); dir = mkdtempSync(join(tmpdir(), 'wix-pin-')); });
  afterEach(async () => { await clients.closeAll(); rmSync(dir, { recursive: true, force: true }); });

  it('a slow upload pinned to site A: lookup, generate, PUT, READY polls and the private link all go to A after the default moved to B', async () => {
    const clientA = clients.client();
    const clientB = clients.client({ apiKey: b.apiKey, siteId: b.siteId, baseUrl: b.baseUrl });
    let target: MediaClient = clientA;
    const defaultCalls: string[] = [];
    const queue = new UploadQueue(following(() => target, defaultCalls), { lookup: new ReuseLookup({}) });

    const body = Buffer.alloc(48 * 1024, 'pinned:');
    const source = memorySource('pinned.bin', body);
    // The index names an earlier upload of these bytes that is gone: the lookup asks the site about it first.
    const ix = new ReuseIndex(join(dir, 'cache.json'));
    const { sha256 } = await hashSource(source);
    await ix.remember(a.siteId, sha256, { fileId: 'gone-file', size: body.length, folder: 'media-root', at: new Date().toISOString() });
    await ix.remember(b.siteId, sha256, { fileId: 'gone-file', size: body.length, folder: 'media-root', at: new Date().toISOString() });

    a.inject({ type: 'slow', route: 'put', bytesPerSecond: 32 * 1024 });
    const [item] = queue.enqueue([{
      source, label: 'pinned.bin', options: { waitForReady: true, private: true },
      pin: { client: clientA, reuse: { scope: 'anyFolder', siteId: a.siteId, indexes: [ix] } },
    }]).items;
    // Mid-upload (bytes are arriving at A), the settings change: the queue's own client now goes to site B.
    while (!a.requests.some(r => r.path.includes('/upload/') && r.bytesReceived > 0)) await new Promise(r => setTimeout(r, 5));
    target = clientB;
    await untilSettled(queue, item);

    assert.equal(item.state, 'done', item.message);
    assert.equal(b.requests.length, 0, `site B saw nothing: ${routes(b).join(', ')}`);
    assert.deepEqual(defaultCalls, [], 'the queue\'s own client was never used');
    const got = routes(a);
    assert.equal(got[0], 'get-file', 'the lookup checked the earlier upload on A');
    assert.equal(got.filter(r => r === 'generate').length, 1);
    assert.equal(got.filter(r => r === 'PUT upload').length, 1);
    assert.ok(got.lastIndexOf('get-file') > got.indexOf('PUT upload'), `READY was polled on A after the PUT: ${got.join(', ')}`);
    assert.equal(got[got.length - 1], 'download-url', 'the private link was made on A');
    for (const r of a.requests.filter(x => !x.path.includes('/upload/'))) {
      assert.equal(r.headers['wix-site-id'], a.siteId);
    }
    const stored = a.files.find(f => f.descriptor.id === item.descriptor?.id);
    assert.ok(stored, 'the file is on site A');
    assert.equal(stored.size, body.length);
    assert.equal(item.privateLink?.url, item.descriptor?.url);
    assert.deepEqual(a.downloadLinks.map(l => l.fileId), [stored.descriptor.id]);
    assert.deepEqual(await ix.lookup(a.siteId, sha256).then(rs => rs.map(r => r.fileId)), [stored.descriptor.id], 'A\'s records learned the upload');
  });

  it('a retry keeps its pin unless given a new one, and runs on the new one when given', async () => {
    const wrongKey = clients.client({ apiKey: 'not-the-key' });
    const clientB = clients.client({ apiKey: b.apiKey, siteId: b.siteId, baseUrl: b.baseUrl });
    const defaultCalls: string[] = [];
    const queue = new UploadQueue(following(() => clients.client(), defaultCalls));
    const [item] = queue.enqueue([{ source: memorySource('retry.bin', Buffer.alloc(1000, 'retry:')), label: 'retry.bin', pin: { client: wrongKey } }]).items;
    await untilSettled(queue, item);
    assert.equal(item.state, 'failed');
    assert.match(item.message ?? '', /retry\.bin/);
    assert.equal(a.files.length, 0);

    // No new pin: the same action again, on the same (refused) key, not on the queue's own client.
    queue.retry(item.id);
    await untilSettled(queue, item);
    assert.equal(item.state, 'failed');
    assert.deepEqual(defaultCalls, []);
    assert.equal(a.files.length, 0);

    // A new action (the user fixed the key, say): its pin is used.
    const sent = a.requests.length;
    queue.retry(item.id, { client: clientB });
    await untilSettled(queue, item);
    assert.equal(item.state, 'done', item.message);
    assert.equal(item.attempts, 3);
    assert.equal(a.requests.length, sent, 'nothing more went to A');
    assert.deepEqual(b.files.map(f => f.descriptor.id), [item.descriptor?.id]);
    assert.deepEqual(defaultCalls, []);
  });

  it('a file already stored on site A stays there: a retry with a new pin makes its private link on A, not on B', async () => {
    const clientA = clients.client();
    const clientB = clients.client({ apiKey: b.apiKey, siteId: b.siteId, baseUrl: b.baseUrl });
    const queue = new UploadQueue(following(() => clientA, []));
    a.inject({ type: 'status', route: 'download-url', status: 500, times: 1 });
    const [item] = queue.enqueue([{ source: memorySource('kept.bin', Buffer.alloc(2000, 'kept:')), label: 'kept.bin', options: { private: true }, pin: { client: clientA } }]).items;
    await untilSettled(queue, item);
    assert.equal(item.state, 'failed', 'the link could not be made');
    assert.equal(a.files.length, 1, 'the bytes are stored on A');

    queue.retry(item.id, { client: clientB }); // e.g. "Retry failed" after the user selected site B
    await untilSettled(queue, item);
    assert.equal(item.state, 'done', item.message);
    assert.equal(b.requests.length, 0, `site B saw nothing: ${routes(b).join(', ')}`);
    assert.deepEqual(a.downloadLinks.map(l => l.fileId), [a.files[0].descriptor.id]);
    assert.equal(a.files.length, 1, 'not uploaded again');
  });
});
