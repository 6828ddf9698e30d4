// Which URL, size, name and kind a reference uses when Wix's descriptor is partial: no top-level url yet, media
// not filled in, several video renditions, names only on the media object. Judged by the inserted text.
import * as assert from 'node:assert/strict';
import type { FileDescriptor, FileMedia } from '../../src/wix/types';
import { formatReference, mediaKindOf, wixUri } from '../../src/upload/reference';
import { defaultTemplate, languageFamily, renderTemplate, templateProblems } from '../../src/upload/templates';

const ID = 'a1b2c3_0123456789abcdef0123456789abcdef';
const M = 'https://static.wixstatic.com/media/from-media';

function desc(mediaType: string, media: FileMedia | null, extra: Partial<FileDescriptor> = {}): FileDescriptor {
  return {
    id: ID, displayName: 'shown.bin', url: '', sizeInBytes: '10', private: false,
    mediaType: mediaType as FileDescriptor['mediaType'], operationStatus: 'READY', media, ...extra,
  } as FileDescriptor;
}
const img = (over: Record<string, unknown> = {}) => ({ id: 'i', url: `${M}/img.png`, width: 640, height: 480, ...over });
/** The reference in a language without a family: the bare ${url}. */
const urlOf = (d: FileDescriptor) => formatReference(d, { languageId: 'plaintext' });
const tpl = (d: FileDescriptor, t: string) => formatReference(d, { languageId: 'yaml', templates: { '*': { image: t, video: t, audio: t, document: t, other: t } } });

describe('reference: the URL used when the descriptor has no top-level url', () => {
  it('takes the URL from the media object, for every kind', () => {
    assert.equal(urlOf(desc('IMAGE', { image: { image: img() } })), `${M}/img.png`);
    assert.equal(urlOf(desc('VECTOR', { vector: { image: img({ url: `${M}/logo.svg` }) } })), `${M}/logo.svg`);
    assert.equal(urlOf(desc('VIDEO', { video: { id: 'v', url: `${M}/v.mp4`, resolutions: [] } })), `${M}/v.mp4`);
    assert.equal(urlOf(desc('VIDEO', { video: { id: 'v', resolutions: [{ url: `${M}/480.mp4`, width: 854, height: 480, format: '480p' }] } })), `${M}/480.mp4`);
    assert.equal(urlOf(desc('AUDIO', { audio: { id: 'a', assets: [{ id: 'a', url: `${M}/a.mp3` }] } })), `${M}/a.mp3`);
    assert.equal(urlOf(desc('DOCUMENT', { document: { id: 'd', url: `${M}/d.pdf` } })), `${M}/d.pdf`);
    assert.equal(urlOf(desc('ARCHIVE', { archive: { id: 'z', url: `${M}/z.zip` } })), `${M}/z.zip`);
    assert.equal(urlOf(desc('MODEL3D', { model3d: { id: 'g', url: `${M}/m.glb` } })), `${M}/m.glb`);
  });

  it('prefers the top-level url, and is empty when nothing carries one', () => {
    assert.equal(urlOf(desc('IMAGE', { image: { image: img() } }, { url: 'https://static.wixstatic.com/media/top.png' })),
      'https://static.wixstatic.com/media/top.png');
    assert.equal(urlOf(desc('OTHER', null)), '');
    assert.equal(urlOf(desc('OTHER', {})), '');
  });

  it('media objects that are present but still empty (processing): no URL, no crash', () => {
    for (const media of [{ image: {} }, { vector: {} }, { video: { id: 'v', resolutions: [] } }, { audio: { id: 'a' } }, { audio: { id: 'a', assets: [] } }]) {
      const d = desc('OTHER', media as never);
      assert.equal(urlOf(d), '', JSON.stringify(media));
      assert.equal(formatReference({ ...d, mediaType: 'IMAGE' }, { languageId: 'markdown' }), '![shown]()', JSON.stringify(media));
    }
  });
});

