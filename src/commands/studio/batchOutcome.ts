import * as vscode from 'vscode';
import { reportFailure } from '../../platform/errorReporter';
import type { ExtensionServices } from '../../platform/services';
import { describeFailure, failureMessage, type Failure } from '../../views/presenters/errorPresenter';

export interface BatchItemOutcome {
  /** What was attempted, worded for "Could not <action>": "shut down the JupyterLab app default in space x". */
  readonly action: string;
  readonly outcome: 'done' | 'failed' | 'cancelled';
  readonly error?: unknown;
}

/**
 * Reports an action applied to several resources: each failure is logged; one notification says
 * how many succeeded and which failed and why (a lone failure is reported like any command's).
 */
export async function reportBatchOutcome(
  services: ExtensionServices,
  outcomes: readonly BatchItemOutcome[],
  summary: (done: number, total: number) => string,
): Promise<void> {
  const failures: Failure[] = outcomes
    .filter((item) => item.outcome === 'failed')
    .map((item) => describeFailure(item.action, item.error, services.session.connection));
  const done = outcomes.filter((item) => item.outcome === 'done').length;
  const cancelled = outcomes.filter((item) => item.outcome === 'cancelled').length;
  if (failures.length === 0) {
    if (cancelled > 0) void vscode.window.showInformationMessage(`${summary(done, outcomes.length)} Cancelled before the other ${cancelled}.`);
    return;
  }
  if (outcomes.length === 1) {
    await reportFailure(failures[0]!, services.log);
    return;
  }
  for (const failure of failures) services.log.error(failureMessage(failure));
  const more = failures.length > 1 ? ` ${failures.length - 1} more failed; see the log.` : '';
  const skipped = cancelled > 0 ? ` Cancelled before the other ${cancelled}.` : '';
  const picked = await vscode.window.showErrorMessage(`${summary(done, outcomes.length)} ${failureMessage(failures[0]!)}${more}${skipped}`, 'Show Log');
  if (picked) services.log.show();
}
