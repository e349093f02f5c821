import * as vscode from 'vscode';
import { CancelledError } from '../../core/util/cancellation';
import type { ExtensionServices } from '../../platform/services';
import { withCancellableProgress } from '../progress';
import { describeFailure, failureMessage } from '../../views/presenters/errorPresenter';

export interface ItemOutcome<T> {
  readonly item: T;
  /** Set when the action failed for this item. */
  readonly error?: unknown;
}

/**
 * Runs an action over the selected items one by one with a cancellable progress notification;
 * one item's failure does not stop the others. Cancelling stops before the next item.
 */
export async function runPerItem<T>(
  title: string,
  items: readonly T[],
  describe: (item: T) => string,
  act: (item: T, signal: AbortSignal) => Promise<void>,
): Promise<Array<ItemOutcome<T>>> {
  return withCancellableProgress(title, async (report, signal) => {
    const outcomes: Array<ItemOutcome<T>> = [];
    for (const [index, item] of items.entries()) {
      if (signal.aborted) break;
      report(describe(item), (index + 1) / items.length);
      try {
        await act(item, signal);
        outcomes.push({ item });
      } catch (error) {
        if (signal.aborted) break;
        outcomes.push({ item, error });
      }
    }
    if (outcomes.length === 0 && signal.aborted) throw new CancelledError();
    return outcomes;
  });
}

/**
 * Tells the user how a multi-item action went: a single failure is rethrown (the command wrapper
 * reports it with Retry); several items get one message saying what worked and what did not,
 * each failure with its reason in the log.
 */
export async function reportOutcomes<T>(
  services: ExtensionServices,
  outcomes: ReadonlyArray<ItemOutcome<T>>,
  words: { done: (item: T) => string; action: (item: T) => string; summary: string },
): Promise<void> {
  const failed = outcomes.filter((outcome) => outcome.error !== undefined);
  if (outcomes.length === 1 && failed.length === 1) throw failed[0]!.error;
  const succeeded = outcomes.length - failed.length;
  if (failed.length === 0) {
    vscode.window.setStatusBarMessage(`$(check) ${outcomes.length === 1 ? words.done(outcomes[0]!.item) : `${words.summary}: ${succeeded} done`}`, 5000);
    return;
  }
  const messages = failed.map((outcome) => failureMessage(describeFailure(words.action(outcome.item), outcome.error, services.session.connection)));
  for (const message of messages) services.log.error(message);
  const first = messages[0]!;
  const picked = await vscode.window.showWarningMessage(
    `${words.summary}: ${succeeded} of ${outcomes.length} done. ${first}${failed.length > 1 ? ` (and ${failed.length - 1} more failure${failed.length > 2 ? 's' : ''}: see the log)` : ''}`,
    'Show Log',
  );
  if (picked) services.log.show();
}
