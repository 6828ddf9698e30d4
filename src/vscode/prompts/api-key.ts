// The API key input: a password box. Nothing is stored here; the command checks the key first.
import * as vscode from 'vscode';

export async function promptApiKey(): Promise<string | undefined> {
  const key = await vscode.window.showInputBox({
    title: 'Wix Media: API key',
    prompt: 'Paste an API key from the Wix API Keys Manager (manage.wix.com/account/api-keys) with the "Manage Media Manager" permission. It is kept in VS Code\'s secret storage.',
    placeHolder: 'IST.…',
    password: true,
    ignoreFocusOut: true,
    validateInput: v => (!v.trim() ? 'Paste the key.' : /\s/.test(v.trim()) ? 'An API key has no spaces or line breaks.' : undefined),
  });
  return key?.trim() || undefined;
}
