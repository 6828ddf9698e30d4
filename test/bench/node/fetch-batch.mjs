// The hand-written baseline of row W2, as a person would write it: Node's built-in fetch, generate-upload-url then
// PUT, N files at a time. usage: node fetch-batch.mjs DIR [PARALLEL]   env: as test/bench/curl/put.sh
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const [dir, parallel = '8'] = process.argv.slice(2);
const { WIX_API_BASE_URL: base, WIX_API_KEY: key, WIX_SITE_ID: site } = process.env;
const names = (await readdir(dir)).sort();
let next = 0;
async function worker() {
  while (next < names.length) {
    const name = names[next++];
    const body = await readFile(join(dir, name));
    const gen = await fetch(`${base}/site-media/v1/files/generate-upload-url`, {
      method: 'POST',
      headers: { authorization: key, 'wix-site-id': site, 'content-type': 'application/json' },
      body: JSON.stringify({ mimeType: 'application/octet-stream', fileName: name }),
    });
    if (!gen.ok) throw new Error(`generate ${name}: ${gen.status} ${await gen.text()}`);
    const { uploadUrl } = await gen.json();
    const put = await fetch(`${uploadUrl}?filename=${encodeURIComponent(name)}`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body });
    if (!put.ok) throw new Error(`PUT ${name}: ${put.status} ${await put.text()}`);
    const { file } = await put.json();
    console.log(file.url);
  }
}
await Promise.all(Array.from({ length: Number(parallel) }, worker));
