// The upload plan: the distinct files a set of references names (one upload each, however many times and by
// whatever relative path they are referred to), the ones missing, and the remote references left alone.
import { promises as fsp } from 'node:fs';
import type { AssetReference } from './types';

export interface PlannedAsset {
  /** The real path (symlinks and ../ resolved): the key that makes each file one upload. */
  file: string;
  /** The path as the first reference wrote it, decoded: how to name the file to a person. */
  label: string;
  references: AssetReference[];
}

export interface MissingAsset {
  /** The path it resolved to, or the path as written when it could not be resolved. */
  file: string;
  label: string;
  /** Why, as a code each face words in its own language. */
  why: MissingWhy;
  /** Why, in plain English (the CLI and the log). */
  reason: string;
  /** For 'unreadable': the system's error code. */
  detail?: string;
  references: AssetReference[];
}

export interface AssetPlan {
  assets: PlannedAsset[];
  missing: MissingAsset[];
  remote: AssetReference[];
  /** Every local reference (of assets and missing alike), in document order. */
  local: AssetReference[];
}

export type MissingWhy = 'no-workspace' | 'not-found' | 'is-folder' | 'not-a-file' | 'no-permission' | 'link-loop' | 'unreadable';

const REASONS: Record<Exclude<MissingWhy, 'unreadable'>, string> = {
  'no-workspace': 'a path from the root (/) needs a workspace folder',
  'not-found': 'the file does not exist',
  'is-folder': 'it is a folder, not a file',
  'not-a-file': 'it is not a regular file',
  'no-permission': 'the file cannot be read (permission denied)',
  'link-loop': 'it is a symbolic link loop',
};

function whyOf(code: string | undefined): MissingWhy {
  switch (code) {
    case 'ENOENT': case 'ENOTDIR': return 'not-found';
    case 'EISDIR': return 'is-folder';
    case 'ENOTFILE': return 'not-a-file';
    case 'EACCES': case 'EPERM': return 'no-permission';
    case 'ELOOP': return 'link-loop';
    default: return 'unreadable';
  }
}

function missing(file: string, label: string, why: MissingWhy, ref: AssetReference, detail?: string): MissingAsset {
  const reason = why === 'unreadable' ? `it could not be read (${detail})` : REASONS[why];
  return { file, label, why, reason, ...(detail !== undefined && { detail }), references: [ref] };
}

/** Groups the local references by the real file they name, in the order files are first referred to. */
export async function planAssets(references: readonly AssetReference[]): Promise<AssetPlan> {
  const plan: AssetPlan = { assets: [], missing: [], remote: [], local: [] };
  const byResolved = new Map<string, PlannedAsset | MissingAsset>();
  const byReal = new Map<string, PlannedAsset>();
  for (const ref of references) {
    if (ref.class === 'remote') { plan.remote.push(ref); continue; }
    plan.local.push(ref);
    const key = ref.resolved ?? `unresolved:${ref.path}`;
    const known = byResolved.get(key);
    if (known) { known.references.push(ref); continue; }
    const label = ref.path ?? ref.written;
    if (!ref.resolved) {
      const m = missing(label, label, 'no-workspace', ref);
      byResolved.set(key, m);
      plan.missing.push(m);
      continue;
    }
    let real: string;
    try {
      real = await fsp.realpath(ref.resolved);
      const st = await fsp.stat(real);
      if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: st.isDirectory() ? 'EISDIR' : 'ENOTFILE' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException)?.code;
      const m = missing(ref.resolved, label, whyOf(code), ref, code ?? String(e));
      byResolved.set(key, m);
      plan.missing.push(m);
      continue;
    }
    let asset = byReal.get(real);
    if (asset) asset.references.push(ref);
    else {
      asset = { file: real, label, references: [ref] };
      byReal.set(real, asset);
      plan.assets.push(asset);
    }
    byResolved.set(key, asset);
  }
  return plan;
}

/** "12 references to 9 local files; 2 remote left alone; 1 missing" (English; each face words its own). */
export function planCounts(plan: AssetPlan): { references: number; files: number; remote: number; missing: number } {
  const missingRefs = plan.missing.reduce((n, m) => n + m.references.length, 0);
  return { references: plan.local.length - missingRefs, files: plan.assets.length, remote: plan.remote.length, missing: plan.missing.length };
}
