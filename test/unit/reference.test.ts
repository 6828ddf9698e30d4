// Reference formatting: every language family × kind default, wix: URIs against hand-written strings,
// user templates, and escaping of awkward file names.
import * as assert from 'node:assert/strict';
import type { FileDescriptor } from '../../src/wix/types';
import { formatReference, mediaKindOf, stripExtension, wixUri } from '../../src/upload/reference';
import { languageFamily, templateProblems } from '../../src/upload/templates';

const IMG_ID = 'a1b2c3_0f1e2d3c4b5a69788796a5b4c3d2e1f0~mv2.png';
const IMG_URL = `https://static.wixstatic.com/media/${IMG_ID}`;

function image(name = 'hero.png', width = 640, height = 480): FileDescriptor {
  return {
    id: IMG_ID, displayName: name, url: IMG_URL, sizeInBytes: '48213', private: false, mediaType: 'IMAGE',
    operationStatus: 'READY',
    media: { image: { image: { id: IMG_ID, url: IMG_URL, width, height, filename: name }, faces: [] } },
  };
}

const VID_ID = 'a1b2c3_56461b2dd0f04e7e9d0e2f6a3c1dbbce';
function video(posters = 2): FileDescriptor {
  const p = [
    { id: `${VID_ID}f000.jpg`, url: `https://static.wixstatic.com/media/${VID_ID}f000.jpg`, width: 1920, height: 1080 },
    { id: `${VID_ID}f001.jpg`, url: `https://static.wixstatic.com/media/${VID_ID}f001.jpg`, width: 320, height: 240 },
  ].slice(0, posters);
  return {
    id: VID_ID, displayName: 'demo.mp4', url: `https://video.wixstatic.com/video/${VID_ID}/file`, sizeInBytes: '1000',
    private: false, mediaType: 'VIDEO', operationStatus: 'READY',
    media: {
      video: {
        id: VID_ID, filename: 'demo.mp4', posters: p,
        resolutions: [
          { url: `https://video.wixstatic.com/video/${VID_ID}/480p/mp4/file.mp4`, width: 854, height: 480, format: '480p.mp4' },
          { url: `https://video.wixstatic.com/video/${VID_ID}/720p/mp4/file.mp4`, width: 1280, height: 720, format: '720p.mp4' },
        ],
      },
    },
  };
}

const AUD_ID = 'a1b2c3_5af2aa0b7d0c4a6c8fb2e0a1c3f4d9d0.mp3';
function audio(duration?: number): FileDescriptor {
  return {
    id: AUD_ID, displayName: 'track.mp3', url: `https://music.wixstatic.com/mp3/${AUD_ID}`, sizeInBytes: '300',
    private: false, mediaType: 'AUDIO', operationStatus: 'READY',
    media: { audio: { id: AUD_ID, assets: [{ id: AUD_ID, url: `https://music.wixstatic.com/mp3/${AUD_ID}`, filename: 'track.mp3' }], duration } },
  };
}

const DOC_ID = 'a1b2c3_8011f4b2c3d94e5fa6b7c8d9e0f131f0.pdf';
const DOC_URL = `https://d945e594-8657-47e2-9cd9-e9033c3d8da0.usrfiles.com/ugd/${DOC_ID}`;
function doc(name = 'Spec.pdf'): FileDescriptor {
  return {
    id: DOC_ID, displayName: name, url: DOC_URL, sizeInBytes: '100', private: false, mediaType: 'DOCUMENT',
    operationStatus: 'READY', media: { document: { id: DOC_ID, url: DOC_URL, filename: name } },
  };
}

const SVG_ID = 'a1b2c3_9a8b7c6d5e4f30211203f4e5d6c7b8a9.svg';
function vector(): FileDescriptor {
  const url = `https://static.wixstatic.com/shapes/${SVG_ID}`;
  return {
    id: SVG_ID, displayName: 'logo.svg', url, sizeInBytes: '100', private: false, mediaType: 'VECTOR',
    operationStatus: 'READY', media: { vector: { image: { id: SVG_ID, url, width: 24, height: 24, filename: 'logo.svg' } } },
  };
}

const ZIP_ID = 'a1b2c3_00112233445566778899aabbccddeeff.zip';
const ZIP_URL = `https://d945e594-8657-47e2-9cd9-e9033c3d8da0.usrfiles.com/ugd/${ZIP_ID}`;
function archive(): FileDescriptor {
  return {
    id: ZIP_ID, displayName: 'bundle.zip', url: ZIP_URL, sizeInBytes: '100', private: false, mediaType: 'ARCHIVE',
    operationStatus: 'READY', media: { archive: { id: ZIP_ID, url: ZIP_URL, filename: 'bundle.zip' } },
  };
}

