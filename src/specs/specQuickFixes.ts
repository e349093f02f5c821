import * as vscode from 'vscode';
import type { SpecDiagnostics } from './specDiagnostics';

/**
 * Quick fixes (Ctrl+.) for spec problems that know their fix: a "did you mean ..." suggestion
 * (an instance type, an enum value, a member name) replaces the text the problem is reported at,
 * keeping the quotes the text was written with.
 */
export class SpecQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: SpecDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const replacement = this.diagnostics.replacementFor(document.uri, diagnostic);
      if (replacement === undefined) continue;
      const text = keepQuotes(document.getText(diagnostic.range), replacement);
      const action = new vscode.CodeAction(`Change to ${replacement}`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, text);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}

/** The replacement written as the current text was: in the same quotes, when it was quoted. */
export function keepQuotes(current: string, replacement: string): string {
  const quote = current[0];
  if ((quote === '"' || quote === "'") && current.length >= 2 && current.endsWith(quote)) {
    return quote === '"' ? JSON.stringify(replacement) : `'${replacement.replaceAll("'", "''")}'`;
  }
  return replacement;
}
