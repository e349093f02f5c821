import * as vscode from 'vscode';
import type { ExtensionServices } from '../../platform/services';

export const invocationScheme = 'sagemaker-invocation';

/** Read-only documents holding endpoint responses (`sagemaker-invocation:` URIs), newest kept. */
export class InvocationDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(invocationScheme, this);
  private counter = 0;

  /** Opens `text` beside the current editor as `<endpoint> response N.<extension>`. */
  async show(endpointName: string, text: string, extension: string): Promise<vscode.TextEditor> {
    this.counter++;
    const uri = vscode.Uri.from({ scheme: invocationScheme, path: `/${endpointName}/response-${this.counter}.${extension}` });
    this.contents.set(uri.toString(), text);
    // Old responses are dropped from memory; their tabs then say so.
    for (const key of [...this.contents.keys()].slice(0, Math.max(0, this.contents.size - 20))) this.contents.delete(key);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '(This response is no longer kept; invoke the endpoint again.)';
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}

const documents = new WeakMap<ExtensionServices, InvocationDocuments>();

export function invocationDocuments(services: ExtensionServices): InvocationDocuments {
  let existing = documents.get(services);
  if (!existing) {
    existing = new InvocationDocuments();
    documents.set(services, existing);
    services.context.subscriptions.push(existing);
  }
  return existing;
}
