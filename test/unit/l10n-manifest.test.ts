// Issue 15 item 7: the manifest's user-facing strings go through package.nls.json, so a language pack can translate them.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const raw = readFileSync(resolve(ROOT, 'package.json'), 'utf8');
const pkg = JSON.parse(raw);
const nls: Record<string, string> = JSON.parse(readFileSync(resolve(ROOT, 'package.nls.json'), 'utf8'));

// Fields a person reads, wherever they sit in contributes / capabilities.
const USER_FACING = new Set(['title', 'category', 'description', 'markdownDescription', 'markdownDeprecationMessage',
  'deprecationMessage', 'patternErrorMessage', 'enumDescriptions', 'markdownEnumDescriptions', 'name', 'contextualTitle',
  'contents', 'altText', 'shortTitle']);

function strings(node: unknown, key: string, out: [string, string][], at: string): void {
  if (typeof node === 'string') { if (USER_FACING.has(key)) out.push([at, node]); return; }
  if (Array.isArray(node)) { node.forEach((n, i) => strings(n, key, out, `${at}[${i}]`)); return; }
  // Inside properties / additionalProperties the keys are setting names, not field names.
  if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) strings(v, k, out, `${at}.${k}`);
}

describe('l10n: the manifest goes through package.nls.json (issue 15)', () => {
  it('declares its l10n folder', () => assert.equal(pkg.l10n, './l10n'));

  it('every user-facing string in contributes and capabilities is a %key% of package.nls.json', () => {
    const found: [string, string][] = [];
    strings(pkg.contributes, '', found, 'contributes');
    strings(pkg.capabilities, '', found, 'capabilities');
    const facing = found.filter(([at]) => !/\.properties\.[^.]+$/.test(at)); // a setting named "title" would be a key, not text
    assert.ok(facing.length > 50, `only ${facing.length} strings found`);
    const raw = facing.filter(([, s]) => !/^%[^%\s]+%$/.test(s));
    assert.deepEqual(raw, [], 'strings not in package.nls.json');
    const missing = facing.filter(([, s]) => !(s.slice(1, -1) in nls));
    assert.deepEqual(missing, [], '%keys% missing from package.nls.json');
  });

  it('every command title and category resolves to English text', () => {
    for (const c of pkg.contributes.commands as { command: string; title: string; category: string }[]) {
      assert.equal(nls[c.category.slice(1, -1)], 'Wix Media', c.command);
      assert.match(nls[c.title.slice(1, -1)], /\w/, c.command);
    }
  });
});
