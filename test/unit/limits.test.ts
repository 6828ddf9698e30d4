// package.json repeats some of Wix's limits (as maxLength/maxItems, so the Settings editor checks them as one types):
// they must agree with src/wix/limits.ts, the one source the code uses.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_BASE_URL, DEFAULT_RESUMABLE_THRESHOLD_MB, LIMITS } from '../../src/wix/limits';

interface Setting { default?: unknown; maxLength?: number; maxItems?: number; items?: { maxLength?: number } }

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Setting> } | Array<{ properties: Record<string, Setting> }> };
};
const sections = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
const settings: Record<string, Setting> = Object.assign({}, ...sections.map(s => s.properties));

describe('limits: package.json agrees with src/wix/limits.ts', () => {
  it('wixMedia.defaultFolder is at most the filePath limit', () => {
    assert.equal(settings['wixMedia.defaultFolder'].maxLength, LIMITS.filePath);
  });

  it('wixMedia.defaultLabels: as many labels, each as long, as Wix takes', () => {
    assert.equal(settings['wixMedia.defaultLabels'].maxItems, LIMITS.labels);
    assert.equal(settings['wixMedia.defaultLabels'].items?.maxLength, LIMITS.label);
  });

  it('the defaults of wixAPI.baseURL and resumableThresholdMB', () => {
    assert.equal(settings['wixMedia.wixAPI.baseURL'].default, DEFAULT_BASE_URL);
    assert.equal(settings['wixMedia.resumableThresholdMB'].default, DEFAULT_RESUMABLE_THRESHOLD_MB);
  });
});

// VS Code 1.100's Settings editor titles a setting from its key (settingKeyToDisplayFormat in
// src/vs/workbench/contrib/preferences/browser/settingsTreeModels.ts): camelCase split, first letter upper,
// and only these words upper-cased. A key such as `apiBaseUrl` reads "Api Base Url".
const UPPER_WORDS = new Set(['css', 'html', 'scss', 'less', 'json', 'js', 'ts', 'ie', 'id', 'php', 'scm']);
function wordify(key: string): string {
  return key.replace(/\.([a-z0-9])/g, (_m, c: string) => ` › ${c.toUpperCase()}`)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^[a-z]/g, c => c.toUpperCase())
    .replace(/\b\w+\b/g, w => (UPPER_WORDS.has(w.toLowerCase()) ? w.toUpperCase() : w));
}

describe('settings titles read as words (issue 9 §5)', () => {
  it('no current setting is titled "Api", "Url", "Mb" or "Id" (deprecated old names are hidden unless set)', () => {
    const titles = Object.entries(settings as Record<string, Setting & { markdownDeprecationMessage?: string; deprecationMessage?: string }>)
      .filter(([, s]) => !s.markdownDeprecationMessage && !s.deprecationMessage)
      .map(([key]) => {
        const dot = key.lastIndexOf('.');
        return `${wordify(key.slice(0, dot))}: ${wordify(key.slice(dot + 1))}`;
      });
    assert.ok(titles.includes('Wix Media › Wix API: Base URL'), titles.join('\n'));
    assert.ok(titles.includes('Wix Media › Wix API: Rate Limit'), titles.join('\n'));
    const bad = titles.filter(t => /\b(Api|Url|Mb|Id|Uri)\b/.test(t));
    assert.deepEqual(bad, []);
  });
});
