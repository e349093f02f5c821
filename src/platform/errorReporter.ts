import * as vscode from 'vscode';
import type { ErrorRemedy } from '../core/aws/errors';
import type { Logger } from '../core/util/logger';
import { failureMessage, type Failure } from '../views/presenters/errorPresenter';

const remedyButtons: Record<Exclude<ErrorRemedy, 'retry'>, { title: string; run: () => Thenable<unknown> }> = {
  ssoLogin: { title: 'Sign In', run: () => vscode.commands.executeCommand('sagemaker.ssoLogin') },
  selectProfile: { title: 'Select Profile', run: () => vscode.commands.executeCommand('sagemaker.selectProfile') },
  selectRegion: { title: 'Select Region', run: () => vscode.commands.executeCommand('sagemaker.selectRegion') },
  openSettings: { title: 'Open Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'sagemaker.') },
  showLog: { title: 'Show Log', run: () => vscode.commands.executeCommand('sagemaker.showLog') },
};

/**
 * Shows a failure as an error notification naming the operation and the reason, logs the
 * detail, and offers the remedies that fit (at most three buttons; Retry when given a retry).
 */
export async function reportFailure(failure: Failure, log: Logger, retry?: () => Thenable<unknown> | Promise<unknown>): Promise<void> {
  const message = failureMessage(failure);
  log.error(`${message}${failure.error.requestId ? ` [request ${failure.error.requestId}]` : ''}`);
  const buttons: Array<{ title: string; run: () => Thenable<unknown> | Promise<unknown> }> = [];
  for (const remedy of failure.advice.remedies) {
    if (remedy === 'retry') {
      if (retry) buttons.push({ title: 'Retry', run: retry });
    } else {
      buttons.push(remedyButtons[remedy]);
    }
  }
  if (!failure.advice.remedies.includes('showLog')) buttons.push(remedyButtons.showLog);
  const shown = buttons.slice(0, 3);
  const picked = await vscode.window.showErrorMessage(message, ...shown.map((button) => button.title));
  await shown.find((button) => button.title === picked)?.run();
}
