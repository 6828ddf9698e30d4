// The remedies src/wix names neutrally, in the extension's words: the command or setting that changes what is
// wrong, and a button that runs it.
import * as vscode from 'vscode';
import { COMMAND } from './command-ids';
import { describeError, remedyFor, type Remedy } from '../wix/messages';

interface RemedyUi {
  /** The sentence appended to the error's own. */
  text(): string;
  /** The notification button. */
  button(): string;
  run(): Thenable<unknown>;
}

export const SETTING_MAX_SIZE = 'wixMedia.maxFileSizeMB';

export const VSCODE_REMEDIES: Record<Remedy, RemedyUi> = {
  'set-api-key': {
    text: () => vscode.l10n.t("Run 'Wix Media: Set API Key' to paste a valid key."),
    button: () => vscode.l10n.t('Set API Key'),
    run: () => vscode.commands.executeCommand(COMMAND.setApiKey),
  },
  'select-site': {
    text: () => vscode.l10n.t("Run 'Wix Media: Select Site' to pick the site this key can reach, or 'Wix Media: Set API Key' for a key with access to it."),
    button: () => vscode.l10n.t('Select Site'),
    run: () => vscode.commands.executeCommand(COMMAND.selectSite),
  },
  'raise-size-limit': {
    text: () => vscode.l10n.t("To allow larger files, raise the setting '{0}' ({1}).", 'Max File Size MB', SETTING_MAX_SIZE),
    button: () => vscode.l10n.t('Open Settings'),
    run: () => vscode.commands.executeCommand('workbench.action.openSettings', SETTING_MAX_SIZE),
  },
};

/** An error's sentence followed by the extension's remedy, when there is one. */
export function describeForUser(err: unknown, label?: string, message?: string): string {
  const text = message ?? describeError(err, label);
  const remedy = remedyFor(err);
  return remedy ? `${text} ${VSCODE_REMEDIES[remedy].text()}` : text;
}
