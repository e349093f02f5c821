import * as vscode from 'vscode';
import { relative } from 'node:path';
import type { UploadPreview } from '../../core/launch/launchPlan';
import { parseS3Uri } from '../../core/launch/s3';

/** Where the folders (and buckets) the user has agreed to upload are remembered, per workspace. */
export const confirmedUploadsKey = 'sagemaker.launch.confirmedUploads';

/** The remembered answer's key: the folder and the bucket (a package's key changes with every launch). */
export function confirmationKey(folder: string, destination: string): string {
  return `${folder}\n${parseS3Uri(destination).bucket}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]!}`;
}

/** The confirmation's question and detail (exported for tests). */
export function uploadQuestion(preview: UploadPreview, workspaceRoot: string | undefined): { message: string; detail: string } {
  const folder = workspaceRoot ? relative(workspaceRoot, preview.folder) || '.' : preview.folder;
  const message = `Upload ${preview.files} ${preview.files === 1 ? 'file' : 'files'} (${formatBytes(preview.bytes)}) from ${folder} to ${preview.destination}?`;
  const detail = [
    ...(preview.largest.length ? ['Largest files:', ...preview.largest.map((file) => `• ${file.path} (${formatBytes(file.size)})`)] : ['The folder holds no file to upload.']),
    ...(preview.secretsLeftOut.length ? ['', `Never uploaded (secrets): ${preview.secretsLeftOut.join(', ')}`] : []),
    '',
    'You are asked once per folder and bucket in this workspace.',
  ].join('\n');
  return { message, detail };
}

/**
 * Asks before the first upload of a folder to a bucket: what (file count, size, the largest
 * files) and where (the S3 URI). The answer is remembered for the workspace, so relaunches do not ask.
 */
export function uploadConfirmer(context: vscode.ExtensionContext, workspaceRoot: string | undefined): (preview: UploadPreview) => Promise<boolean> {
  return async (preview) => {
    const key = confirmationKey(preview.folder, preview.destination);
    const confirmed = context.workspaceState.get<string[]>(confirmedUploadsKey, []);
    if (confirmed.includes(key)) return true;
    const { message, detail } = uploadQuestion(preview, workspaceRoot);
    const upload = 'Upload';
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, upload);
    if (answer !== upload) return false;
    await context.workspaceState.update(confirmedUploadsKey, [...context.workspaceState.get<string[]>(confirmedUploadsKey, []).filter((item) => item !== key), key]);
    return true;
  };
}