const VID_URL = `https://video.wixstatic.com/video/${VID_ID}/file`;
const AUD_URL = `https://music.wixstatic.com/mp3/${AUD_ID}`;

describe('reference: media kinds and wix: URIs', () => {
  it('maps media types to kinds', () => {
    assert.equal(mediaKindOf(image()), 'image');
    assert.equal(mediaKindOf(vector()), 'image');
    assert.equal(mediaKindOf(video()), 'video');
    assert.equal(mediaKindOf(audio(1)), 'audio');
    assert.equal(mediaKindOf(doc()), 'document');
    assert.equal(mediaKindOf(archive()), 'other');
    assert.equal(mediaKindOf({ ...image(), mediaType: 'UNKNOWN' }), 'image', 'falls back to the media it carries');
  });

  it('builds image URIs with the encoded filename and origin size', () => {
    assert.equal(wixUri(image()), `wix:image://v1/${IMG_ID}/hero.png#originWidth=640&originHeight=480`);
    assert.equal(wixUri(image('my photo #1 (ü).png', 10, 20)),
      `wix:image://v1/${IMG_ID}/my%20photo%20%231%20(%C3%BC).png#originWidth=10&originHeight=20`);
  });

  it('has no image URI before the size is known (still processing)', () => {
    assert.equal(wixUri(image('hero.png', 0, 0)), undefined);
    assert.equal(wixUri({ ...image(), media: null }), undefined);
  });

  it('builds video URIs from the second poster when there are two, else the first', () => {
    assert.equal(wixUri(video(2)),
      `wix:video://v1/${VID_ID}/demo.mp4#posterUri=${VID_ID}f001.jpg&posterWidth=320&posterHeight=240`);
    assert.equal(wixUri(video(1)),
      `wix:video://v1/${VID_ID}/demo.mp4#posterUri=${VID_ID}f000.jpg&posterWidth=1920&posterHeight=1080`);
    assert.equal(wixUri(video(0)), `wix:video://v1/${VID_ID}/demo.mp4`);
  });

  it('takes the poster id from its URL when it has no id', () => {
    const d = video(1);
    d.media!.video!.posters![0].id = '';
    assert.equal(wixUri(d), `wix:video://v1/${VID_ID}/demo.mp4#posterUri=${VID_ID}f000.jpg&posterWidth=1920&posterHeight=1080`);
  });

  it('builds audio, document and vector URIs', () => {
    assert.equal(wixUri(audio(230)), `wix:audio://v1/${AUD_ID}/track.mp3#duration=230`);
    assert.equal(wixUri(audio(undefined)), `wix:audio://v1/${AUD_ID}/track.mp3#duration=0`);
    assert.equal(wixUri(doc()), `wix:document://v1/${DOC_ID}/Spec.pdf`);
    assert.equal(wixUri(doc('Q3 report & notes.pdf')), `wix:document://v1/${DOC_ID}/Q3%20report%20%26%20notes.pdf`);
    assert.equal(wixUri(vector()), `wix:vector://v1/${SVG_ID}/logo.svg`);
  });

  it('has no URI for archives', () => {
    assert.equal(wixUri(archive()), undefined);
  });
});

