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

  it('the defaults of apiBaseUrl and resumableThresholdMB', () => {
    assert.equal(settings['wixMedia.apiBaseUrl'].default, DEFAULT_BASE_URL);
    assert.equal(settings['wixMedia.resumableThresholdMB'].default, DEFAULT_RESUMABLE_THRESHOLD_MB);
  });
});
