// The asset finder on real-world documents: every reference with its exact position, and nothing from code,
// comments, anchors or template expressions. Then the upload plan (one file, one upload) and the rewrite.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  applyEdits, findAssetReferences, planAssets, planCounts, replacementFor, rewriteEdits, type AssetReference,
} from '../../src/assets';
import { tempDir, writeFile } from '../helpers/fixtures';

const FIXTURES = resolve(__dirname, '../../../test/fixtures/assets');

type Row = [line: number, character: number, text: string, syntax: string, cls: 'local' | 'remote', path?: string];

function found(name: string, text = readFileSync(join(FIXTURES, name), 'utf8'), languageId?: string): Row[] {
  return findAssetReferences(text, { documentPath: join('/ws/site', name), workspaceFolder: '/ws', languageId })
    .map(r => {
      const row: Row = [r.range.start.line, r.range.start.character, text.slice(r.start, r.end), r.syntax, r.class];
      if (r.class === 'local') row.push(r.path);
      return row;
    });
}

describe('assets: the finder on real-world documents', () => {
  it('Markdown: inline, nested, reference-style, <…> with spaces, ?query, raw HTML; never code, comments or anchors', () => {
    assert.deepEqual(found('docs-page.md'), [
      [7, 10, 'https://img.shields.io/badge/build-passing-green.svg', 'markdown image', 'remote'],
      [8, 9, './img/logo.png', 'markdown image', 'local', './img/logo.png'],
      [12, 13, './img/dashboard.png', 'markdown image', 'local', './img/dashboard.png'],
      [14, 27, '../assets/User%20Guide.pdf', 'markdown link', 'local', '../assets/User Guide.pdf'],
      [15, 38, '<./img/settings page.png>', 'markdown image', 'local', './img/settings page.png'],
      [15, 89, 'img/dashboard.png?v=3', 'markdown image', 'local', 'img/dashboard.png'],
      [31, 12, './img/diagram.svg', 'img src', 'local', './img/diagram.svg'],
      [34, 24, 'media/poster.jpg', 'poster', 'local', 'media/poster.jpg'],
      [35, 15, 'media/demo.webm', 'src', 'local', 'media/demo.webm'],
      [36, 15, 'media/demo.mp4', 'src', 'local', 'media/demo.mp4'],
      [45, 15, './img/in-list.png', 'markdown image', 'local', './img/in-list.png'],
      [47, 8, './img/architecture.png', 'markdown definition', 'local', './img/architecture.png'],
      [49, 10, 'https://cdn.example.com/x.png', 'markdown definition', 'remote'],
      [50, 34, 'data:image/png;base64,iVBORw0KGgo=', 'markdown image', 'remote'],
      [50, 79, '//cdn.example.com/y.png', 'markdown image', 'remote'],
    ]);
  });

  it('HTML: <picture> srcset candidates, poster, unquoted src, style url(), href to media only; never scripts or comments', () => {
    assert.deepEqual(found('landing.html'), [
      [4, 25, '/favicon.png', 'href', 'local', '/favicon.png'],
      [7, 28, 'images/hero-bg.jpg', 'css url()', 'local', 'images/hero-bg.jpg'],
      [18, 38, 'images/hero.avif', 'srcset', 'local', 'images/hero.avif'],
      [18, 59, 'images/hero@2x.avif', 'srcset', 'local', 'images/hero@2x.avif'],
      [19, 20, 'images/hero-640.jpg', 'srcset', 'local', 'images/hero-640.jpg'],
      [19, 45, 'images/hero-1280.jpg', 'srcset', 'local', 'images/hero-1280.jpg'],
      [20, 14, 'images/hero.jpg', 'img src', 'local', 'images/hero.jpg'],
      [22, 41, 'images/band.png', 'css url()', 'local', 'images/band.png'],
      [23, 15, 'media/intro.mp4', 'src', 'local', 'media/intro.mp4'],
      [23, 39, 'media/intro-poster.jpg', 'poster', 'local', 'media/intro-poster.jpg'],
      [24, 14, 'https://static.example.com/remote.png', 'img src', 'remote'],
      [26, 13, 'docs/Price%20List.pdf', 'href', 'local', 'docs/Price List.pdf'],
    ]);
  });

  it('SCSS: url() quoted or not, image-set() strings, #fragment; never comments, @import or interpolation', () => {
    assert.deepEqual(found('theme.scss'), [
      [8, 24, '../img/hero.jpg', 'css url()', 'local', '../img/hero.jpg'],
      [9, 31, '../img/hero.avif', 'css image-set()', 'local', '../img/hero.avif'],
      [9, 77, '../img/hero@2x.jpg', 'css url()', 'local', '../img/hero@2x.jpg'],
      [10, 27, '../img/mask.png', 'css image-set()', 'local', '../img/mask.png'],
      [10, 49, '../img/mask@2x.png', 'css image-set()', 'local', '../img/mask@2x.png'],
      [13, 26, '../img/icons/sprite.svg#home', 'css url()', 'local', '../img/icons/sprite.svg'],
      [14, 26, 'https://cdn.example.com/bg.png', 'css url()', 'remote'],
      [14, 63, '//cdn.example.com/bg2.png', 'css url()', 'remote'],
      [15, 26, 'data:image/svg+xml;utf8,<svg></svg>', 'css url()', 'remote'],
      [20, 12, '../fonts/brand.woff2', 'css url()', 'local', '../fonts/brand.woff2'],
    ]);
  });

  it('TSX: string src/poster (plain and {\'…\'}); never expressions or comments', () => {
    assert.deepEqual(found('Card.tsx'), [
      [7, 16, './img/card.png', 'jsx src', 'local', './img/card.png'],
      [8, 17, './img/card-dark.png', 'jsx src', 'local', './img/card-dark.png'],
      [11, 21, './media/poster.jpg', 'jsx poster', 'local', './media/poster.jpg'],
      [11, 46, 'https://cdn.example.com/v.mp4', 'jsx src', 'remote'],
    ]);
  });

  it('Vue: template src and <style lang="scss">; never :src bindings, aliases, scripts or // comments', () => {
    assert.deepEqual(found('Hero.vue'), [
      [2, 14, '../assets/hero.png', 'img src', 'local', '../assets/hero.png'],
      [14, 25, '../assets/hero-bg.jpg', 'css url()', 'local', '../assets/hero-bg.jpg'],
    ]);
  });

  it('MDX: Markdown images, <img> and src={"…"} in components; never {/* comments */}', () => {
    const mdx = [
      "import { Figure } from './Figure';",
      '',
      '![Chart](./chart.png)',
      '<Figure src={"./figure.png"} caption="x" />',
      '{/* ![Old](./old.png) */}',
      '<img src="./raw.png" />',
    ].join('\n');
    assert.deepEqual(found('post.mdx', mdx), [
      [2, 9, './chart.png', 'markdown image', 'local', './chart.png'],
      [3, 14, './figure.png', 'jsx src', 'local', './figure.png'],
      [5, 10, './raw.png', 'img src', 'local', './raw.png'],
    ]);
  });

  it('CRLF and a BOM: positions count the way VS Code does', () => {
    const text = '\ufeff# T\r\n\r\n![a](a.png)\r\n<img src="b.png">\r\n';
    assert.deepEqual(found('crlf.md', text), [
      [2, 5, 'a.png', 'markdown image', 'local', 'a.png'],
      [3, 10, 'b.png', 'img src', 'local', 'b.png'],
    ]);
  });

  it('resolves relative to the document, a leading / to the workspace folder, and decodes %20, entities and escapes', () => {
    const text = '![a](../img/a%20b.png) ![b](/static/b.png) ![c](c\\(1\\).png) <img src="d&amp;e.png">';
    const refs = findAssetReferences(text, { documentPath: '/ws/docs/guide/page.md', workspaceFolder: '/ws' });
    assert.deepEqual(refs.map(r => r.resolved), ['/ws/docs/img/a b.png', '/ws/static/b.png', '/ws/docs/guide/c(1).png', '/ws/docs/guide/d&e.png']);
    const noFolder = findAssetReferences('![b](/static/b.png)', { documentPath: '/ws/docs/page.md' });
    assert.equal(noFolder[0].resolved, undefined);
  });

  it('edge cases: parentheses in paths, a destination on its own line, fences of 4 and ~~~, code spans, url() in a CSS string', () => {
    const md = '![a](img/a(1).png) ![b](img/b\\).png) ![d](\n  d.png\n)\n````\n```\n![in](in.png)\n```\n````\n~~~\n![t](t.png)\n~~~~\n'
      + '`` ![x](a.png) ` `` ![real](r.png)\n';
    assert.deepEqual(findAssetReferences(md, { documentPath: '/ws/a.md' }).map(r => r.path), ['img/a(1).png', 'img/b).png', 'd.png', 'r.png']);
    const css = '.a{background:url( spaced.png )} .b{background:URL(upper.png)} .c{content:"url(not.png)"}';
    assert.deepEqual(findAssetReferences(css, { documentPath: '/ws/a.css' }).map(r => r.path), ['spaced.png', 'upper.png']);
  });

  it('ignores links to pages, mailto:, wix: and anchors; counts remote media only', () => {
    const text = '[a](page.html) [b](mailto:x@y.z) ![c](wix:image://v1/abc/c.png) [d](#top) [e](https://x.y/guide) [f](https://x.y/f.mp4)';
    const refs = findAssetReferences(text, { documentPath: '/ws/a.md' });
    assert.deepEqual(refs.map(r => [r.written, r.class]), [['https://x.y/f.mp4', 'remote']]);
  });
});

