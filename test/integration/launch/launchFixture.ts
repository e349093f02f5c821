// The local service in the extension host (empty account, clock frozen), the extension pointed at
// it, an execution role in the settings, and functions that write spec projects into the workspace
// and read what the service and S3 received.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { confirmationKey, confirmedUploadsKey } from '../../../src/commands/launch/uploadConfirmation';
import type { Emulator } from '../../emulator/index';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulator';
import { updateSettings } from '../support/settings';

export const EXTENSION_ID = 'sagemaker-tools.sagemaker-companion';
export const ROLE = 'arn:aws:iam::123456789012:role/SageMakerExecution';

/** The parts of the extension's API these tests use. */
export interface CompanionApi {
  readonly services: {
    readonly context: vscode.ExtensionContext;
    readonly views: ReadonlyMap<string, { topLevel(): Promise<unknown[]> }>;
    refreshAll(): void;
  };
}

export interface LaunchFixture {
  readonly emulator: Emulator;
  readonly region: string;
  readonly api: CompanionApi;
  readonly workspace: string;
  readonly defaultBucket: string;
  /**
   * Writes files (relative to the workspace); returns their absolute paths. Their folders count as
   * confirmed for upload to the default bucket (as after a first launch) unless `confirmUploads` is false.
   */
  write(files: Record<string, string | Buffer>, options?: { confirmUploads?: boolean }): Promise<string[]>;
  /** The inputs of every request of an operation the service received, in order. */
  inputs(operation: string): unknown[];
  /** An S3 object's bytes. */
  object(bucket: string, key: string): Promise<Buffer>;
  dispose(): Promise<void>;
}

export async function startLaunchFixture(): Promise<LaunchFixture> {
  const fixture: EmulatorFixture = await startEmulatorFixture({ data: 'empty', clockSpeed: 0 });
  const { emulator, region } = fixture;
  await updateSettings({ 'sagemaker.launch.executionRoleArn': ROLE, 'sagemaker.launch.tags': { team: 'fraud' } });
  const extension = vscode.extensions.getExtension<CompanionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!workspace) throw new Error('the tests need a workspace folder');
  const s3 = new S3Client({ region, endpoint: emulator.endpointFor('s3', region), credentials: emulator.credentials, forcePathStyle: true });
  // Whatever the tests add to the workspace (their projects, cloned and new specs) goes at the end.
  const before = new Set(await readdir(workspace));
  return {
    emulator,
    region,
    api,
    workspace,
    defaultBucket: `sagemaker-${region}-${emulator.accountId}`,
    async write(files, options = {}) {
      const paths: string[] = [];
      const folders = new Set<string>();
      for (const [relative, content] of Object.entries(files)) {
        const path = join(workspace, relative);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, content);
        paths.push(path);
        for (let folder = dirname(path); folder.startsWith(workspace); folder = dirname(folder)) folders.add(folder);
      }
      if (options.confirmUploads !== false) {
        const state = api.services.context.workspaceState;
        const confirmed = new Set(state.get<string[]>(confirmedUploadsKey, []));
        for (const folder of folders) confirmed.add(confirmationKey(folder, `s3://sagemaker-${region}-${emulator.accountId}/`));
        await state.update(confirmedUploadsKey, [...confirmed]);
      }
      return paths;
    },
    inputs: (operation) => emulator.requests.list({ operation }).map((record) => record.input),
    async object(bucket, key) {
      const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await answer.Body!.transformToByteArray());
    },
    async dispose() {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const entry of await readdir(workspace)) if (!before.has(entry)) await rm(join(workspace, entry), { recursive: true, force: true });
      s3.destroy();
      await updateSettings({ 'sagemaker.launch.executionRoleArn': undefined, 'sagemaker.launch.tags': undefined });
      await fixture.stop();
    },
  };
}

/** The file names inside a .tar.gz, as GNU tar lists them. */
export function tarNames(archive: Buffer): string[] {
  return execFileSync('tar', ['tzf', '-'], { input: archive, encoding: 'utf8' }).trim().split('\n').filter(Boolean).sort();
}

/** The CodeLenses VS Code shows on a document. */
export async function codeLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
}
