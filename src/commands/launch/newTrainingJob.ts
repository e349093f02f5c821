import * as vscode from 'vscode';
import { basename, dirname, relative, sep } from 'node:path';
import { specToYaml } from '../../core/launch/cloneSpec';
import { newTrainingSpec, starterHyperParameters, type NewTrainingAnswers } from '../../core/launch/newJobSpec';
import { sanitizeBase } from '../../core/launch/naming';
import { formatDuration } from '../../core/util/format';
import type { ExtensionServices } from '../../platform/services';
import { machineSettingsPlace } from '../../platform/settings';
import { executionRole, launchSettingKeys } from '../../specs/launchSettings';
import { defineCommand } from '../command';
import { launchFeature } from './launchContext';
import { answered, askInteger, pickInstanceType } from './pickers';
import { writeSpecFile } from './specFiles';

/** Answers tests (and other features) may give instead of being asked. */
export type NewTrainingJobOptions = Partial<NewTrainingAnswers> & { readonly launch?: boolean; readonly folder?: vscode.Uri };

type Algorithm = { image: string; base: string; script?: { file: vscode.Uri }; hyperParameters?: Record<string, string | number> };

/**
 * A short flow that writes a training spec: algorithm (built-in, a framework container running
 * the active Python file, or a custom image), instance type with its price, count, spot, role,
 * input channels (S3 prefixes or local folders uploaded at launch) and output path. The spec is
 * the user's to keep; it launches at once if they say so. Returns the spec's URI.
 */
export const newTrainingJob = defineCommand('sagemaker.newTrainingJob', 'create a training job spec', async (services, given?: unknown): Promise<vscode.Uri | undefined> => {
  const options = (given && typeof given === 'object' && !(given instanceof vscode.Uri) ? given : {}) as NewTrainingJobOptions;
  const feature = launchFeature(services);
  const validator = await feature.services.resources.validator('training');
  const region = services.session.connection.region;

  const algorithm: Algorithm = options.image ? { image: options.image, base: options.baseName ?? 'training' } : await pickAlgorithm(services);
  const folder = options.folder ?? (await specFolder(algorithm.script?.file));
  const base = options.baseName ?? algorithm.base;
  const instanceType =
    options.instanceType ?? (await pickInstanceType(services, validator, ['ResourceConfig', 'InstanceType'], 'training', 'Instance type for training'));
  const instanceCount = options.instanceCount ?? (await askInteger('How many instances?', 1, 1, 100, 'More than one runs distributed training (the algorithm must support it).'));
  const maxRuntimeSeconds = options.maxRuntimeSeconds ?? (await askHours('Maximum run time (hours)', 1)) * 3600;
  const spotMaxWaitSeconds = 'spotMaxWaitSeconds' in options ? options.spotMaxWaitSeconds : await askSpot(maxRuntimeSeconds);
  const role = options.role ?? (await askRole());
  const channels = options.channels ?? (await askChannels(folder, base));
  const outputPath =
    options.outputPath ??
    answered(await vscode.window.showInputBox({ title: 'Where should the model go? (S3 prefix)', value: `s3://\${defaultBucket}/${base}/output/`, validateInput: s3Check }));

  const answers: NewTrainingAnswers = {
    baseName: base,
    image: algorithm.image,
    script: options.script ?? (algorithm.script ? scriptOf(folder, algorithm.script.file) : undefined),
    instanceType,
    instanceCount,
    maxRuntimeSeconds,
    spotMaxWaitSeconds,
    role,
    channels,
    outputPath,
    hyperParameters: options.hyperParameters ?? algorithm.hyperParameters,
  };
  const text = await specToYaml(newTrainingSpec(answers), [
    `Training job spec: the CreateTrainingJob request (aws sagemaker create-training-job --cli-input-yaml), launched with the lens above.`,
    `Placeholders are filled in at launch: \${timestamp}, \${defaultBucket} (sagemaker-${region}-<account>), \${role} (${launchSettingKeys.role}).`,
  ]);
  const uri = await writeSpecFile(base, 'training', text, folder);
  const launchNow = options.launch ?? (await vscode.window.showInformationMessage(`Wrote ${basename(uri.fsPath)}. Launch it now?`, 'Launch')) === 'Launch';
  if (launchNow) await vscode.commands.executeCommand('sagemaker.launchSpec', uri);
  return uri;
});

