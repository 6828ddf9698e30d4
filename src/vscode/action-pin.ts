// One action, one configuration: a command, a paste or drop, a retry or a Quick Fix reads the connection (key,
// site, base URL, rate limit, proxy) and the reuse settings once, and pins them on its queue entries. A setting
// changed while the files upload then applies to the next action, never to half of this one.
import type { ActionPin } from '../upload/types';
import type { MediaClient } from '../wix/contract';
import { readConfig, type WixMediaConfig } from './config';
import { reuseSettings } from './reuse-setup';
import type { Services } from './services';

/**
 * The pin for an action that goes by `cfg` (the settings it read; now by default). Without a key or a site it
 * still pins, a client that fails every call with that error: each file then fails naming itself and the remedy.
 */
export async function pinAction(s: Pick<Services, 'session' | 'context'>, cfg: WixMediaConfig = readConfig()): Promise<ActionPin> {
  let got: Awaited<ReturnType<typeof s.session.connect>>;
  try {
    got = await s.session.connect(cfg);
  } catch (err) {
    return { client: failingClient(err), reuse: { scope: 'off' } };
  }
  let reuse: ActionPin['reuse'];
  try {
    reuse = reuseSettings(s, got.conn.siteId);
  } catch {
    reuse = { scope: 'off' }; // no reuse stores (not installed in this window): upload, as with reuse off
  }
  return { client: got.client, siteId: got.conn.siteId, reuse };
}

/** A client every call of which fails with `err` (no key, no site, the key store unreadable). */
function failingClient(err: unknown): MediaClient {
  const fail = () => Promise.reject(err);
  return {
    generateUploadUrl: fail, generateResumableUploadUrl: fail, uploadFile: fail, getFileDescriptor: fail, waitForReady: fail,
    listFolders: fail, generateFileDownloadUrl: fail, importFile: fail, createFolder: fail,
    close: async () => undefined,
  };
}
