// Step 2/2 of an upload: labels, comma-separated, validated while typing, with the recent ones a click away.
import * as vscode from 'vscode';
import { labelsProblem, parseLabels } from '../validate';

export interface LabelsPromptDeps {
  recent: readonly string[];
  initial: readonly string[];
  step: number;
  totalSteps: number;
}

const recentButton = (): vscode.QuickInputButton => ({ iconPath: new vscode.ThemeIcon('history'), tooltip: vscode.l10n.t('Pick from recent labels') });

/** The labels ([] for none), 'back' for the previous step, or undefined when the user pressed Escape. */
export async function promptLabels(deps: LabelsPromptDeps): Promise<string[] | 'back' | undefined> {
  let value = deps.initial.join(', ');
  for (;;) {
    const r = await inputOnce(deps, value);
    if (r.kind !== 'recent') return r.kind === 'done' ? r.labels : r.kind === 'back' ? 'back' : undefined;
    value = r.value;
    const chosen = parseLabels(value);
    const picked = await pickRecent(deps.recent, chosen);
    // The pick decides which recent labels are in; labels typed that are not recent stay.
    const recent = new Set(deps.recent.map(l => l.toLowerCase()));
    if (picked) value = parseLabels([...chosen.filter(l => !recent.has(l.toLowerCase())), ...picked]).join(', ');
  }
}

type InputResult =
  | { kind: 'done'; labels: string[] } | { kind: 'back' } | { kind: 'cancel' } | { kind: 'recent'; value: string };

function inputOnce(deps: LabelsPromptDeps, value: string): Promise<InputResult> {
  const ib = vscode.window.createInputBox();
  ib.title = vscode.l10n.t('Upload to Wix Media: labels');
  ib.step = deps.step;
  ib.totalSteps = deps.totalSteps;
  ib.placeholder = vscode.l10n.t('Labels, separated by commas (optional)');
  const recent = deps.recent.slice(0, 8).join(', ');
  ib.prompt = recent
    ? vscode.l10n.t('At most 50 labels, each at most 200 characters. Press Enter for none. Recent: {0}', recent)
    : vscode.l10n.t('At most 50 labels, each at most 200 characters. Press Enter for none.');
  ib.value = value;
  ib.valueSelection = [value.length, value.length];
  ib.ignoreFocusOut = true;
  ib.buttons = [...(deps.step > 1 ? [vscode.QuickInputButtons.Back] : []), ...(deps.recent.length ? [recentButton()] : [])];
  ib.validationMessage = labelsProblem(value, vscode.l10n);
  return new Promise(resolve => {
    let result: InputResult = { kind: 'cancel' };
    ib.onDidChangeValue(v => { ib.validationMessage = labelsProblem(v, vscode.l10n); });
    ib.onDidTriggerButton(b => {
      result = b === vscode.QuickInputButtons.Back ? { kind: 'back' } : { kind: 'recent', value: ib.value };
      ib.hide();
    });
    ib.onDidAccept(() => {
      const problem = labelsProblem(ib.value, vscode.l10n);
      if (problem) { ib.validationMessage = problem; return; }
      result = { kind: 'done', labels: parseLabels(ib.value) };
      ib.hide();
    });
    ib.onDidHide(() => { ib.dispose(); resolve(result); });
    ib.show();
  });
}

async function pickRecent(recent: readonly string[], chosen: readonly string[]): Promise<string[] | undefined> {
  const picks = await vscode.window.showQuickPick(
    parseLabels(recent).map(l => ({ label: l, picked: chosen.some(c => c.toLowerCase() === l.toLowerCase()) })),
    { canPickMany: true, title: vscode.l10n.t('Recent labels'), placeHolder: vscode.l10n.t('Pick labels to add'), ignoreFocusOut: true },
  );
  return picks?.map(p => p.label);
}