describe('assets: the upload plan', () => {
  it('one upload per real file, however it is referred to; missing ones named with their reason', async () => {
    const dir = tempDir('wix-assets-plan-');
    await writeFile(dir, 'img/one.png', 'one');
    await writeFile(dir, 'shared/two words.png', 'two');
    mkdirSync(join(dir, 'docs/sub'), { recursive: true });
    symlinkSync(join(dir, 'img/one.png'), join(dir, 'docs/link.png'));
    mkdirSync(join(dir, 'docs/folder.png'));
    const text = [
      '![1](../img/one.png) ![1 again](./../img/one.png?v=2) ![1 by link](link.png) ![1 from root](/img/one.png)',
      '![2](<../shared/two words.png>) ![2 encoded](../shared/two%20words.png)',
      '![missing](./nope.png) ![missing again](nope.png) ![folder](folder.png) ![remote](https://x.y/z.png)',
    ].join('\n');
    const refs = findAssetReferences(text, { documentPath: join(dir, 'docs/page.md'), workspaceFolder: dir });
    const plan = await planAssets(refs);
    assert.deepEqual(plan.assets.map(a => [a.label, a.references.length]), [['../img/one.png', 4], ['../shared/two words.png', 2]]);
    assert.deepEqual(plan.missing.map(m => [m.label, m.reason, m.references.length]), [
      ['./nope.png', 'the file does not exist', 2], ['folder.png', 'it is a folder, not a file', 1],
    ]);
    assert.equal(plan.remote.length, 1);
    assert.deepEqual(planCounts(plan), { references: 6, files: 2, remote: 1, missing: 2 });
  });
});