async function pickAlgorithm(services: ExtensionServices): Promise<Algorithm> {
  const feature = launchFeature(services);
  const catalog = await feature.services.resources.images();
  const region = services.session.connection.region;
  const activePython = vscode.window.activeTextEditor?.document.languageId === 'python' ? vscode.window.activeTextEditor.document.uri : undefined;
  const way = answered(
    await vscode.window.showQuickPick(
      [
        { label: '$(package) Built-in algorithm', description: 'XGBoost, Linear Learner, K-Means…', way: 'builtin' as const },
        {
          label: '$(file-code) Framework container, script mode',
          description: activePython ? `runs ${basename(activePython.fsPath)}` : 'runs a Python script of yours',
          way: 'script' as const,
        },
        { label: '$(server-process) Custom image', description: 'an ECR image URI', way: 'custom' as const },
      ],
      { title: 'New training job: which algorithm?' },
    ),
  ).way;
  if (way === 'custom') {
    const image = answered(
      await vscode.window.showInputBox({
        title: 'Training image URI',
        placeHolder: '123456789012.dkr.ecr.us-east-1.amazonaws.com/my-trainer:latest',
        validateInput: (value) => (/^[\w.-]+\/[\w./-]+(:[\w.-]+|@sha256:[a-f0-9]{64})?$/.test(value.trim()) ? undefined : 'An image URI: registry/repository:tag'),
      }),
    ).trim();
    return { image, base: sanitizeBase(image.split('/').pop()?.split(/[:@]/)[0] ?? 'custom') };
  }
  const wanted = way === 'builtin' ? /algorithm/ : /framework/;
  const choices = catalog.choices('training', region).filter((choice) => wanted.test(choice.kind));
  const picked = answered(
    await vscode.window.showQuickPick(
      choices.map((choice) => ({ label: `${choice.name} ${choice.version}`, description: choice.kind, choice })),
      { title: way === 'builtin' ? 'Built-in algorithm' : 'Framework container', placeHolder: `Images offered in ${region}`, matchOnDescription: true },
    ),
  ).choice;
  const image = `\${image:${picked.name}:${picked.version}}`;
  if (way === 'builtin') return { image, base: picked.name, hyperParameters: starterHyperParameters[picked.name] };
  const file =
    activePython ??
    answered(
      (await vscode.window.showOpenDialog({ title: 'The training script', canSelectMany: false, filters: { Python: ['py'] }, openLabel: 'Use this script' }))?.[0],
    );
  return { image, base: sanitizeBase(basename(file.fsPath).replace(/\.py$/, '')), script: { file } };
}

async function specFolder(script: vscode.Uri | undefined): Promise<vscode.Uri> {
  const folder = (script && vscode.workspace.getWorkspaceFolder(script)?.uri) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (folder) return folder;
  return answered((await vscode.window.showOpenDialog({ title: 'Where should the spec go?', canSelectFolders: true, canSelectFiles: false, openLabel: 'Save the spec here' }))?.[0]);
}

function scriptOf(folder: vscode.Uri, file: vscode.Uri): { directory: string; entryPoint: string } {
  return { directory: toPosix(relative(folder.fsPath, dirname(file.fsPath))) || '.', entryPoint: basename(file.fsPath) };
}

const toPosix = (path: string): string => path.split(sep).join('/');

async function askHours(title: string, value: number): Promise<number> {
  const text = await vscode.window.showInputBox({
    title,
    value: String(value),
    prompt: 'The job is stopped when it reaches this; it bounds the cost.',
    validateInput: (input) => (Number(input) >= 1 / 60 && Number(input) <= 28 * 24 ? undefined : 'Hours, from 0.02 (a minute) to 672 (28 days)'),
  });
  return Number(answered(text));
}

