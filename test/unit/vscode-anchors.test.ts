// The pure helpers of the VS Code face: anchors kept through edits, insertion plans, prompt validation.
import * as assert from 'node:assert';
import { anchorsAfter, applyPlanned, planInsertion, shiftAnchor, shiftAnchors } from '../../src/vscode/anchors';
import { folderPathProblem, labelsProblem, normalizeFolderPath, parseLabels } from '../../src/vscode/validate';

describe('vscode/insert: anchors and insertion plans', () => {
  const cursor = { start: 10, end: 10 };

  it('moves a cursor by text inserted or deleted before it, not after it', () => {
    assert.deepStrictEqual(shiftAnchor(cursor, { rangeOffset: 0, rangeLength: 0, text: 'abc' }), { start: 13, end: 13 });
    assert.deepStrictEqual(shiftAnchor(cursor, { rangeOffset: 2, rangeLength: 5, text: '' }), { start: 5, end: 5 });
    assert.deepStrictEqual(shiftAnchor(cursor, { rangeOffset: 12, rangeLength: 3, text: 'x' }), cursor);
  });

  it('keeps a cursor before text typed exactly at it', () => {
    assert.deepStrictEqual(shiftAnchor(cursor, { rangeOffset: 10, rangeLength: 0, text: 'typed' }), cursor);
  });

  it('loses the place when a change swallows it', () => {
    assert.strictEqual(shiftAnchor(cursor, { rangeOffset: 5, rangeLength: 10, text: 'new' }), undefined);
    assert.strictEqual(shiftAnchor({ start: 4, end: 9 }, { rangeOffset: 6, rangeLength: 0, text: 'x' }), undefined);
  });

  it('moves a selection by an insertion at its start and leaves it for one at its end', () => {
    const sel = { start: 4, end: 9 };
    assert.deepStrictEqual(shiftAnchor(sel, { rangeOffset: 4, rangeLength: 0, text: 'ab' }), { start: 6, end: 11 });
    assert.deepStrictEqual(shiftAnchor(sel, { rangeOffset: 9, rangeLength: 0, text: 'ab' }), sel);
  });

  it('applies one event with several changes, whatever their order', () => {
    const changes = [{ rangeOffset: 0, rangeLength: 0, text: '12' }, { rangeOffset: 20, rangeLength: 0, text: 'zz' }, { rangeOffset: 5, rangeLength: 1, text: '' }];
    assert.deepStrictEqual(shiftAnchors([cursor], changes), [{ start: 11, end: 11 }]);
    assert.deepStrictEqual(shiftAnchors([cursor], [...changes].reverse()), [{ start: 11, end: 11 }]);
  });

  it('plans one copy per place, merges duplicate cursors, and reports where the text ends', () => {
    const doc = 'first line\nsecond';
    const plan = planInsertion([{ start: 17, end: 17 }, { start: 5, end: 5 }, { start: 5, end: 5 }], 'R');
    assert.strictEqual(applyPlanned(doc, plan), 'firstR line\nsecondR');
    assert.deepStrictEqual(anchorsAfter(plan), [{ start: 6, end: 6 }, { start: 19, end: 19 }]);
    assert.strictEqual(applyPlanned('a WORD b', planInsertion([{ start: 2, end: 6 }], 'X')), 'a X b');
  });
});

describe('vscode/validate: what the prompts accept', () => {
  it('normalizes folder paths and checks the 100-character limit', () => {
    assert.strictEqual(normalizeFolderPath(' docs//img/ '), '/docs/img');
    assert.strictEqual(normalizeFolderPath(''), '/');
    assert.strictEqual(folderPathProblem('/' + 'x'.repeat(99)), undefined);
    assert.match(folderPathProblem('/' + 'x'.repeat(100)) ?? '', /101 characters long; Wix accepts at most 100/);
    assert.match(folderPathProblem('/a/../b') ?? '', /"\." or "\.\."/);
    assert.match(folderPathProblem('a\\b') ?? '', /not "\\"/);
  });

  it('parses comma-separated labels and checks 50 labels of at most 200 characters', () => {
    assert.deepStrictEqual(parseLabels(' a, b ,,a, c '), ['a', 'b', 'c']);
    assert.strictEqual(labelsProblem(Array.from({ length: 50 }, (_, i) => `l${i}`)), undefined);
    assert.match(labelsProblem(Array.from({ length: 51 }, (_, i) => `l${i}`).join(',')) ?? '', /51 labels; Wix accepts at most 50/);
    assert.match(labelsProblem(['y'.repeat(201)]) ?? '', /201 characters long; Wix accepts at most 200/);
  });
});
