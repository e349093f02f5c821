import * as vscode from 'vscode';
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AwsSession } from '../core/aws/session';
import type { PriceCatalog } from '../core/cost/priceCatalog';
import type { LaunchEnvironment } from '../core/launch/launchPlan';
import { LaunchLocks } from '../core/launch/launchLock';
import type { SpecKind } from '../core/launch/specKind';
import { SpecResources } from '../core/launch/specResources';
import type { SpecCheckEnvironment } from '../core/launch/specValidation';
import type { Logger } from '../core/util/logger';
import { machineSettingsPlace } from '../platform/settings';
import { executionRole, launchTags } from './launchSettings';

export interface LaunchServicesOptions {
  readonly context: vscode.ExtensionContext;
  readonly session: AwsSession;
  readonly log: Logger;
  readonly prices: PriceCatalog;
}

/**
 * What spec files and launches share: the schemas and image table (read lazily from the
 * extension's folder), the cross-window launch locks (in global storage, which every window
 * shares), and the environment a launch or a check runs in.
 */
export class LaunchServices implements vscode.Disposable {
  readonly resources: SpecResources;
  readonly locks: LaunchLocks;

  constructor(readonly options: LaunchServicesOptions) {
    const root = options.context.extensionUri;
    this.resources = new SpecResources(async (path) => JSON.parse(await readFile(vscode.Uri.joinPath(root, path).fsPath, 'utf8')) as unknown);
    this.locks = new LaunchLocks(vscode.Uri.joinPath(options.context.globalStorageUri, 'launch-locks').fsPath);
  }

  get region(): string {
    return this.options.session.connection.region;
  }

  /** What a check of a spec needs: no AWS call is made. */
  async checkEnvironment(specUri: vscode.Uri): Promise<SpecCheckEnvironment> {
    return {
      region: this.region,
      role: executionRole(),
      settingsPlace: machineSettingsPlace().label,
      images: await this.resources.images().catch(() => undefined),
      specDir: dirname(specUri.fsPath),
      workspaceRoot: workspaceRootOf(specUri),
      stat: statKind,
    };
  }

  async launchEnvironment(kind: SpecKind, specUri: vscode.Uri): Promise<LaunchEnvironment> {
    const session = this.options.session;
    return {
      clients: session.clients,
      region: this.region,
      identity: () => session.identity(),
      role: executionRole(),
      settingsPlace: machineSettingsPlace().label,
      settingTags: launchTags(),
      images: await this.resources.images(),
      validator: await this.resources.validator(kind),
      specDir: dirname(specUri.fsPath),
      workspaceRoot: workspaceRootOf(specUri),
      confirmCreateBucket: confirmCreateBucket,
      log: this.options.log,
    };
  }

  dispose(): void {
    // Nothing held: locks are released by the launches that took them.
  }
}

/** The workspace folder that holds a spec: its local paths must stay inside it. */
function workspaceRootOf(specUri: vscode.Uri): string | undefined {
  return vscode.workspace.getWorkspaceFolder(specUri)?.uri.fsPath;
}

async function statKind(path: string): Promise<'file' | 'directory' | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/** The SDK creates its default bucket silently; the extension asks first. */
async function confirmCreateBucket(bucket: string, region: string): Promise<boolean> {
  const create = 'Create Bucket';
  const answer = await vscode.window.showWarningMessage(
    `The SageMaker default bucket ${bucket} does not exist in ${region}.`,
    { modal: true, detail: 'Create it, as the SageMaker Python SDK does? Uploads and job outputs go there.' },
    create,
  );
  return answer === create;
}
