// Keys in the wrong place: a key typed into settings.json gets a warning that offers to move it into the
// secret storage; a demo key from the environment is stored only when it would go to this machine.
import * as vscode from 'vscode';
import { registerSecret } from '../wix/redact';
import { effectiveApiBaseUrl, isLoopbackUrl, removeStrayKey, strayKeyLocations } from './config';
import type { Services } from './services';

/** Where a stray key sits, in the display language (the log keeps config.ts's English `where`). */
function placeOf(k: ReturnType<typeof strayKeyLocations>[number]): string {
  if (k.target === vscode.ConfigurationTarget.Global) return vscode.l10n.t('your user settings');
  if (k.target === vscode.ConfigurationTarget.Workspace) return vscode.l10n.t('the workspace settings');
  const folder = k.scope && vscode.workspace.getWorkspaceFolder(k.scope);
  return folder ? vscode.l10n.t('the settings of folder {0}', folder.name) : k.where;
}

/** Warns about a `wixMedia.apiKey` in any settings file; resolves with what was found (and moved). */
export async function checkStrayKey(s: Services, opts: { prompt: boolean } = { prompt: true }): Promise<{ found: number; moved: boolean }> {
  const stray = strayKeyLocations();
  if (!stray.length) return { found: 0, moved: false };
  for (const k of stray) registerSecret(k.value);
  const where = stray.map(k => k.where).join(' and ');
  s.log.warn(`A Wix API key was found in ${where} (settings.json), which is plain text. Run 'Wix Media: Set API Key' or move it to the secret storage.`);
  if (!opts.prompt) return { found: stray.length, moved: false };
  const move = vscode.l10n.t('Move to Secret Storage');
  const openSettings = vscode.l10n.t('Open Settings');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t("Wix Media: an API key is stored in {0} (settings.json), which is plain text and may be shared or committed. Move it to VS Code's secret storage?",
      stray.map(placeOf).join(', ')),
    move, openSettings);
  if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettingsJson');
    return { found: stray.length, moved: false };
  }
  if (choice !== move) return { found: stray.length, moved: false };
  return { found: stray.length, moved: await moveStrayKey(s) };
}

/** Stores the settings key in the secret storage and removes it from every settings file. */
export async function moveStrayKey(s: Services): Promise<boolean> {
  const stray = strayKeyLocations();
  if (!stray.length) return false;
  // The most specific one is the one in force.
  const key = stray[stray.length - 1].value;
  await s.keys.set(key);
  for (const k of stray) await removeStrayKey(k);
  s.log.info(`Moved the API key from ${stray.map(k => k.where).join(' and ')} to the secret storage.`);
  void vscode.window.showInformationMessage(vscode.l10n.t("Wix Media: the API key was moved to VS Code's secret storage and removed from settings."));
  return true;
}

/**
 * Demo mode (`npm run demo`): WIX_MEDIA_DEMO_API_KEY is stored when no key is, but only when the key would go
 * to this machine (a local emulator), never to a real Wix host.
 */
export async function seedDemoKey(s: Services): Promise<boolean> {
  const key = process.env.WIX_MEDIA_DEMO_API_KEY?.trim();
  if (!key) return false;
  registerSecret(key);
  const baseUrl = effectiveApiBaseUrl();
  if (!isLoopbackUrl(baseUrl)) {
    s.log.warn('WIX_MEDIA_DEMO_API_KEY is set but wixMedia.wixAPI.baseURL is not a local address; the demo key was not used.');
    return false;
  }
  if (await s.keys.has()) return false;
  await s.keys.set(key);
  s.log.info(`Demo mode: stored the API key from WIX_MEDIA_DEMO_API_KEY for ${baseUrl}.`);
  return true;
}
