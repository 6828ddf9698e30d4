// Escaping by context, for the edge cases the reference tests don't reach: what lands in the document.
import * as assert from 'node:assert/strict';
import { contextAt, escapeFor } from '../../src/upload/escape';

describe('upload escape: edge cases a file name can hit', () => {
  it('markdown text: a CRLF line break becomes one space, not two', () => {
    assert.equal(escapeFor('mdText', 'line one\r\nline two'), 'line one line two');
  });

  it('markdown destination: a line break in a wrapped URL is percent-encoded as %0A / %0D', () => {
    assert.equal(escapeFor('mdUrl', 'a b\nc\rd'), '<a b%0Ac%0Dd>');
    assert.equal(escapeFor('mdUrl', 'a b<c>'), '<a b%3Cc%3E>');
  });

  it('css string: a bare LF, a CRLF and a bare CR each become the \\a escape', () => {
    assert.equal(escapeFor('cssString', 'a\nb'), 'a\\a b');
    assert.equal(escapeFor('cssString', 'a\r\nb'), 'a\\a b');
    assert.equal(escapeFor('cssString', 'a\rb'), 'a\\a b');
  });

  it('plain languages never escape, even after something that looks like a tag', () => {
    assert.equal(contextAt('<img src="', 'plain'), 'none');
    assert.equal(escapeFor(contextAt('<img src="', 'plain'), 'a"b&c'), 'a"b&c');
  });

  it('a lone < at the end of the text is not a tag opening', () => {
    assert.equal(contextAt('a <', 'html'), 'htmlText');
    assert.equal(contextAt('<', 'markdown'), 'mdText');
    assert.equal(contextAt('x <b', 'markdown'), 'htmlAttr');
  });

  it('markdown: a destination is only open after an unclosed "]("', () => {
    assert.equal(contextAt('](', 'markdown'), 'mdUrl', 'at the very start of the template');
    assert.equal(contextAt('[a](b) and ', 'markdown'), 'mdText', 'after a closed link');
    assert.equal(contextAt('[a](b) ![](', 'markdown'), 'mdUrl', 'a second link after a closed one');
  });
});
