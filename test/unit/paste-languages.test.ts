// Paste and drop are offered in every language that has a reference template (issue 11), so the extension must
// activate on each of them: package.json's onLanguage events and the template table are one list.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { languageFamily, TEMPLATE_LANGUAGES } from '../../src/upload/templates';
import { placeholderText } from '../../src/upload/placeholder';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { activationEvents: string[] };

describe('paste and drop languages', () => {
  it('package.json activates on every language with a template, and on plain text', () => {
    const onLanguage = manifest.activationEvents.filter(e => e.startsWith('onLanguage:')).map(e => e.slice('onLanguage:'.length));
    assert.deepEqual([...onLanguage].sort(), [...TEMPLATE_LANGUAGES, 'plaintext'].sort());
  });

  it('each of them gets a placeholder in its own form', () => {
    for (const l of ['quarto', 'rmd', 'razor', 'twig', 'liquid', 'sass', 'stylus', 'json5']) {
      assert.notEqual(languageFamily(l), 'plain', l);
      assert.notEqual(placeholderText(l, 'hero.png'), placeholderText('plaintext', 'hero.png'), l);
    }
  });
});
