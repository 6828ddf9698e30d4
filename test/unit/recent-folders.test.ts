// Recent folders are places, not just paths (issue 9): a folder browsed into is remembered with its ID, so
// picking it again (the folder prompt's Recent list, paste's "last used folder") never lands on a sibling of
// the same name. Paths remembered before this change are still offered, as paths.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { Recents, recentFolderChoice } from '../../src/vscode/recent';

function memento(initial: Record<string, unknown> = {}): vscode.Memento {
  const m = new Map(Object.entries(initial));
  return {
    keys: () => [...m.keys()],
    get: <T>(k: string, d?: T) => (m.has(k) ? m.get(k) as T : d) as T,
    update: async (k: string, v: unknown) => { if (v === undefined) m.delete(k); else m.set(k, v); },
  } as vscode.Memento;
}

describe('recent folders keep the folder ID', () => {
  it('a browsed folder comes back by its ID; a typed path as a path; a typed path below a browsed folder as both', async () => {
    const r = new Recents(memento());
    await r.remember({ display: '/typed/path', filePath: '/typed/path' }, []);
    await r.remember({ display: '/news/sub', id: 'NEWER', siteId: 'S1', filePath: 'sub' }, []);
    await r.remember({ display: '/news', id: 'NEWER', siteId: 'S1' }, []);
    const [news, sub, typed] = r.folders('S1');
    assert.deepEqual(recentFolderChoice(news), { folderId: 'NEWER', filePath: undefined, display: '/news' });
    assert.deepEqual(recentFolderChoice(sub), { folderId: 'NEWER', filePath: 'sub', display: '/news/sub' });
    assert.deepEqual(recentFolderChoice(typed), { filePath: '/typed/path', display: '/typed/path' });
  });

  it('one entry per path ignoring case, the newest use deciding which folder it means', async () => {
    const r = new Recents(memento());
    await r.remember({ display: '/news', id: 'OLDER', siteId: 'S1' }, []);
    await r.remember({ display: '/News', id: 'NEWER', siteId: 'S1' }, []);
    assert.deepEqual(r.folders('S1'), [{ display: '/News', id: 'NEWER', siteId: 'S1' }]);
  });

  it('on another site (another window, or after Select Site) a folder ID is not sent: the folder goes by its path', async () => {
    const r = new Recents(memento());
    await r.remember({ display: '/news', id: 'NEWER', siteId: 'S1' }, []);
    assert.deepEqual(r.folders('S2').map(recentFolderChoice), [{ filePath: '/news', display: '/news' }]);
    assert.deepEqual(recentFolderChoice(r.folders('S1')[0]), { folderId: 'NEWER', filePath: undefined, display: '/news' });
    // Remembering on S2 keeps S1's ID for S1's windows only as long as the path is not reused on S2.
    await r.remember({ display: '/other', id: 'X2', siteId: 'S2' }, []);
    assert.deepEqual(recentFolderChoice(r.folders('S1')[1]), { folderId: 'NEWER', filePath: undefined, display: '/news' });
  });

  it('paths remembered by an earlier version are still offered, as paths, after the places', async () => {
    const r = new Recents(memento({ 'wixMedia.recentFolders': ['/old/one', '/news'] }));
    assert.deepEqual(r.folders('S1').map(recentFolderChoice), [
      { filePath: '/old/one', display: '/old/one' }, { filePath: '/news', display: '/news' },
    ]);
    await r.remember({ display: '/news', id: 'NEWER', siteId: 'S1' }, []);
    assert.deepEqual(r.folders('S1'), [{ display: '/news', id: 'NEWER', siteId: 'S1' }, { display: '/old/one', filePath: '/old/one' }]);
  });
});
