'use strict';
// The "Connect your Wix site" walkthrough in the real workbench, done as a person does on a first run: open it
// from the palette, click each step's button, answer the prompts, and see each step's checkmark appear (the
// workbench's own record of completionEvents; no extension API can read it). The user settings start with no
// site, as on a first run; the emulator stands in for Wix.
const fs = require('fs');

const STEP = id => `.getting-started-step[data-step-id="wix-media-tools.wix-media-vscode#connect#${id}"]`;
const FOLDER_TITLE = 'Upload to Wix Media: folder';
const LABELS_TITLE = 'Upload to Wix Media: labels';

module.exports = async function scenarios(kit, { assert, page, emu, userSettingsFile }) {
  const done = async id => (await page.locator(STEP(id)).getAttribute('aria-checked')) === 'true';
  const waitDone = (id, ms = 15000) => kit.waitUntil(`step ${id} ticked off`, () => done(id), ms);
  /** Expands a step (a click on its title, as a person does) and clicks one of its buttons. */
  const clickStepButton = async (id, label) => {
    const step = page.locator(STEP(id));
    if ((await step.getAttribute('aria-expanded')) !== 'true') await step.locator('.step-title').click();
    const button = step.locator('.button-container .monaco-button', { hasText: label }).first();
    await button.waitFor({ state: 'visible', timeout: 10000 });
    await kit.shot(`step ${id}: ${label}`);
    await button.click();
  };

  await kit.test('walkthrough: open it from the palette; no step is done on a first run', async () => {
    // A first run: no site selected yet. Cleared in the Settings editor, so the workbench itself writes the file
    // (and its configuration is current when the extension reads it).
    const site = await kit.searchSettings('@id:wixMedia.siteId', 'Site ID');
    await site.locator('input').fill('');
    await kit.waitUntil('no site in the user settings file', () => !/"wixMedia\.siteId"/.test(fs.readFileSync(userSettingsFile, 'utf8')), 15000);
    await kit.settingApplied(site, false);                      // the extension sees no site
    await page.keyboard.press('Control+W');                     // close the Settings editor
    await kit.palette('Welcome: Open Walkthrough...');
    await kit.quickPick('Connect your Wix site');
    await page.locator(STEP('apiKey')).waitFor({ state: 'visible', timeout: 15000 });
    await kit.shot('walkthrough open');
    for (const id of ['apiKey', 'selectSite', 'firstUpload', 'pasteDefault']) assert.strictEqual(await done(id), false, id);
  });

  await kit.test("walkthrough steps 1 and 2: Set API Key, paste the site's dashboard URL when asked; both tick off", async () => {
    await clickStepButton('apiKey', 'Set API Key');
    await kit.inputBox(emu.apiKey, { password: true, title: 'Wix Media: API key' });
    // No site yet: Set API Key asks for it in Select Site's picker; the dashboard URL pasted into its box.
    await kit.quickPick('Paste the dashboard URL or site ID…', { title: 'Wix Media: Select Site' });
    await kit.inputBox(`https://manage.wix.com/dashboard/${emu.siteId}/home`, { title: 'Wix Media: site' });
    await kit.notification(/The API key works for site/, { timeout: 30000 });
    await waitDone('apiKey');
    await waitDone('selectSite');
    await kit.shot('steps 1 and 2 done');
    assert.strictEqual(JSON.parse(fs.readFileSync(userSettingsFile, 'utf8'))['wixMedia.siteId'], emu.siteId);
  });

  await kit.test('walkthrough step 3: Upload the Sample Image; it arrives and the step ticks off', async () => {
    const before = (await kit.emuState()).files.length;
    await clickStepButton('firstUpload', 'Upload the Sample Image');
    await kit.quickPick('Upload here', { title: FOLDER_TITLE });
    await kit.inputBox('walkthrough', { title: LABELS_TITLE });
    const st = await kit.waitUntil('the sample at the emulator', async () => {
      const s = await kit.emuState();
      return s.files.length > before ? s : false;
    }, 30000);
    const f = st.files[st.files.length - 1];
    assert.strictEqual(f.fileName, 'sample.png');
    assert.deepStrictEqual(f.labels, ['walkthrough']);
    await waitDone('firstUpload', 30000);
    await kit.shot('step 3 done');
  });

  await kit.test("walkthrough step 4: Keep VS Code's Default; the choice is saved and the step ticks off", async () => {
    await kit.clearNotifications();
    await clickStepButton('pasteDefault', "Keep VS Code's Default");
    await waitDone('pasteDefault');
    await kit.shot('all steps done');
    // The step also ticks off on the command itself, which may be before the choice reaches settings.json.
    const saved = () => JSON.parse(fs.readFileSync(userSettingsFile, 'utf8'))['wixMedia.dropAndPaste.preferUpload'];
    await kit.waitUntil('the choice in the user settings file', () => saved() === false, 15000).catch(() => { });
    assert.strictEqual(saved(), false);
  });
};
