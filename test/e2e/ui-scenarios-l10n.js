'use strict';
// e2e-locale: qps-ploc
// Localisation (issue 15 item 7), seen as a person sees it: the window runs in the pseudo locale (the line above
// makes run.sh start code-server with --locale qps-ploc), and the extension's own texts arrive pseudo-translated
// from l10n/bundle.l10n.qps-ploc.json and package.nls.qps-ploc.json (both made by `npm run l10n` and kept current
// by `npm run l10n:check`). VS Code itself has no qps-ploc language pack here, so its own texts stay English.
// The expected texts are read from those committed files, never typed in here.
const fs = require('fs');
const path = require('path');

module.exports = async function l10nScenarios(kit, { assert, devPath, page }) {
  const read = f => JSON.parse(fs.readFileSync(path.join(devPath, f), 'utf8'));
  const bundle = read('l10n/bundle.l10n.qps-ploc.json');
  const nls = read('package.nls.qps-ploc.json');
  const english = read('package.nls.json');
  const say = key => {
    assert.ok(bundle[key], `the pseudo bundle has no entry for ${JSON.stringify(key)}`);
    assert.notStrictEqual(bundle[key], key, `the pseudo bundle leaves ${JSON.stringify(key)} untranslated`);
    return bundle[key];
  };
  const cmd = id => `${nls['category.wixMedia']}: ${nls[`command.${id}.title`]}`;

  await kit.test('l10n: the palette lists the commands under their pseudo-translated category and titles', async () => {
    assert.notStrictEqual(cmd('showQueue'), `${english['category.wixMedia']}: ${english['command.showQueue.title']}`);
    // The contributions arrive once the extension host has scanned the extension: its Explorer view, under its
    // pseudo-translated name, says they have (the palette is typed into only then).
    await page.locator('.pane-header .title', { hasText: nls['view.wixMedia.library.name'] }).first()
      .waitFor({ state: 'visible', timeout: 60000 });
    await kit.palette(cmd('showQueue'));
    // Show Queue's empty state: its title and placeholder come from the extension's pseudo bundle.
    await kit.waitQuickInput({ title: say('Wix Media: Upload Queue'), placeholder: say('No uploads yet in this window') });
    await kit.shot('pseudo queue');
    await kit.closeQuickInput();
  });

  await kit.test('l10n: a notification of the extension arrives pseudo-translated (Clear API Key, none stored)', async () => {
    await kit.palette(cmd('clearApiKey'));
    const toast = await kit.notification(say('Wix Media: no API key was stored.'));
    assert.ok(!(await toast.innerText()).includes('no API key was stored'), 'the English text is shown');
    await kit.shot('pseudo notification');
  });

  await kit.test('l10n: a prompt and its validation message arrive pseudo-translated (Set API Key)', async () => {
    await kit.palette(cmd('setApiKey'));
    await kit.waitQuickInput({ title: say('Wix Media: API key'), password: true });
    await kit.quickInputBox.pressSequentially('two words', { delay: 5 });
    const message = page.locator('.quick-input-widget .quick-input-message');
    await kit.waitUntil('the pseudo validation message', async () =>
      (await message.innerText().catch(() => '')).includes(say('An API key has no spaces or line breaks.')));
    await kit.shot('pseudo validation');
    await kit.closeQuickInput();
  });
};
