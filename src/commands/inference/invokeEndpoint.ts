import * as vscode from 'vscode';
import { EndpointConfigCache } from '../../core/resources/endpointConfigs';
import { invokeEndpoint, listEndpointsPage } from '../../core/resources/endpoints';
import type { ExtensionServices } from '../../platform/services';
import { EndpointNode } from '../../views/inference/endpointNode';
import { inferenceRoot } from '../../views/inference/inferenceView';
import { invocationDocuments } from '../../views/inference/invocationDocuments';
import { renderResponse } from '../../views/presenters/inference';
import { defineCommand } from '../command';
import { withCancellableProgress } from '../progress';

/** What `sagemaker.invokeEndpoint` returns (and shows). */
export interface InvocationResult {
  readonly endpoint: string;
  readonly contentType?: string;
  readonly variant?: string;
  readonly latencyMs: number;
  readonly bytes: number;
  /** The response as shown: pretty-printed JSON, text, or base64 for binary answers. */
  readonly text: string;
}

/** Arguments other features (and tests) may pass instead of asking. */
export interface InvokeOptions {
  readonly region?: string;
  readonly name?: string;
  readonly body?: string;
  readonly contentType?: string;
}

const contentTypes = ['application/json', 'text/csv', 'text/plain', 'application/jsonlines', 'application/x-npy', 'application/x-recordio-protobuf'];

function guessContentType(languageOrPath: string): string {
  if (/json$/i.test(languageOrPath)) return 'application/json';
  if (/jsonl$|jsonlines$/i.test(languageOrPath)) return 'application/jsonlines';
  if (/csv$/i.test(languageOrPath)) return 'text/csv';
  if (/npy$/i.test(languageOrPath)) return 'application/x-npy';
  return 'text/plain';
}

async function pickEndpoint(services: ExtensionServices): Promise<{ region: string; name: string } | undefined> {
  const { clients, connection } = services.session;
  const page = await listEndpointsPage(clients, connection.region, { pageSize: 100, filter: { status: 'InService' } }, {
    configs: inferenceRoot(services)?.configs ?? new EndpointConfigCache(),
    log: services.log,
  });
  if (page.items.length === 0) {
    void vscode.window.showInformationMessage(`No endpoint is in service in ${connection.region}.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    page.items.map((endpoint) => ({ label: endpoint.name, description: endpoint.variants.map((v) => v.instanceType ?? 'serverless').join(', '), endpoint })),
    { title: 'Invoke which endpoint?' },
  );
  return picked && { region: picked.endpoint.region, name: picked.endpoint.name };
}

interface Payload {
  readonly body: Uint8Array;
  readonly guess: string;
  readonly source: string;
}

async function pickPayload(): Promise<Payload | undefined> {
  const editor = vscode.window.activeTextEditor;
  type Choice = vscode.QuickPickItem & { readonly take: () => Promise<Payload | undefined> };
  const choices: Choice[] = [];
  const encoder = new TextEncoder();
  if (editor && !editor.selection.isEmpty) {
    const text = editor.document.getText(editor.selection);
    choices.push({
      label: '$(selection) The selection',
      description: `${text.length} characters in ${vscode.workspace.asRelativePath(editor.document.uri)}`,
      take: () => Promise.resolve({ body: encoder.encode(text), guess: guessContentType(editor.document.languageId), source: 'the selection' }),
    });
  }
  if (editor) {
    choices.push({
      label: '$(file) The current file',
      description: vscode.workspace.asRelativePath(editor.document.uri),
      take: () => Promise.resolve({ body: encoder.encode(editor.document.getText()), guess: guessContentType(editor.document.languageId), source: vscode.workspace.asRelativePath(editor.document.uri) }),
    });
  }
  choices.push({
    label: '$(folder-opened) A file…',
    take: async () => {
      const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, title: 'Payload to send to the endpoint' })) ?? [];
      if (!uri) return undefined;
      return { body: await vscode.workspace.fs.readFile(uri), guess: guessContentType(uri.path), source: vscode.workspace.asRelativePath(uri) };
    },
  });
  const picked = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title: 'Invoke endpoint: what to send (1/2)' });
  return picked?.take();
}

async function pickContentType(guess: string): Promise<string | undefined> {
  const items = [guess, ...contentTypes.filter((type) => type !== guess)].map((label) => ({ label }));
  const picked = await vscode.window.showQuickPick([...items, { label: 'Other…' }], { title: 'Invoke endpoint: content type (2/2)', placeHolder: guess });
  if (!picked) return undefined;
  if (picked.label !== 'Other…') return picked.label;
  return vscode.window.showInputBox({ title: 'Content type', value: guess, validateInput: (value) => (/^[\w.+-]+\/[\w.+-]+/.test(value) ? undefined : 'A MIME type such as application/json') });
}

/**
 * Sends the selection, the current file or a chosen file to an endpoint (SageMaker Runtime
 * InvokeEndpoint) with a content type the user picks, then shows the response beside the editor
 * and its latency. Payloads and responses are never logged.
 */
export const invokeEndpointCommand = defineCommand(
  'sagemaker.invokeEndpoint',
  (node?: unknown) => (node instanceof EndpointNode ? `invoke the endpoint ${node.endpoint.name}` : 'invoke the endpoint'),
  async (services, node?: unknown, options?: unknown): Promise<InvocationResult | undefined> => {
    const given = (node instanceof EndpointNode ? undefined : (node as InvokeOptions | undefined)) ?? (options as InvokeOptions | undefined);
    const target =
      node instanceof EndpointNode
        ? { region: node.endpoint.region, name: node.endpoint.name }
        : given?.name
          ? { region: given.region ?? services.session.connection.region, name: given.name }
          : await pickEndpoint(services);
    if (!target) return undefined;
    let payload: Payload | undefined;
    if (given?.body !== undefined) payload = { body: new TextEncoder().encode(given.body), guess: given.contentType ?? 'application/json', source: 'the given body' };
    else payload = await pickPayload();
    if (!payload) return undefined;
    const contentType = given?.contentType ?? (await pickContentType(payload.guess));
    if (!contentType) return undefined;

    const result = await withCancellableProgress(`Invoking ${target.name}…`, (_report, signal) =>
      invokeEndpoint(services.session.clients, { region: target.region, name: target.name, body: payload.body, contentType }, signal),
    );
    const rendered = renderResponse(result.body, result.contentType);
    const latency = `${Math.round(result.latencyMs)} ms`;
    services.log.info(`Invoked ${target.name} (${target.region}) with ${payload.body.byteLength} bytes of ${contentType}: ${result.body.byteLength} bytes back in ${latency}${result.invokedVariant ? ` from ${result.invokedVariant}` : ''}`);
    await invocationDocuments(services).show(target.name, rendered.text, rendered.extension);
    void vscode.window.showInformationMessage(
      `${target.name} answered in ${latency}${result.invokedVariant ? ` (variant ${result.invokedVariant})` : ''}: ${result.body.byteLength} bytes${result.contentType ? ` of ${result.contentType}` : ''}.`,
    );
    return {
      endpoint: target.name,
      contentType: result.contentType,
      variant: result.invokedVariant,
      latencyMs: result.latencyMs,
      bytes: result.body.byteLength,
      text: rendered.text,
    };
  },
);
