import * as vscode from 'vscode';
import { formatSharedFileProblem, type SharedFileProblem } from '../core/aws/sharedConfig';
import type { Logger } from '../core/util/logger';

/** The views' message above their rows: the first problem, and how many more the log has. */
export function sharedFileProblemsMessage(problems: readonly SharedFileProblem[]): string | undefined {
  const [first] = problems;
  if (!first) return undefined;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more; see the SageMaker log)` : '';
  return `AWS shared file problem: ${formatSharedFileProblem(first)}${more}`;
}

/**
 * Says what is wrong in the AWS config and credentials files, and where: once in the log and a
 * notification (with a button that opens the file at the line) each time the problems change,
 * and as the message above every SageMaker view's rows for as long as they last.
 */
export class SharedFileProblemsReporter {
  private shown = '';

  constructor(
    private readonly log: Logger,
    private readonly views: () => Iterable<{ readonly treeView: vscode.TreeView<unknown> }>,
  ) {}

  report(problems: readonly SharedFileProblem[]): void {
    const message = sharedFileProblemsMessage(problems);
    for (const view of this.views()) view.treeView.message = message;
    const key = problems.map(formatSharedFileProblem).join('\n');
    if (key === this.shown) return;
    this.shown = key;
    for (const problem of problems) this.log.warn(`AWS shared file problem: ${formatSharedFileProblem(problem)}`);
    const [first] = problems;
    if (first && message) void this.notify(first, message);
  }

  private async notify(first: SharedFileProblem, message: string): Promise<void> {
    const open = 'Open File';
    const picked = await vscode.window.showWarningMessage(message, ...(first.line === undefined ? [] : [open]));
    if (picked !== open || first.line === undefined) return;
    const position = new vscode.Position(first.line - 1, 0);
    await vscode.window.showTextDocument(vscode.Uri.file(first.path), { selection: new vscode.Range(position, position) });
  }
}