describe('reference: default templates', () => {
  const markdownLike = ['markdown', 'mdx'];
  const htmlLike = ['html', 'vue', 'svelte', 'astro', 'php', 'handlebars', 'razor', 'erb'];
  const cssLike = ['css', 'scss', 'less', 'sass', 'stylus'];
  const jsLike = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'json', 'jsonc'];
  const plain = ['plaintext', 'python', 'yaml', 'unknown-language'];

  for (const lang of markdownLike) {
    it(`${lang}: image, video, audio, document, other`, () => {
      assert.equal(formatReference(image(), { languageId: lang }), `![hero](${IMG_URL})`);
      assert.equal(formatReference(video(), { languageId: lang }), `<video src="${VID_URL}" controls></video>`);
      assert.equal(formatReference(audio(1), { languageId: lang }), `<audio src="${AUD_URL}" controls></audio>`);
      assert.equal(formatReference(doc(), { languageId: lang }), `[Spec.pdf](${DOC_URL})`);
      assert.equal(formatReference(archive(), { languageId: lang }), `[bundle.zip](${ZIP_URL})`);
      assert.equal(formatReference(vector(), { languageId: lang }), `![logo](https://static.wixstatic.com/shapes/${SVG_ID})`);
    });
  }

  for (const lang of htmlLike) {
    it(`${lang}: image, video, audio, document, other`, () => {
      assert.equal(formatReference(image(), { languageId: lang }), `<img src="${IMG_URL}" alt="hero" width="640" height="480">`);
      assert.equal(formatReference(video(), { languageId: lang }), `<video src="${VID_URL}" controls></video>`);
      assert.equal(formatReference(audio(1), { languageId: lang }), `<audio src="${AUD_URL}" controls></audio>`);
      assert.equal(formatReference(doc(), { languageId: lang }), `<a href="${DOC_URL}">Spec.pdf</a>`);
      assert.equal(formatReference(archive(), { languageId: lang }), `<a href="${ZIP_URL}">bundle.zip</a>`);
    });
  }

  it('html: no width/height attributes when the size is unknown', () => {
    assert.equal(formatReference(image('hero.png', 0, 0), { languageId: 'html' }), `<img src="${IMG_URL}" alt="hero">`);
  });

  for (const lang of cssLike) {
    it(`${lang}: url("…") for every kind`, () => {
      for (const d of [image(), video(), audio(1), doc(), archive()]) {
        assert.equal(formatReference(d, { languageId: lang }), `url("${d.url}")`);
      }
    });
  }

  for (const lang of jsLike) {
    it(`${lang}: a double-quoted string literal for every kind`, () => {
      for (const d of [image(), video(), audio(1), doc(), archive()]) {
        const ref = formatReference(d, { languageId: lang });
        assert.equal(ref, `"${d.url}"`);
        assert.equal(JSON.parse(ref), d.url);
      }
    });
  }

  for (const lang of plain) {
    it(`${lang}: the bare URL for every kind`, () => {
      for (const d of [image(), video(), audio(1), doc(), archive()]) {
        assert.equal(formatReference(d, { languageId: lang }), d.url);
      }
    });
  }

  it('style wixUri puts the wix: URI where the file has one, else the URL (Velo)', () => {
    assert.equal(formatReference(image(), { languageId: 'javascript', style: 'wixUri' }),
      `"wix:image://v1/${IMG_ID}/hero.png#originWidth=640&originHeight=480"`);
    assert.equal(formatReference(image(), { languageId: 'plaintext', style: 'wixUri' }), wixUri(image()));
    assert.equal(formatReference(archive(), { languageId: 'plaintext', style: 'wixUri' }), ZIP_URL);
    assert.equal(formatReference(image('hero.png', 0, 0), { languageId: 'plaintext', style: 'wixUri' }), IMG_URL);
    // In HTML the & of the fragment becomes &amp; in the attribute.
    assert.equal(formatReference(image(), { languageId: 'html', style: 'wixUri' }),
      `<img src="wix:image://v1/${IMG_ID}/hero.png#originWidth=640&amp;originHeight=480" alt="hero" width="640" height="480">`);
  });

  it('name and alt options override the descriptor', () => {
    assert.equal(formatReference(image(), { languageId: 'markdown', alt: 'A hero' }), `![A hero](${IMG_URL})`);
    assert.equal(formatReference(doc(), { languageId: 'markdown', name: 'The spec' }), `[The spec](${DOC_URL})`);
    assert.equal(formatReference(image(), { languageId: 'markdown', name: 'banner.jpg' }), `![banner](${IMG_URL})`);
  });

  it('uses the image altText when Wix has one', () => {
    const d = image();
    d.media!.image!.image.altText = 'Sunset';
    assert.equal(formatReference(d, { languageId: 'markdown' }), `![Sunset](${IMG_URL})`);
  });

  it('maps language ids to families', () => {
    assert.equal(languageFamily('markdown'), 'markdown');
    assert.equal(languageFamily('vue'), 'html');
    assert.equal(languageFamily('scss'), 'css');
    assert.equal(languageFamily('jsonc'), 'js');
    assert.equal(languageFamily('go'), 'plain');
  });

  it('strips one extension, and not a leading dot', () => {
    assert.equal(stripExtension('hero.png'), 'hero');
    assert.equal(stripExtension('archive.tar.gz'), 'archive.tar');
    assert.equal(stripExtension('.env'), '.env');
    assert.equal(stripExtension('README'), 'README');
  });
});

