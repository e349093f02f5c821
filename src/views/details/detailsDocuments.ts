import * as vscode from 'vscode';
import { loadYaml } from '../../core/util/loadYaml';
import type { ResourceIdentity } from '../tree/resourceNode';

export const detailsScheme = 'sagemaker-details';

/**
 * Read-only YAML documents with a resource's Describe output (`sagemaker-details:` URIs).
 * Reopening or reverting the document describes the resource again.
 */
export class DetailsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly loaders = new Map<string, () => Promise<unknown>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(detailsScheme, this);

  async show(resource: ResourceIdentity, describe: () => Promise<unknown>): Promise<void> {
    const uri = vscode.Uri.from({
      scheme: detailsScheme,
      path: `/${resource.region}/${resource.kind}/${resource.name}.yaml`,
    });
    this.loaders.set(uri.toString(), describe);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const load = this.loaders.get(uri.toString());
    if (!load) return '# This resource is no longer open; show its details again from the SageMaker view.\n';
    const { stringify } = await loadYaml();
    return stringify(readable(await load()), { lineWidth: 120 });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

/** Drops SDK metadata and turns dates into ISO strings, so the YAML reads like the console. */
export function readable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(readable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, entry]) => key !== '$metadata' && entry !== undefined)
        .map(([key, entry]) => [key, readable(entry)]),
    );
  }
  return value;
}