describe('assets: the rewrite', () => {
  const ref = (text: string, name = 'x.md'): AssetReference => findAssetReferences(text, { documentPath: `/ws/${name}` })[0];
  const U = 'https://static.wixstatic.com/media/abc_def~mv2.png';

  it('writes each replacement as its context needs it', () => {
    assert.equal(replacementFor(ref('![a](<my pic.png>)'), U), U);                    // <> dropped: not needed any more
    assert.equal(replacementFor(ref('![a](a.png)'), 'https://x.y/a b.png'), '<https://x.y/a b.png>');
    assert.equal(replacementFor(ref('![a](a.png#t=10)'), U), `${U}#t=10`);             // a media fragment is kept
    assert.equal(replacementFor(ref('![a](a.png#t=10)'), 'wix:image://v1/abc/a.png#originWidth=1&originHeight=2'),
      'wix:image://v1/abc/a.png#originWidth=1&originHeight=2');
    assert.equal(replacementFor(ref('<img src="a.png">', 'x.html'), 'wix:image://v1/a#w=1&h=2'), 'wix:image://v1/a#w=1&amp;h=2');
    assert.equal(replacementFor(ref('<img src=a.png>', 'x.html'), 'https://x.y/a b.png'), '"https://x.y/a b.png"');
    assert.equal(replacementFor(ref('<img srcset="a.png 1x">', 'x.html'), 'https://x.y/a,b c.png'), 'https://x.y/a%2Cb%20c.png');
    assert.equal(replacementFor(ref('a { b: url(a.png) }', 'x.css'), "https://x.y/a'(b).png"), `"https://x.y/a\\'(b).png"`);
    assert.equal(replacementFor(ref('a { b: url("a.png") }', 'x.css'), 'https://x.y/a"b.png'), 'https://x.y/a\\"b.png');
    assert.equal(replacementFor(ref('<div style="background: url(a.png)">', 'x.html'), 'https://x.y/a b.png'), "'https://x.y/a b.png'");
    assert.equal(replacementFor(ref("<img src={'a.png'} />", 'x.tsx'), "https://x.y/it's.png"), 'https://x.y/it\\u0027s.png');
  });

  it('applies the edits and leaves every other character as it was', () => {
    const text = 'Intro\r\n![a](a.png "t") `![b](a.png)`\r\n<img src="a.png" alt="">\r\n![r](https://x.y/r.png)\r\n';
    const refs = findAssetReferences(text, { documentPath: '/ws/x.md' });
    const edits = rewriteEdits(refs, r => (r.class === 'local' ? U : undefined));
    assert.equal(edits.length, 2);
    assert.equal(applyEdits(text, edits), `Intro\r\n![a](${U} "t") \`![b](a.png)\`\r\n<img src="${U}" alt="">\r\n![r](https://x.y/r.png)\r\n`);
  });
});
