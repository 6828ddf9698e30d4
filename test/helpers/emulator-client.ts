// Small real-HTTP helpers for tests that talk to the emulator directly (no client code under test).
import { request } from 'node:http';
import type { WixEmulator } from '../emulator/server';
import type { RecordedRequest } from '../emulator/types';

export interface ApiResult {
  status: number;
  headers: Headers;
  /** The parsed body; undefined when it is empty or not JSON (the upload host answers with a status only). */
  json: any;
  text: string;
}

function parsed(text: string): any {
  try { return text ? JSON.parse(text) : undefined; } catch { return undefined; }
}

/** A Media API call with the emulator's key and site unless `headers` overrides them (undefined removes one). */
export async function api(emu: WixEmulator, method: string, path: string, body?: unknown, headers: Record<string, string | undefined> = {}): Promise<ApiResult> {
  const h: Record<string, string> = {};
  const merged = { authorization: emu.apiKey, 'wix-site-id': emu.siteId, 'content-type': 'application/json', ...headers };
  for (const [k, v] of Object.entries(merged)) if (v !== undefined) h[k] = v;
  const r = await fetch(emu.baseUrl + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: parsed(text), text };
}

export async function generateUploadUrl(emu: WixEmulator, body: object): Promise<string> {
  const r = await api(emu, 'POST', '/site-media/v1/files/generate-upload-url', body);
  if (r.status !== 200) throw new Error(`generate-upload-url answered ${r.status}: ${JSON.stringify(r.json)}`);
  return r.json.uploadUrl as string;
}

/** PUT raw bytes to an upload URL, as the Wix upload host expects. */
export async function putBytes(uploadUrl: string, bytes: Buffer, filename?: string, contentType = 'application/octet-stream'): Promise<ApiResult> {
  const url = filename === undefined ? uploadUrl : `${uploadUrl}?filename=${encodeURIComponent(filename)}`;
  const r = await fetch(url, { method: 'PUT', headers: { 'content-type': contentType }, body: bytes });
  const text = await r.text();
  return { status: r.status, headers: r.headers, json: parsed(text), text };
}

/** Generate + PUT in one go; returns the PUT's answer. */
export async function uploadViaPut(emu: WixEmulator, bytes: Buffer, opts: { mimeType: string; filename: string; filePath?: string; labels?: string[]; private?: boolean }): Promise<ApiResult> {
  const url = await generateUploadUrl(emu, { mimeType: opts.mimeType, filePath: opts.filePath, labels: opts.labels, private: opts.private, sizeInBytes: String(bytes.length) });
  return putBytes(url, bytes, opts.filename, opts.mimeType);
}

/** Polls get-file-by-id until operationStatus leaves PENDING (or `tries` run out); returns the last descriptor. */
export async function waitForSettled(emu: WixEmulator, fileId: string, tries = 200): Promise<any> {
  let last: any;
  for (let i = 0; i < tries; i++) {
    last = (await api(emu, 'GET', `/site-media/v1/files/get-file-by-id?fileId=${encodeURIComponent(fileId)}`)).json.file;
    if (last.operationStatus !== 'PENDING') return last;
    await sleep(10);
  }
  return last;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until the emulator has finished with a request (answered or connection gone, bookkeeping done). */
export async function untilClosed(record: () => RecordedRequest | undefined, tries = 500): Promise<RecordedRequest> {
  for (let i = 0; i < tries; i++) {
    const r = record();
    if (r?.closed) return r;
    await sleep(10);
  }
  throw new Error('the emulator never finished the request');
}

/**
 * Streams `total` bytes to `url` with node:http, calling `onWritten` after each 64 KiB; resolves with the
 * status, or with 'error' when the connection dies (reset fault) or `abortAfter` bytes were written (we abort).
 */
export function rawPut(url: string, total: number, opts: { abortAfter?: number; headers?: Record<string, string> } = {}): Promise<number | 'error' | 'aborted'> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream', 'content-length': String(total), ...opts.headers } });
    let settled = false;
    const end = (v: number | 'error' | 'aborted') => { if (!settled) { settled = true; resolve(v); } };
    req.on('response', (res) => { res.resume(); res.on('end', () => end(res.statusCode ?? 0)); });
    req.on('error', () => end('error'));
    const block = Buffer.alloc(64 * 1024, 7);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        if (opts.abortAfter !== undefined && sent >= opts.abortAfter) {
          req.destroy();
          return end('aborted');
        }
        const piece = block.subarray(0, Math.min(block.length, total - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}