describe('reference: sizes and names from partial media', () => {
  const res = (width: number | null, height: number | null) => ({ url: `${M}/${width}.mp4`, width, height, format: 'mp4' }) as never;
  const video = (resolutions: unknown[]) => desc('VIDEO', { video: { id: 'v', resolutions: resolutions as never } });

  it('a video is sized by its largest rendition, wherever it is listed', () => {
    assert.equal(tpl(video([res(1920, 1080), res(854, 480), res(1280, 720)]), '${width}x${height}'), '1920x1080');
    assert.equal(tpl(video([res(854, 480), res(1920, 1080), res(1280, 720)]), '${width}x${height}'), '1920x1080');
    // Of two renditions with the same pixel count, the first listed is used.
    assert.equal(tpl(video([res(1280, 720), res(720, 1280)]), '${width}x${height}'), '1280x720');
  });

  it('renditions without a usable width and height are skipped', () => {
    assert.equal(tpl(video([res(3840, undefined as never), res(1280, 720)]), '${width}x${height}'), '1280x720');
    assert.equal(tpl(video([res(undefined as never, 2160), res(1280, 720)]), '${width}x${height}'), '1280x720');
    assert.equal(tpl(video([res(0, 0)]), '[${width}x${height}]'), '[x]');
    assert.equal(tpl(desc('VIDEO', { video: { id: 'v' } as never }), '[${width}x${height}]'), '[x]', 'no renditions listed');
  });

  it('an html image without a known size gets no width/height attributes', () => {
    const d = desc('IMAGE', { image: { image: img({ width: 0, height: 0 }) } }, { url: `${M}/p.png` });
    assert.equal(formatReference(d, { languageId: 'html' }), `<img src="${M}/p.png" alt="shown">`);
    assert.match(defaultTemplate('html', 'image'), /width="\$\{width\}"/, 'sized unless told otherwise');
  });

  it('the wix: URI takes the name from the media object, else the image alt text, else the display name', () => {
    assert.equal(wixUri(desc('IMAGE', { image: { image: img({ filename: 'hero.png', altText: 'Sun' }) } })),
      `wix:image://v1/${ID}/hero.png#originWidth=640&originHeight=480`);
    assert.equal(wixUri(desc('IMAGE', { image: { image: img({ filename: '', altText: 'Sun' }) } })),
      `wix:image://v1/${ID}/Sun#originWidth=640&originHeight=480`);
    assert.equal(wixUri(desc('IMAGE', { image: { image: img({ filename: '', altText: '' }) } })),
      `wix:image://v1/${ID}/shown.bin#originWidth=640&originHeight=480`);
    assert.equal(wixUri(desc('IMAGE', { image: { image: img() } }, { displayName: '' })),
      `wix:image://v1/${ID}#originWidth=640&originHeight=480`, 'no name: no name segment');
    assert.equal(wixUri(desc('VIDEO', null, { displayName: '' })), `wix:video://v1/${ID}`);
    assert.equal(wixUri(desc('VIDEO', { video: { id: 'v', filename: 'clip.mp4', resolutions: [] } })), `wix:video://v1/${ID}/clip.mp4`);
  });

  it('wix: URIs while the media is not filled in yet: the display name, no crash', () => {
    assert.equal(wixUri(desc('IMAGE', {})), undefined);
    assert.equal(wixUri(desc('VIDEO', null)), `wix:video://v1/${ID}/shown.bin`);
    assert.equal(wixUri(desc('VIDEO', { video: { id: 'v', resolutions: [] } })), `wix:video://v1/${ID}/shown.bin`);
    assert.equal(wixUri(desc('AUDIO', null)), `wix:audio://v1/${ID}/shown.bin#duration=0`);
    assert.equal(wixUri(desc('AUDIO', { audio: { id: 'a' } as never })), `wix:audio://v1/${ID}/shown.bin#duration=0`);
    assert.equal(wixUri(desc('AUDIO', { audio: { id: 'a', assets: [] } })), `wix:audio://v1/${ID}/shown.bin#duration=0`);
    assert.equal(wixUri(desc('DOCUMENT', null)), `wix:document://v1/${ID}/shown.bin`);
    assert.equal(wixUri(desc('VECTOR', null)), `wix:vector://v1/${ID}/shown.bin`);
    assert.equal(wixUri(desc('VECTOR', { vector: {} as never })), `wix:vector://v1/${ID}/shown.bin`);
    assert.equal(wixUri(desc('MODEL3D', null)), undefined);
    for (const t of ['IMAGE', 'VIDEO', 'AUDIO', 'DOCUMENT', 'VECTOR', 'OTHER']) {
      assert.doesNotThrow(() => formatReference(desc(t, null), { languageId: 'markdown' }), t);
      assert.doesNotThrow(() => formatReference(desc(t, {}), { languageId: 'html' }), t);
    }
  });

  it('a video poster without an id is named from its URL path; with neither, the posterUri is empty', () => {
    const poster = (over: Record<string, unknown>) => desc('VIDEO', { video: { id: 'v', resolutions: [], posters: [img(over)] } });
    assert.equal(wixUri(poster({ id: 'p-id.jpg' })), `wix:video://v1/${ID}/shown.bin#posterUri=p-id.jpg&posterWidth=640&posterHeight=480`);
    assert.equal(wixUri(poster({ id: '', url: `${M}/f0.jpg?x=1` })), `wix:video://v1/${ID}/shown.bin#posterUri=f0.jpg&posterWidth=640&posterHeight=480`);
    assert.equal(wixUri(poster({ id: '', url: undefined })), `wix:video://v1/${ID}/shown.bin#posterUri=&posterWidth=640&posterHeight=480`);
  });

  it('${wixUri}, ${width}, ${height}, ${name} and ${mimeType} are empty when the file has none', () => {
    const zip = desc('ARCHIVE', { archive: { id: 'z', url: `${M}/z.zip` } }, { displayName: undefined as never, id: 'noext' });
    assert.equal(tpl(zip, '[${wixUri}|${width}|${height}|${name}|${mimeType}]'), '[||||]');
  });

  it('${mimeType} comes from the name, else from the file id', () => {
    assert.equal(tpl(desc('IMAGE', null, { displayName: 'photo', id: `${ID}~mv2.png` }), '${mimeType}'), 'image/png');
    assert.equal(tpl(desc('IMAGE', null, { displayName: 'photo.jpg', id: `${ID}~mv2.png` }), '${mimeType}'), 'image/jpeg');
  });

  it('the alt text comes from a vector\'s own alt text too', () => {
    const d = desc('VECTOR', { vector: { image: img({ altText: 'Company logo' }) } }, { url: `${M}/l.svg` });
    assert.equal(formatReference(d, { languageId: 'markdown' }), `![Company logo](${M}/l.svg)`);
  });
});

