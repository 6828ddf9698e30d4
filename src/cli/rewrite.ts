// `wix-media rewrite FILE...`: find the local assets each file refers to, upload every distinct file once through
// the same path as `wix-media upload`, then rewrite each file's links in place (atomically, in its own encoding).
import { realpath } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import {
  applyEdits, findAssetReferences, planAssets, rewriteEdits, syntaxOf, targetFor,
  type AssetReference, type AssetStyle,
} from '../assets';
import type { FileDescriptor } from '../wix/types';
import type { MediaClient } from '../wix/contract';
import { redact } from '../wix/redact';
import type { RewriteArgs } from './args';
import { importableUrl, importRemote } from '../assets/import-remote';
import { readTextFile, writeTextFileAtomic, type TextFile } from './text-file';
import { runUpload, type UploadIo } from './upload';

export interface RewriteOutcome {
  /** Every local reference was rewritten (or, in a dry run, would be). */
  complete: boolean;
  interrupted: boolean;
}

interface Doc {
  arg: string;
  path: string;
  file?: TextFile;
  refs: AssetReference[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** How a position is written on a terminal: file:line:column, 1-based, relative to the current directory. */
function where(ref: AssetReference, cwd: string): string {
  return `${shown(ref.document, cwd)}:${ref.range.start.line + 1}:${ref.range.start.character + 1}`;
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

export async function runRewrite(args: RewriteArgs, client: MediaClient | undefined, io: UploadIo, cwd = process.cwd(), siteId = ''): Promise<RewriteOutcome> {
  const err = (line: string) => io.stderr.write(redact(line) + '\n');
  const out = (line: string) => io.stdout.write(line + '\n');
  let complete = true;

  // 1. Read and scan each document.
  const docs: Doc[] = [];
  const seenDocs = new Set<string>();
  for (const arg of args.files) {
    const path = resolve(cwd, arg);
    // The same file named twice (or through a link) is rewritten once.
    const real = await realpath(path).catch(() => path);
    if (seenDocs.has(real)) continue;
    seenDocs.add(real);
    if (!syntaxOf(path)) {
      err(`wix-media: ${arg}: not a Markdown, MDX, HTML, Vue, Svelte, Astro, CSS, SCSS, Less, JSX or TSX file; it was left as it was.`);
      complete = false;
      continue;
    }
    let file: TextFile;
    try {
      file = await readTextFile(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a folder; name the files in it'
        : code === 'EACCES' || code === 'EPERM' ? 'it cannot be read (permission denied)' : (e as Error).message;
      err(`wix-media: ${arg}: ${why} (${path}).`);
      complete = false;
      continue;
    }
    const refs = findAssetReferences(file.text, { documentPath: path, workspaceFolder: resolve(cwd, args.root ?? '.') });
    docs.push({ arg, path, file, refs });
  }

  // 2. One plan over all documents: a file referred to by several of them is still uploaded once.
  const plan = await planAssets(docs.flatMap(d => d.refs));
  for (const m of plan.missing) {
    const at = m.references.map(r => where(r, cwd)).join(', ');
    err(`wix-media: ${at}: ${m.label}: ${m.reason} (${m.file}); ${m.references.length === 1 ? 'its link was' : 'its links were'} left as ${m.references.length === 1 ? 'it was' : 'they were'}.`);
    complete = false;
  }

  if (args.dryRun) {
    for (const d of docs) {
      const local = d.refs.filter(r => r.class === 'local');
      const missing = new Set(plan.missing.flatMap(m => m.references));
      for (const r of local) {
        if (missing.has(r)) continue;
        out(`${where(r, cwd)}: ${r.written} -> ${shown(plan.assets.find(a => a.references.includes(r))!.file, cwd)}`);
      }
      if (args.importRemote) {
        for (const r of d.refs) { const url = r.class === 'remote' ? importableUrl(r) : undefined; if (url) out(`${where(r, cwd)}: ${url} -> import`); }
      }
      out(`${d.arg}: would rewrite ${summary(d, missing, new Set())} (dry run: nothing uploaded or changed)`);
    }
    return { complete, interrupted: false };
  }

  // 3. Upload each distinct file once, through the upload command's own path.
  const descriptors = new Map<string, FileDescriptor>();
  let interrupted = false;
  if (plan.assets.length) {
    if (!client) throw new Error('runRewrite needs a client unless --dry-run.');
    const outcome = await runUpload({
      ...args, paths: plan.assets.map(a => a.file), format: args.style === 'wix' ? 'wix' : 'url', wait: false,
    }, client, { ...io, stdout: { write: () => true } }, siteId);
    interrupted = outcome.interrupted;
    for (const item of outcome.items) if (item.state === 'done' && item.descriptor) descriptors.set(item.label, item.descriptor);
  }
  const targetOf = new Map<AssetReference, string>();
  for (const a of plan.assets) {
    const d = descriptors.get(a.file);
    if (!d) { complete = false; continue; }   // failed: the upload already said why, on stderr
    for (const r of a.references) targetOf.set(r, targetFor(d, args.style as AssetStyle));
  }

  // Remote media, when asked: imported by Wix itself, each URL once.
  if (args.importRemote && !interrupted && client) {
    const imported = await importRemote(plan.remote, args, client, (ref, url, why) => {
      err(`wix-media: ${where(ref, cwd)}: ${url}: not imported: ${why}; its links were left as they were.`);
      complete = false;
    });
    for (const [r, d] of imported) targetOf.set(r, targetFor(d, args.style as AssetStyle));
  }

  // 4. Rewrite each document whose uploads succeeded; the failed and missing files keep their links.
  const missing = new Set(plan.missing.flatMap(m => m.references));
  for (const d of docs) {
    const edits = rewriteEdits(d.refs, r => targetOf.get(r));
    const failed = new Set(d.refs.filter(r => r.class === 'local' && !missing.has(r) && !targetOf.has(r)));
    if (!edits.length) {
      out(`${d.arg}: ${summary(d, missing, failed, 0, targetOf)}`);
      continue;
    }
    try {
      const now = await readTextFile(d.path);
      if (!now.bytes.equals(d.file!.bytes)) throw new Error('it changed while its assets were uploading; run the command again');
      await writeTextFileAtomic(d.path, applyEdits(d.file!.text, edits), d.file!.encoding);
      out(`${d.arg}: ${summary(d, missing, failed, edits.length, targetOf)}`);
    } catch (e) {
      complete = false;
      err(`wix-media: ${d.arg}: not rewritten: ${(e as Error).message}.`);
    }
  }
  return { complete, interrupted };
}

/** "rewrote 4 references to 3 files; 1 missing and 1 failed left as they were; 1 remote left alone" */
function summary(d: Doc, missing: Set<AssetReference>, failed: Set<AssetReference>, rewritten?: number, targets?: Map<AssetReference, string>): string {
  const local = d.refs.filter(r => r.class === 'local');
  const ok = local.filter(r => !missing.has(r) && !failed.has(r));
  const files = new Set(ok.map(r => r.resolved)).size;
  const parts: string[] = [];
  if (rewritten === undefined) parts.push(`${plural(ok.length, 'reference')} to ${plural(files, 'local file')}`);
  else if (rewritten > 0) {
    const imported = d.refs.filter(r => r.class === 'remote' && targets?.has(r)).length;
    parts.push(`rewrote ${plural(rewritten, 'reference')} to ${plural(files, 'file')}${imported ? ` and ${imported} imported remote` : ''}`);
  }
  else parts.push(local.length ? 'nothing rewritten' : 'no local files referred to');
  const miss = local.filter(r => missing.has(r)).length;
  const fail = local.filter(r => failed.has(r)).length;
  if (miss) parts.push(`${plural(miss, 'missing reference')} left as written`);
  if (fail) parts.push(`${plural(fail, 'reference')} to files that failed to upload left as written`);
  const remote = d.refs.filter(r => r.class === 'remote' && !targets?.has(r)).length;
  if (remote) parts.push(`${remote} remote left alone`);
  return parts.join('; ');
}
