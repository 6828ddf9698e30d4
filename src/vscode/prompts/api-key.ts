// The API key input: a password box. Nothing is stored here. With `check`, Enter tries the key first, and a
// refused key keeps the box open, the typed text kept and the reason shown on it, so the user can correct it.
import * as vscode from 'vscode';

export interface ApiKeyPromptOptions {
  /** Why the key could not be used; undefined when it works. Runs on Enter, with the box busy. */
  check?(key: string): Promise<string | undefined>;
}

export function apiKeyFormatProblem(v: string): string | undefined {
  return !v.trim() ? vscode.l10n.t('Paste the key.') : /\s/.test(v.trim()) ? vscode.l10n.t('An API key has no spaces or line breaks.') : undefined;
}

export function promptApiKey(opts: ApiKeyPromptOptions = {}): Promise<string | undefined> {
  const ib = vscode.window.createInputBox();
  ib.title = vscode.l10n.t('Wix Media: API key');
  ib.prompt = vscode.l10n.t('Paste an API key from the Wix API Keys Manager (manage.wix.com/account/api-keys) with the "Manage Media Manager" permission. It is kept in VS Code\'s secret storage.');
  ib.placeholder = 'IST.…';
  ib.password = true;
  ib.ignoreFocusOut = true;
  return new Promise(resolve => {
    let result: string | undefined;
    let checking = false;
    ib.onDidChangeValue(v => { if (!checking) ib.validationMessage = v ? apiKeyFormatProblem(v) : undefined; });
    ib.onDidAccept(async () => {
      if (checking) return;
      const key = ib.value.trim();
      const format = apiKeyFormatProblem(key);
      if (format) { ib.validationMessage = format; return; }
      if (opts.check) {
        checking = true;
        ib.busy = true;
        ib.enabled = false;
        ib.validationMessage = undefined;
        let problem: string | undefined;
        try {
          problem = await opts.check(key);
        } finally {
          checking = false;
          ib.busy = false;
          ib.enabled = true;
        }
        // Refused: stay open with the reason on the box and the text as typed.
        if (problem) { ib.validationMessage = problem; return; }
      }
      result = key;
      ib.hide();
    });
    ib.onDidHide(() => { ib.dispose(); resolve(result); });
    ib.show();
  });
}