describe('reference: the kind of a file', () => {
  it('each media type maps to its kind, even before the media is filled in', () => {
    for (const [t, k] of [['IMAGE', 'image'], ['VECTOR', 'image'], ['VIDEO', 'video'], ['AUDIO', 'audio'], ['DOCUMENT', 'document'], ['ARCHIVE', 'other']]) {
      assert.equal(mediaKindOf(desc(t, null)), k, t);
    }
  });

  it('an unsettled media type is judged by the media the descriptor carries', () => {
    assert.equal(mediaKindOf(desc('UNKNOWN', { vector: { image: img() } })), 'image');
    assert.equal(mediaKindOf(desc('UNKNOWN', { video: { id: 'v', resolutions: [] } })), 'video');
    assert.equal(mediaKindOf(desc('UNKNOWN', { audio: { id: 'a', assets: [] } })), 'audio');
    assert.equal(mediaKindOf(desc('UNKNOWN', { document: { id: 'd', url: 'u' } })), 'document');
    assert.equal(mediaKindOf(desc('UNKNOWN', { archive: { id: 'z', url: 'u' } })), 'other');
    assert.equal(mediaKindOf(desc('UNKNOWN', null)), 'other');
  });
});

describe('reference templates: settings as users write them', () => {
  it('a template that is not a string (a typo in settings.json) is ignored for the built-in one', () => {
    const d = desc('IMAGE', { image: { image: img() } }, { url: `${M}/p.png`, displayName: 'p.png' });
    const templates = { '*': { image: 42 as never }, markdown: { image: ['x'] as never } };
    assert.equal(formatReference(d, { languageId: 'markdown', templates }), `![p](${M}/p.png)`);
    assert.equal(formatReference(d, { languageId: 'go', templates }), `${M}/p.png`);
  });

  it('an unknown placeholder does not change how the values after it are escaped', () => {
    assert.equal(renderTemplate('<img data-x="${bogus}" alt="${name}">', { name: 'say "hi"' }, 'html'),
      '<img data-x="${bogus}" alt="say &quot;hi&quot;">');
    assert.equal(renderTemplate('a${width}b', {}, 'plain'), 'ab', 'a known placeholder without a value is empty');
  });

  it('the settings problem for an unknown placeholder lists the known ones', () => {
    const [p] = templateProblems('${size}');
    assert.ok(p.includes('${url}, ${wixUri}, ${id}, ${name}, ${width}, ${height}, ${mimeType}, ${mediaType}, ${alt}'), p);
  });

  it('every language id the defaults know gets its family', () => {
    const families: Record<string, string[]> = {
      markdown: ['markdown', 'mdx', 'quarto', 'rmd', 'rmarkdown'],
      html: ['html', 'xhtml', 'vue', 'vue-html', 'svelte', 'astro', 'php', 'handlebars', 'razor', 'aspnetcorerazor', 'erb',
        'django-html', 'jinja', 'jinja-html', 'twig', 'liquid', 'nunjucks', 'blade', 'ejs', 'edge'],
      css: ['css', 'scss', 'less', 'sass', 'stylus', 'postcss'],
      js: ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'json', 'jsonc', 'json5'],
    };
    for (const [family, ids] of Object.entries(families)) for (const id of ids) assert.equal(languageFamily(id), family, id);
    assert.equal(languageFamily(''), 'plain');
  });
});
