import * as vscode from 'vscode';
import { CancelledError } from '../core/util/cancellation';

/** Says what is happening now; `fraction` (0..1) is how far the whole task has come. */
export type ProgressReporter = (message: string, fraction?: number) => void;

/**
 * The one way a command runs long work: a cancellable progress notification whose Cancel aborts
 * the signal handed to the work. Work that fails after a cancel ends as a (silent) CancelledError.
 */
export function withCancellableProgress<T>(title: string, task: (report: ProgressReporter, signal: AbortSignal) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      let reported = 0;
      const report: ProgressReporter = (message, fraction) => {
        // withProgress takes increments; turn an overall fraction into one.
        const increment = fraction === undefined ? undefined : Math.max(0, Math.round(fraction * 100) - reported);
        if (increment) reported += increment;
        progress.report({ message, increment });
      };
      try {
        return await task(report, abort.signal);
      } catch (error) {
        if (abort.signal.aborted && !(error instanceof CancelledError)) throw new CancelledError();
        throw error;
      } finally {
        subscription.dispose();
      }
    }),
  );
}
