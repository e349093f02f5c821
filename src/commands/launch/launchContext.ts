import * as vscode from 'vscode';
import type { ExtensionServices } from '../../platform/services';
import type { LaunchFeature } from '../../specs/launchFeature';
import { isResourceNode, type ResourceIdentity } from '../../views/tree/resourceNode';

export function launchFeature(services: ExtensionServices): LaunchFeature {
  if (!services.launch) throw new Error('The launch feature is not available in this window.');
  return services.launch;
}

/** A tree node, or `{ region, kind, name }` from a notification or another feature. */
export function resourceArg(value: unknown, kinds: readonly ResourceIdentity['kind'][]): ResourceIdentity | undefined {
  const identity = isResourceNode(value) ? value.resource : (value as Partial<ResourceIdentity> | undefined);
  if (!identity || typeof identity.name !== 'string' || typeof identity.region !== 'string' || !identity.kind) return undefined;
  return kinds.includes(identity.kind) ? (identity as ResourceIdentity) : undefined;
}

/** Runs a long step with a cancellable notification; the signal aborts when the user cancels. */
export function withCancellableProgress<T>(
  title: string,
  task: (report: (message: string, fraction?: number) => void, signal: AbortSignal) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort());
    let reported = 0;
    try {
      return await task((message, fraction) => {
        // withProgress takes increments; turn an overall fraction into one.
        const increment = fraction === undefined ? undefined : Math.max(0, Math.round(fraction * 100) - reported);
        if (increment) reported += increment;
        progress.report({ message, increment });
      }, abort.signal);
    } finally {
      subscription.dispose();
    }
  });
}