describe('reference: user templates', () => {
  it('a language template overrides the default for that kind only', () => {
    const templates = { markdown: { image: '![${alt}](${url} "${name}")' } };
    assert.equal(formatReference(image(), { languageId: 'markdown', templates }), `![hero](${IMG_URL} "hero.png")`);
    assert.equal(formatReference(doc(), { languageId: 'markdown', templates }), `[Spec.pdf](${DOC_URL})`);
  });

  it("the '*' template applies to languages without their own", () => {
    const templates = { '*': { image: '{{${id}|${width}x${height}|${mimeType}|${mediaType}}}' }, markdown: { image: 'md:${url}' } };
    assert.equal(formatReference(image(), { languageId: 'plaintext', templates }), `{{${IMG_ID}|640x480|image/png|IMAGE}}`);
    assert.equal(formatReference(image(), { languageId: 'markdown', templates }), `md:${IMG_URL}`);
    assert.equal(formatReference(video(), { languageId: 'plaintext', templates }), VID_URL);
  });

  it('offers ${wixUri} beside ${url}, and video size from the largest rendition', () => {
    const templates = { '*': { video: '${wixUri} ${width}x${height}' } };
    assert.equal(formatReference(video(1), { languageId: 'yaml', templates }),
      `wix:video://v1/${VID_ID}/demo.mp4#posterUri=${VID_ID}f000.jpg&posterWidth=1920&posterHeight=1080 1280x720`);
  });

  it('leaves unknown placeholders as written and reports them', () => {
    assert.equal(formatReference(image(), { languageId: 'plaintext', templates: { '*': { image: '${url} ${size}' } } }),
      `${IMG_URL} \${size}`);
    assert.deepEqual(templateProblems('${url}'), []);
    assert.equal(templateProblems('${url} ${size}').length, 1);
    assert.match(templateProblems('${size}')[0], /\$\{size\}/);
  });

  it('escapes user template values by their context', () => {
    const templates = {
      typescript: { image: "import img from '${url}'; const n = '${name}';" },
      html: { image: '<figure><img src="${url}"><figcaption>${name}</figcaption></figure>' },
      css: { image: "background: url('${url}') /* ${name} */" },
    };
    const d = image(`it's <b>&"x".png`);
    assert.equal(formatReference(d, { languageId: 'typescript', templates }),
      `import img from '${IMG_URL}'; const n = 'it\\u0027s <b>&\\"x\\".png';`);
    assert.equal(formatReference(d, { languageId: 'html', templates }),
      `<figure><img src="${IMG_URL}"><figcaption>it's &lt;b&gt;&amp;"x".png</figcaption></figure>`);
    assert.equal(formatReference(d, { languageId: 'css', templates }),
      `background: url('${IMG_URL}') /* it\\'s <b>&\\"x\\".png */`);
  });
});