async function askSpot(maxRuntimeSeconds: number): Promise<number | undefined> {
  const picked = answered(
    await vscode.window.showQuickPick(
      [
        { label: 'On-demand', description: 'starts now', spot: false },
        { label: 'Managed spot', description: 'up to 90% cheaper; may wait for capacity and be interrupted', spot: true },
      ],
      { title: 'On-demand or spot capacity?' },
    ),
  );
  if (!picked.spot) return undefined;
  const hours = await askHours(`Wait and run at most (hours; at least the run time, ${formatDuration(maxRuntimeSeconds * 1000)})`, Math.max(1, (2 * maxRuntimeSeconds) / 3600));
  return Math.max(Math.round(hours * 3600), maxRuntimeSeconds);
}

async function askRole(): Promise<string> {
  const current = executionRole();
  if (current) {
    const picked = answered(
      await vscode.window.showQuickPick(
        [
          { label: '${role}', description: current, detail: `From ${launchSettingKeys.role}`, role: '${role}' },
          { label: 'Another role…', role: undefined },
        ],
        { title: 'Execution role' },
      ),
    );
    if (picked.role) return picked.role;
  }
  const arn = answered(
    await vscode.window.showInputBox({
      title: 'Execution role ARN (SageMaker assumes it to read data and write the model)',
      placeHolder: 'arn:aws:iam::123456789012:role/SageMakerExecutionRole',
      prompt: current ? undefined : `Saved in your ${machineSettingsPlace().label} (${launchSettingKeys.role}); the spec says \${role}.`,
      validateInput: (value) => (/^arn:aws[a-z-]*:iam::\d{12}:role\/?[\w+=,.@/-]+$/.test(value.trim()) ? undefined : 'An IAM role ARN'),
    }),
  ).trim();
  if (current) return arn;
  await vscode.workspace.getConfiguration('sagemaker.launch').update('executionRoleArn', arn, vscode.ConfigurationTarget.Global);
  return '${role}';
}

const s3Check = (value: string): string | undefined => (/^s3:\/\/[^/]+\/?.*$/.test(value.trim()) ? undefined : 'An s3:// URI');

async function askChannels(folder: vscode.Uri, base: string): Promise<NewTrainingAnswers['channels']> {
  const channels: Array<NewTrainingAnswers['channels'][number]> = [];
  const names = ['train', 'validation', 'test'];
  for (;;) {
    const next = answered(
      await vscode.window.showQuickPick(
        [
          { label: '$(cloud) Add a channel from S3…', how: 's3' as const },
          { label: '$(folder) Add a channel from a local folder…', description: 'uploaded at each launch (unchanged files skipped)', how: 'local' as const },
          { label: channels.length ? '$(check) Done' : '$(circle-slash) No input data', how: 'done' as const },
        ],
        { title: `Input channels${channels.length ? ` (${channels.map((channel) => channel.name).join(', ')})` : ''}` },
      ),
    ).how;
    if (next === 'done') return channels;
    const name = answered(
      await vscode.window.showInputBox({
        title: 'Channel name',
        value: names[channels.length] ?? `channel${channels.length + 1}`,
        validateInput: (value) => (/^[A-Za-z0-9.\-_]{1,64}$/.test(value) ? undefined : 'Letters, digits, dots, dashes, underscores'),
      }),
    );
    if (next === 's3') {
      const s3Uri = answered(await vscode.window.showInputBox({ title: `S3 prefix of channel ${name}`, value: 's3://', validateInput: s3Check })).trim();
      channels.push({ name, s3Uri });
    } else {
      const local = answered(
        (await vscode.window.showOpenDialog({ title: `Local folder for channel ${name}`, canSelectFolders: true, canSelectFiles: false, defaultUri: folder, openLabel: 'Upload this folder' }))?.[0],
      );
      channels.push({ name, localPath: toPosix(relative(folder.fsPath, local.fsPath)) || '.', s3Uri: `s3://\${defaultBucket}/${base}/data/${name}/` });
    }
  }
}
