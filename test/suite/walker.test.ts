// The shared folder walker through the extension's port (vscode.workspace.fs in the real host) on the same
// fixture tree the unit test walks with node:fs (test/unit/upload-walk.test.ts): the same folder gives the same
// files through both faces, and an upload of it sends exactly those files.
import * as assert from 'node:assert';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import type { WixEmulator } from '../emulator/server';
import { collectFiles } from '../../src/upload/collect';
import { expandSelection } from '../../src/vscode/workspace-files';
import { fixturePath, makeWalkFixture, type WalkFixture } from '../helpers/walk-fixture';
import { upload, uploadSuiteHooks } from './helpers';

describe('folder walker: the same files through both faces', () => {
  let emu: WixEmulator;
  let root: string;
  let fx: WalkFixture;

  uploadSuiteHooks('walker', s => {
    emu = s.emu;
    root = join(s.dir, 'tree');
    mkdirSync(root, { recursive: true });
    fx = makeWalkFixture(root);
  });

  it('vscode.workspace.fs lists what node:fs lists, by the one rule', async () => {
    const viaVscode = await expandSelection(fx.inputs.map(p => vscode.Uri.file(p)));
    const viaCli = await collectFiles(fx.inputs);
    const vsFiles = viaVscode.files.map(f => fixturePath(root, f.uri.fsPath));
    assert.deepStrictEqual(vsFiles, fx.files);
    assert.deepStrictEqual(vsFiles, viaCli.files.map(f => fixturePath(root, f)));
    assert.deepStrictEqual(viaVscode.problems.map(p => [fixturePath(root, p.uri.fsPath), (p.error as { code?: string }).code]), fx.problems);
    assert.deepStrictEqual(viaCli.errors.map(e => [fixturePath(root, e.path), e.error.code]), fx.problems);
  });

  it('an upload of the fixture sends exactly the listed files', async () => {
    const r = await upload({ files: fx.inputs, insert: 'none' });
    // What arrived is the list; the fixture's bytes are not real images, so Wix (the emulator) may fail to
    // process them afterwards, which is not what this test is about.
    assert.deepStrictEqual(emu.files.map(f => f.descriptor.displayName).sort(), fx.files.map(f => basename(f)).sort());
    const neverSent = r.items.filter(i => !i.id).map(i => fixturePath(root, vscode.Uri.parse(i.file ?? '').fsPath));
    assert.deepStrictEqual(neverSent, fx.problems.map(([p]) => p), 'the reported entries are the ones not sent');
  });
});