describe('reference: escaping awkward names', () => {
  const nasty = 'my [draft] `v2` *final* (1) #3 ?x 100% ü.png';

  it('markdown: brackets, backticks and * in alt/name are backslash-escaped', () => {
    assert.equal(formatReference(image(nasty), { languageId: 'markdown' }),
      `![my \\[draft\\] \\\`v2\\\` \\*final\\* (1) #3 ?x 100% ü](${IMG_URL})`);
    assert.equal(formatReference(doc('a]b[c.pdf'), { languageId: 'markdown' }), `[a\\]b\\[c.pdf](${DOC_URL})`);
  });

  it('markdown: a URL with spaces or parentheses is wrapped in <…>', () => {
    const d = image('diagram (1).png');
    assert.equal(formatReference(d, { languageId: 'markdown', style: 'wixUri' }),
      `![diagram (1)](<wix:image://v1/${IMG_ID}/diagram%20(1).png#originWidth=640&originHeight=480>)`);
    const spaced = { ...doc(), url: 'https://example.test/a b.pdf' };
    assert.equal(formatReference(spaced, { languageId: 'markdown' }), '[Spec.pdf](<https://example.test/a b.pdf>)');
    const angled = { ...doc(), url: 'https://example.test/a b<c>.pdf' };
    assert.equal(formatReference(angled, { languageId: 'markdown' }), '[Spec.pdf](<https://example.test/a b%3Cc%3E.pdf>)');
  });

  it('markdown: an entity-like & and line breaks in names do not change the text', () => {
    assert.equal(formatReference(doc('a&copy;b\nc.pdf'), { languageId: 'markdown' }), `[a\\&copy;b c.pdf](${DOC_URL})`);
    assert.equal(formatReference(doc('Tom & Jerry.pdf'), { languageId: 'markdown' }), `[Tom & Jerry.pdf](${DOC_URL})`);
  });

  it('markdown: HTML tags in markdown get attribute escaping, not <…> wrapping', () => {
    const d = { ...video(), url: 'https://example.test/a b".mp4' };
    assert.equal(formatReference(d, { languageId: 'markdown' }), '<video src="https://example.test/a b&quot;.mp4" controls></video>');
  });

  it('html: attribute and text escaping', () => {
    assert.equal(formatReference(image('"><script>.png'), { languageId: 'html' }),
      `<img src="${IMG_URL}" alt="&quot;&gt;&lt;script&gt;" width="640" height="480">`);
    assert.equal(formatReference(doc('R&D <notes>.pdf'), { languageId: 'html' }), `<a href="${DOC_URL}">R&amp;D &lt;notes&gt;.pdf</a>`);
  });

  it('js/json: the result parses back to the URL, whatever it holds', () => {
    const url = 'https://example.test/it\'s "q" `t` ${x} \\ ü.png';
    const ref = formatReference({ ...doc(), url }, { languageId: 'json' });
    assert.equal(JSON.parse(ref), url);
    // and it is a valid JS expression too
    assert.equal(new Function(`return ${ref};`)(), url);
  });

  it('css: quotes and backslashes in a URL are escaped', () => {
    const url = 'https://example.test/a"b\\c.png';
    assert.equal(formatReference({ ...doc(), url }, { languageId: 'css' }), 'url("https://example.test/a\\"b\\\\c.png")');
  });

  it('plain text: the value as it is', () => {
    assert.equal(formatReference({ ...doc(), url: 'https://example.test/a b.pdf' }, { languageId: 'plaintext' }), 'https://example.test/a b.pdf');
  });
});

// Renders the output with real parsers (markdown-it, cheerio: present through @vscode/vsce) and checks that the
// name and URL come back unchanged: the strongest check that escaping produced valid markup.
describe('reference: output parses back', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  let md: { render(s: string): string } | undefined;
  let cheerio: { load(html: string): any } | undefined;
  before(function () {
    try {
      const MarkdownIt = require('markdown-it');
      md = new MarkdownIt({ html: true });
      cheerio = require('cheerio');
    } catch {
      this.skip(); // parsers absent (they come with @vscode/vsce); the string-level tests above still run
    }
  });

  const names = [
    'hero.png', 'my photo.png', 'a [b] c.png', 'x](y).png', 'q?a=1&b=2#frag.png', '100% ü 漢字.png',
    'back\\slash `tick` *star*.png', '"quoted" \'single\'.png', '<b>bold</b>.png', 'a&amp;b.png',
  ];

  for (const name of names) {
    it(`markdown image named ${JSON.stringify(name)}`, () => {
      for (const style of ['url', 'wixUri'] as const) {
        const d = image(name);
        const ref = formatReference(d, { languageId: 'markdown', style });
        const html = md!.render(ref);
        const img = cheerio!.load(html)('img');
        assert.equal(img.length, 1, html);
        const expected = style === 'url' ? IMG_URL : wixUri(d)!;
        // markdown-it percent-encodes what a URL may not hold; decoding gives back the original.
        assert.equal(decodeURI(img.attr('src')), decodeURI(expected), html);
        // markdown-it's renderer drops escaped characters from alt (its text_special tokens), so read the alt
        // from the parsed tokens, which hold what CommonMark says the alt is.
        const tokens = (md as any).parseInline(ref, {})[0].children;
        const imgToken = tokens.find((t: any) => t.type === 'image');
        assert.equal(imgToken.children.map((c: any) => c.content).join(''), stripExtension(name), ref);
      }
    });

    it(`markdown link and html tags named ${JSON.stringify(name)}`, () => {
      const d = doc(name.replace(/png$/, 'pdf'));
      const linkHtml = md!.render(formatReference(d, { languageId: 'markdown' }));
      const a = cheerio!.load(linkHtml)('a');
      assert.equal(a.length, 1, linkHtml);
      assert.equal(a.text(), d.displayName, linkHtml);
      assert.equal(a.attr('href'), DOC_URL);

      const $ = cheerio!.load(formatReference(image(name), { languageId: 'html' }) + formatReference(d, { languageId: 'html' }));
      assert.equal($('img').attr('alt'), stripExtension(name));
      assert.equal($('img').attr('width'), '640');
      assert.equal($('a').text(), d.displayName);
    });
  }
});
