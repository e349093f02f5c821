import * as vscode from 'vscode';
import type { EndpointReplacement } from '../../core/launch/launchPlan';

/** The question and detail of the confirmation (exported for tests). */
export function replacementQuestion(change: EndpointReplacement): { message: string; detail: string } {
  const now = change.currentModels.length ? change.currentModels.join(', ') : 'no model it could name';
  return {
    message: `Replace the model endpoint ${change.endpointName} serves?`,
    detail: `Endpoint ${change.endpointName} (${change.region}) serves ${now} now.\nThis deployment replaces it with ${change.newModel} (UpdateEndpoint).`,
  };
}

/** Asks, in a modal naming the endpoint, the model it serves now and the one replacing it, before an update. */
export async function confirmUpdateEndpoint(change: EndpointReplacement): Promise<boolean> {
  const update = 'Update Endpoint';
  const { message, detail } = replacementQuestion(change);
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, update)) === update;
}
