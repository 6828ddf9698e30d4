// The folder tree: the built-in roots, folders created by path (filePath) or by the Create Folder call.
import { randomBytes } from 'node:crypto';
import type { Folder } from '../../src/wix/types';

export const ROOTS = ['media-root', 'trash-root', 'visitor-uploads'] as const;

export class FolderStore {
  /** Created folders in creation order (the built-in roots are not listed here). */
  readonly created: Folder[] = [];
  private readonly byId = new Map<string, Folder>();

  constructor(private readonly siteId: string) {
    this.reset();
  }

  reset(): void {
    this.created.length = 0;
    this.byId.clear();
    const epoch = new Date(0).toISOString();
    for (const id of ROOTS) {
      this.byId.set(id, { id, displayName: id, parentFolderId: '', createdDate: epoch, updatedDate: epoch, state: 'OK', siteId: this.siteId });
    }
  }

  get(id: string): Folder | undefined {
    return this.byId.get(id);
  }

  isRoot(id: string): boolean {
    return (ROOTS as readonly string[]).includes(id);
  }

  children(parentId: string): Folder[] {
    return this.created.filter((f) => f.parentFolderId === parentId);
  }

  create(displayName: string, parentFolderId: string): Folder {
    const now = new Date().toISOString();
    const folder: Folder = {
      id: randomBytes(16).toString('hex'), displayName, parentFolderId,
      createdDate: now, updatedDate: now, state: 'OK', siteId: this.siteId,
    };
    this.created.push(folder);
    this.byId.set(folder.id, folder);
    return folder;
  }

  /**
   * Walks '/a/b' under parentId, creating what is missing; returns the last folder's id.
   * Wix documents that filePath creates missing folders (generate-upload-url, `filePath`) but not which folder
   * a name means when siblings share it (Create Folder refuses no duplicate). We model the harsher case: a name
   * shared by several siblings matches none of them, and a new folder of that name is made, so a client that
   * rebuilds a path from display names never lands in the folder its user picked (send parentFolderId).
   */
  ensurePath(path: string, parentId: string): string {
    let current = parentId;
    for (const name of path.split('/').map((s) => s.trim()).filter(Boolean)) {
      const named = this.children(current).filter((f) => f.displayName === name);
      current = (named.length === 1 ? named[0] : this.create(name, current)).id;
    }
    return current;
  }

  /** '/a/b' for a folder, '/' for a root. */
  pathOf(id: string): string {
    const names: string[] = [];
    let f = this.byId.get(id);
    while (f && !this.isRoot(f.id)) {
      names.unshift(f.displayName);
      f = this.byId.get(f.parentFolderId);
    }
    return '/' + names.join('/');
  }
}
