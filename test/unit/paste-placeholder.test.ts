// The pure parts of paste/drop and insertion: placeholders and markers per language, names for pasted data,
// block references on their own line, continuation lines indented like the line they go into.
import * as assert from 'node:assert';
import {
  extensionFor, failureMarker, isBlockReference, isUselessName, nameFromPattern, placeholderText,
} from '../../src/upload/placeholder';
import { joinReferences, layoutForLine } from '../../src/vscode/anchors';

describe('upload/placeholder: placeholders, markers and names', () => {
  it('shapes the placeholder and the failure marker in the language\'s own form', () => {
    assert.strictEqual(placeholderText('markdown', 'hero.png'), '![Uploading hero.png…]()');
    assert.strictEqual(placeholderText('html', 'hero.png'), '<img alt="Uploading hero.png…">');
    assert.strictEqual(placeholderText('css', 'hero.png'), '/* Uploading hero.png… */');
    assert.strictEqual(placeholderText('typescript', 'hero.png'), '"Uploading hero.png…"');
    assert.strictEqual(failureMarker('markdown', 'hero.png'), '![Upload failed: hero.png]()');
    assert.strictEqual(failureMarker('vue', 'a"b.png'), '<img alt="Upload failed: a_b.png">');
    assert.strictEqual(placeholderText('markdown', 'a]b.png'), '![Uploading a_b.png…]()');
  });

  it('names data from the pattern: document name, date, time, counter, selected text; the data\'s extension', () => {
    const now = new Date(2026, 0, 2, 3, 4, 5);
    const v = { documentBaseName: 'notes', now, counter: 7, selectedText: 'Login form' };
    assert.strictEqual(nameFromPattern('${documentBaseName}-${date}-${time}.png', v, 'png'), 'notes-2026-01-02-030405.png');
    assert.strictEqual(nameFromPattern('${selectedText} ${counter}', v, 'jpg'), 'Login form 7.jpg');
    assert.strictEqual(nameFromPattern('shot-${counter}.png', v, 'webp'), 'shot-7.webp');
    assert.strictEqual(nameFromPattern('a/b:${documentBaseName}.png', v, 'png'), 'a-b-notes.png');
    assert.strictEqual(nameFromPattern('${selectedText}', { ...v, selectedText: '' }, 'png'), 'pasted.png');
  });

  it('tells useless names (image.png, blob, no extension) from real ones; the extension follows the MIME type', () => {
    for (const n of ['image.png', 'blob', 'IMAGE.PNG', '', 'screenshot', 'untitled.jpg']) assert.ok(isUselessName(n), n);
    for (const n of ['hero.png', 'Screenshot 2026-01-02.png', 'logo.svg']) assert.ok(!isUselessName(n), n);
    assert.strictEqual(extensionFor('image/jpeg', 'image.png'), 'jpg');
    assert.strictEqual(extensionFor(undefined, 'x.GIF'), 'gif');
  });

  it('knows block references: Markdown images and HTML tags, not links, CSS or JS', () => {
    assert.ok(isBlockReference('markdown', '![a](u)'));
    assert.ok(!isBlockReference('markdown', '[a.pdf](u)'));
    assert.ok(isBlockReference('html', '<img src="u">'));
    assert.ok(!isBlockReference('css', 'url("u")'));
    assert.ok(!isBlockReference('javascript', '"u"'));
  });
});

describe('vscode/insert: layout for the line', () => {
  it('puts a block on its own line after text, and what follows on the next, with the line\'s indentation', () => {
    assert.strictEqual(layoutForLine('![a](u)', 'Intro', '', '\n', true), '\n![a](u)');
    assert.strictEqual(layoutForLine('<img>', '    <p>', '</p>', '\n', true), '\n    <img>\n    ');
    assert.strictEqual(layoutForLine('![a](u)', '', '', '\n', true), '![a](u)');
    assert.strictEqual(layoutForLine('url("u")', 'a { b: ', ' }', '\n', false), 'url("u")');
  });

  it('indents continuation lines like the line they go into', () => {
    assert.strictEqual(layoutForLine(joinReferences(['<img 1>', '<img 2>'], '\n'), '    ', '', '\n', true), '<img 1>\n    <img 2>');
    assert.strictEqual(layoutForLine(joinReferences(['a', 'b'], '\r\n'), '\t', '', '\r\n', false), 'a\r\n\tb');
  });
});
