// Launching from spec files in a real VS Code against the local service: invalid specs get
// diagnostics and send nothing; a launch sends exactly the request the spec describes and
// uploads exactly the expected files; clone-as-spec relaunches to an equal request; tuning and
// deployment reach their final states; a second launch while one runs creates no second job.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ui } from '../support/ui';
import { waitFor } from '../support/wait';
import { codeLenses, ROLE, startLaunchFixture, tarNames, type LaunchFixture } from './launchFixture';

/** What `sagemaker.launchSpec` returns for a job. */
interface JobResult {
  readonly kind: string;
  readonly name: string;
  readonly region: string;
  readonly sourceUri?: string;
}

const HOUR = 3_600_000;
const XGBOOST = '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1';

const churnSpec = [
  '# Script mode: code/ is packed, .env and .aws never are.',
  'TrainingJobName: churn-${timestamp}',
  'Source:',
  '  Directory: code',
  '  EntryPoint: train.py',
  '  Exclude: ["*.ipynb"]',
  'AlgorithmSpecification:',
  '  TrainingImage: ${image:xgboost:1.7-1}',
  '  TrainingInputMode: File',
  'RoleArn: ${role}',
  'HyperParameters:',
  '  num_round: 50',
  '  eta: 0.3',
  'InputDataConfig:',
  '  - ChannelName: train',
  '    LocalPath: data/train',
  '    ContentType: text/csv',
  '    DataSource:',
  '      S3DataSource:',
  '        S3DataType: S3Prefix',
  '        S3Uri: s3://${defaultBucket}/churn/data/train/',
  '        S3DataDistributionType: FullyReplicated',
  'OutputDataConfig:',
  '  S3OutputPath: s3://${defaultBucket}/churn/output/',
  'ResourceConfig:',
  '  InstanceType: ml.m5.xlarge',
  '  InstanceCount: 1',
  '  VolumeSizeInGB: 10',
  'StoppingCondition:',
  '  MaxRuntimeInSeconds: 3600',
].join('\n');

const churnProject = {
  'churn/churn.training.yaml': churnSpec,
  'churn/code/train.py': 'print("training")\n',
  'churn/code/features/encode.py': 'def encode(x):\n    return x\n',
  'churn/code/.gitignore': 'scratch/\n',
  'churn/code/scratch/try.py': 'nothing\n',
  'churn/code/explore.ipynb': '{}',
  'churn/code/.env': 'API_KEY=do-not-ship\n',
  'churn/code/.aws/credentials': '[default]\naws_access_key_id = AKIA0000000000000000\n',
  'churn/data/train/part-0.csv': '0,1,2,3\n1,4,5,6\n',
};

describe('Launching from spec files', function () {
  this.timeout(240_000);
  let fixture: LaunchFixture;

  before(async () => {
    fixture = await startLaunchFixture();
    await ui().openViewContainer('SageMaker');
  });
  after(async () => {
    await fixture?.dispose();
  });
  beforeEach(() => {
    fixture.emulator.requests.clear();
  });

  const sentNothing = (): void => {
    for (const operation of ['CreateTrainingJob', 'CreateHyperParameterTuningJob', 'PutObject', 'CreateMultipartUpload', 'CreateModel']) {
      assert.equal(fixture.emulator.requests.list({ operation }).length, 0, `${operation} was sent`);
    }
  };

  it('shows diagnostics on an invalid spec, and a launch of it sends nothing', async () => {
    const [path] = await fixture.write({
      'broken/broken.training.yaml': [
        'TrainingJobName: broken-${timestamp}',
        'RoleArn: ${role}',
        'AlgorithmSpecification:',
        '  TrainingImage: ${image:xgboost:1.7-1}',
        '  TrainingInputMode: file',
        'OutputDataConfig:',
        '  S3OutputPath: s3://${defaultBucket}/broken/',
        'ResourceConfig:',
        '  InstanceType: ml.m5.xlarg',
        '  InstanceCount: 1',
        '  VolumeSizeInGB: 10',
        'Source:',
        '  Directory: nowhere',
        '  EntryPoint: train.py',
        'StoppingCondition: { MaxRuntimeInSeconds: 600 }',
      ].join('\n'),
    });
    const uri = vscode.Uri.file(path!);
    await vscode.window.showTextDocument(uri);
    const diagnostics = await waitFor(() => (vscode.languages.getDiagnostics(uri).length >= 3 ? vscode.languages.getDiagnostics(uri) : undefined), {
      message: 'diagnostics on broken.training.yaml',
    });
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.severity, d.message]).sort(),
      [
        [12, vscode.DiagnosticSeverity.Error, "The source folder nowhere does not exist (relative to this spec's folder)."],
        [4, vscode.DiagnosticSeverity.Error, '"file" is not a valid AlgorithmSpecification.TrainingInputMode; did you mean "File"?'],
        [8, vscode.DiagnosticSeverity.Error, '"ml.m5.xlarg" is not a valid ResourceConfig.InstanceType; did you mean "ml.m5.xlarge"?'],
      ].sort(),
    );
    const lenses = await codeLenses(uri);
    assert.deepEqual(
      lenses.map((lens) => lens.command?.title),
      ['$(error) 3 problems to fix before launching'],
    );
    // From the Command Palette with the spec in the editor:
    const result = await vscode.commands.executeCommand('sagemaker.launchSpec');
    assert.equal(result, undefined);
    const [shown] = await ui().notifications({ message: /^Could not launch broken\.training\.yaml/ });
    assert.equal(shown!.severity, 'error');
    assert.deepEqual(shown!.buttons, ['Show Problems']);
    sentNothing();
  });

  it('checks JSON specs with the shipped schema too (VS Code\'s JSON support)', async () => {
    const [path] = await fixture.write({
      'broken/broken.tuning.json': JSON.stringify({ HyperParameterTuningJobName: 'x', HyperParameterTuningJobConfig: { Strategy: 'Bayes' } }, null, 2),
    });
    const uri = vscode.Uri.file(path!);
    await vscode.window.showTextDocument(uri);
    const fromSchema = await waitFor(
      () => vscode.languages.getDiagnostics(uri).find((d) => d.source !== 'SageMaker' && /Bayesian/.test(d.message)),
      { message: 'a diagnostic from the JSON language service', timeout: 20_000 },
    );
    assert.equal(fromSchema.range.start.line, 3);
    const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'SageMaker');
    assert.ok(ours.some((d) => d.message === 'The tuning job needs a TrainingJobDefinition.'), ours.map((d) => d.message).join('\n'));
    sentNothing();
  });

  it('documents members and completes values in YAML specs (without the YAML extension), and placeholders everywhere', async () => {
    const [path] = await fixture.write({
      'assist/assist.training.yaml': ['TrainingJobName: assist-${timestamp}', 'ResourceConfig:', '  InstanceType: ml.m5.large', '  VolumeSizeInGB: 5', 'AlgorithmSpecification:', '  TrainingInputMode: ', 'RoleArn: ${'].join('\n'),
    });
    const uri = vscode.Uri.file(path!);
    await vscode.window.showTextDocument(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 4));
    const hoverText = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(hoverText, /\*\*InstanceType\*\*/);
    assert.match(hoverText, /ML compute instance type/);
    const placeholderHover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 25));
    assert.match(placeholderHover.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n'), /yyyy-mm-dd-HH-MM-SS-mmm/);
    const labels = async (line: number, character: number): Promise<string[]> =>
      (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, character))).items.map((item) =>
        typeof item.label === 'string' ? item.label : item.label.label,
      );
    const modes = await labels(5, 21);
    for (const mode of ['Pipe', 'File', 'FastFile']) assert.ok(modes.includes(mode), modes.join(', '));
    const members = await labels(4, 0);
    assert.ok(members.includes('StoppingCondition') && members.includes('OutputDataConfig') && !members.includes('ResourceConfig'), members.slice(0, 40).join(', '));
    const placeholders = await labels(6, 11);
    for (const name of ['timestamp', 'role', 'defaultBucket', 'image']) assert.ok(placeholders.includes(name), placeholders.join(', '));
    sentNothing();
  });

  let launched: JobResult | undefined;
  let launchedRequest: Record<string, unknown> | undefined;

  it('launches from the CodeLens: exactly the request the spec describes, exactly the expected files in S3', async () => {
    const [path] = await fixture.write(churnProject);
    const uri = vscode.Uri.file(path!);
    await vscode.window.showTextDocument(uri);
    const lenses = await waitFor(async () => {
      const found = await codeLenses(uri);
      // Prices arrive in the background on first use; the lenses change when they do.
      return found.length === 2 && !/price unknown/.test(found[1]!.command?.title ?? '') ? found : undefined;
    }, { message: 'the launch and estimate lenses, priced' });
    assert.equal(lenses[0]!.command?.title, '$(rocket) Launch training job');
    assert.match(lenses[1]!.command?.title ?? '', /^ml\.m5\.xlarge × 1 · (≈ )?\$[\d.]+\/h · at most (≈ )?\$[\d.]+ \(1h 00m\)$/);

    const lens = lenses[0]!.command;
    const result = await vscode.commands.executeCommand<JobResult>(lens.command, ...((lens.arguments ?? []) as unknown[]));
    assert.equal(result.kind, 'training');
    assert.match(result.name, /^churn-\d{4}(-\d{2}){5}-\d{3}$/);
    const bucket = fixture.defaultBucket;
    // Each launch packs under a folder of its own, named by the id it tags the job with.
    const launchId = result.sourceUri?.split('/').at(-2) ?? '';
    assert.match(launchId, /^[0-9a-f]{12}$/);
    const created = fixture.inputs('CreateTrainingJob');
    assert.equal(created.length, 1);
    assert.deepEqual(created[0], {
      TrainingJobName: result.name,
      AlgorithmSpecification: { TrainingImage: XGBOOST, TrainingInputMode: 'File' },
      RoleArn: ROLE,
      HyperParameters: {
        num_round: '50',
        eta: '0.3',
        sagemaker_program: '"train.py"',
        sagemaker_submit_directory: `"s3://${bucket}/${result.name}/source/${launchId}/sourcedir.tar.gz"`,
      },
      InputDataConfig: [
        {
          ChannelName: 'train',
          ContentType: 'text/csv',
          DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: `s3://${bucket}/churn/data/train/`, S3DataDistributionType: 'FullyReplicated' } },
        },
      ],
      OutputDataConfig: { S3OutputPath: `s3://${bucket}/churn/output/` },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1, VolumeSizeInGB: 10 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      Tags: [
        { Key: 'team', Value: 'fraud' },
        { Key: 'launched-with', Value: 'sagemaker-companion' },
        { Key: 'sagemaker-companion:launch-id', Value: launchId },
      ],
    });
    const archive = await fixture.object(bucket, `${result.name}/source/${launchId}/sourcedir.tar.gz`);
    assert.deepEqual(tarNames(archive), ['.gitignore', 'features/encode.py', 'train.py']);
    assert.equal((await fixture.object(bucket, 'churn/data/train/part-0.csv')).toString(), '0,1,2,3\n1,4,5,6\n');
    const [created1] = await ui().notifications({ message: `Training job ${result.name} created in ${fixture.region}. Secrets left out of the package: .aws/, .env.` });
    assert.deepEqual(created1!.buttons, ['Follow Logs']);
    // Revealed in the Training view.
    const row = await ui().treeItem('Training', result.name, { timeout: 20_000 });
    assert.equal(row.label, result.name);
    launched = result;
    launchedRequest = created[0];
  });

  it('clones a job from the Training view into a spec that relaunches to an equal request', async () => {
    assert.ok(launched && launchedRequest, 'needs the launch of the previous test');
    fixture.emulator.requests.clear();
    await ui().rightClickTreeItem('Training', launched.name, { timeout: 20_000 });
    await ui().clickContextMenu('Clone as Spec');
    const clonePath = join(fixture.workspace, 'churn.training.yaml');
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.fileName === clonePath ? vscode.window.activeTextEditor : undefined), {
      message: 'the cloned spec in an editor',
      timeout: 20_000,
    });
    const text = editor.document.getText();
    assert.match(text, /^# Cloned from training job /);
    assert.match(text, /^TrainingJobName: churn-\$\{timestamp\}$/m);
    const relaunch = await vscode.commands.executeCommand<JobResult>('sagemaker.launchSpec', editor.document.uri);
    assert.notEqual(relaunch.name, launched.name);
    const [second] = fixture.inputs('CreateTrainingJob') as Array<Record<string, unknown>>;
    assert.equal(second!.TrainingJobName, relaunch.name);
    // Equal but for the name and the launch id each launch tags its job with.
    const withoutLaunch = (request: Record<string, unknown>): Record<string, unknown> => ({
      ...request,
      TrainingJobName: 'same',
      Tags: (request.Tags as Array<{ Key: string }>).filter((tag) => tag.Key !== 'sagemaker-companion:launch-id'),
    });
    assert.deepEqual(withoutLaunch(second!), withoutLaunch(launchedRequest));
  });

  it('shows what a first upload of a folder sends and where, asks, and does not ask again for that folder', async () => {
    const project = {
      'asked/asked.training.yaml': churnSpec.replace('churn-${timestamp}', 'asked-${timestamp}').replace(/\n {2}- ChannelName: train[\s\S]*?S3DataDistributionType: FullyReplicated/, '').replace('InputDataConfig:\n', ''),
      'asked/code/train.py': 'print("training")\n',
      'asked/code/weights.bin': Buffer.alloc(3 * 1024 * 1024, 7),
      'asked/code/.env': 'API_KEY=do-not-ship\n',
    };
    const written = await fixture.write(project, { confirmUploads: false });
    const uri = vscode.Uri.file(written[0]!);
    const question = /^Upload 2 files \(3\.0 MB\) from asked\/code to s3:\/\/sagemaker-[a-z0-9-]+\/asked-[-0-9]+\/source\/[0-9a-f]{12}\/sourcedir\.tar\.gz\?$/;

    const declined = vscode.commands.executeCommand<JobResult | undefined>('sagemaker.launchSpec', uri);
    let dialog = await ui().dialog({ timeout: 30_000 });
    assert.match(dialog.message, question);
    // The workbench's dialog shows each line of the detail as its own paragraph: read without the breaks.
    assert.equal(
      dialog.detail?.replace(/\n/g, ''),
      ['Largest files:', '• weights.bin (3.0 MB)', '• train.py (18 B)', '', 'Never uploaded (secrets): .env', '', 'You are asked once per folder and bucket in this workspace.'].join(''),
    );
    await ui().clickDialogButton('Cancel');
    assert.equal(await declined.then(undefined, () => undefined), undefined);
    sentNothing();

    const accepted = vscode.commands.executeCommand<JobResult>('sagemaker.launchSpec', uri);
    dialog = await ui().dialog({ timeout: 30_000 });
    assert.match(dialog.message, question);
    await ui().clickDialogButton('Upload');
    const first = await accepted;
    assert.match(first.name, /^asked-/);

    // A relaunch of the same folder to the same bucket does not ask again.
    fixture.emulator.requests.clear();
    const again = await vscode.commands.executeCommand<JobResult>('sagemaker.launchSpec', uri);
    assert.notEqual(again.name, first.name);
    assert.equal(fixture.inputs('CreateTrainingJob').length, 1);
    await ui().clearNotifications();
  });

  it('creates one job when launch is clicked twice, and none while another window launches the spec', async () => {
    // A spec of its own (earlier tests left churn.training.yaml open in an editor), and only this
    // test's notifications in the center, which the UI bridge reads as far as it is drawn.
    await ui().clearNotifications();
    const written = await fixture.write({ ...churnProject, 'churn/twice.training.yaml': churnSpec.replace('churn-${timestamp}', 'twice-${timestamp}') });
    const uri = vscode.Uri.file(written.find((path) => path.endsWith('twice.training.yaml'))!);
    const results = await Promise.all([
      vscode.commands.executeCommand<JobResult | undefined>('sagemaker.launchSpec', uri),
      vscode.commands.executeCommand<JobResult | undefined>('sagemaker.launchSpec', uri),
    ]);
    assert.equal(results.filter(Boolean).length, 1);
    assert.match(results.find(Boolean)!.name, /^twice-/);
    assert.equal(fixture.inputs('CreateTrainingJob').length, 1);
    await ui().notifications({ message: /^twice\.training\.yaml is already being launched in this window/ });

    // Another window holds the spec's lock (a file in the global storage all windows share).
    fixture.emulator.requests.clear();
    const locks = vscode.Uri.joinPath(fixture.api.services.context.globalStorageUri, 'launch-locks').fsPath;
    await mkdir(locks, { recursive: true });
    const lockFile = join(locks, `${createHash('sha256').update(uri.fsPath).digest('hex').slice(0, 32)}.lock`);
    await writeFile(lockFile, JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: Date.now(), label: 'launch of churn.training.yaml' }));
    try {
      assert.equal(await vscode.commands.executeCommand('sagemaker.launchSpec', uri), undefined);
      await ui().notifications({ message: /^twice\.training\.yaml is already being launched in another window/ });
      assert.equal(fixture.inputs('CreateTrainingJob').length, 0);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.file(lockFile));
    }
  });

  it('writes a training spec with New Training Job from the Training view, and launches it when asked', async () => {
    await ui().clickViewTitleAction('Training', 'New Training Job…');
    await ui().quickPick({ title: 'New training job: which algorithm?' });
    await ui().quickPickSelect(/Built-in algorithm/);
    await ui().quickPick({ title: 'Built-in algorithm' });
    await ui().quickPickType('xgboost 1.7-1');
    await ui().quickPickSelect('xgboost 1.7-1');
    const types = await ui().quickPick({ title: 'Instance type for training', timeout: 20_000 });
    assert.match(types.items.find((item) => item.label === 'ml.m5.xlarge')?.description ?? '', /^(≈ )?\$[\d.]+\/h|price unknown/);
    await ui().quickPickType('ml.m5.large');
    await ui().quickPickSelect('ml.m5.large');
    await ui().quickPick({ title: 'How many instances?' });
    await ui().inputBoxSubmit('1');
    await ui().quickPick({ title: 'Maximum run time (hours)' });
    await ui().inputBoxSubmit('2');
    await ui().quickPick({ title: 'On-demand or spot capacity?' });
    await ui().quickPickSelect('On-demand');
    await ui().quickPick({ title: 'Execution role' });
    await ui().quickPickSelect('${role}');
    await ui().quickPick({ title: 'Input channels' });
    await ui().quickPickSelect(/Add a channel from S3/);
    await ui().quickPick({ title: 'Channel name' });
    await ui().inputBoxSubmit('train');
    await ui().quickPick({ title: 'S3 prefix of channel train' });
    await ui().inputBoxSubmit('s3://shared-datasets/fraud/train/');
    await ui().quickPick({ title: 'Input channels (train)' });
    await ui().quickPickSelect(/Done/);
    await ui().quickPick({ title: 'Where should the model go? (S3 prefix)' });
    await ui().inputBoxSubmit();
    const specPath = join(fixture.workspace, 'xgboost.training.yaml');
    await waitFor(() => vscode.window.activeTextEditor?.document.fileName === specPath, { message: 'the new spec in an editor', timeout: 20_000 });
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.match(text, /^TrainingJobName: xgboost-\$\{timestamp\}$/m);
    assert.match(text, /^ {2}TrainingImage: \$\{image:xgboost:1\.7-1\}$/m);
    assert.match(text, /^RoleArn: \$\{role\}$/m);
    assert.match(text, /^ {2}MaxRuntimeInSeconds: 7200$/m);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(vscode.languages.getDiagnostics(vscode.Uri.file(specPath)).map((d) => d.message), []);
    // The shared bucket of the channel must exist for the launch to go ahead.
    const { S3Client, CreateBucketCommand } = await import('@aws-sdk/client-s3');
    const s3 = new S3Client({ region: fixture.region, endpoint: fixture.emulator.endpointFor('s3', fixture.region), credentials: fixture.emulator.credentials, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'shared-datasets' }));
    s3.destroy();
    await ui().clickNotificationButton('Wrote xgboost.training.yaml. Launch it now?', 'Launch');
    const [created] = (await waitFor(() => (fixture.inputs('CreateTrainingJob').length ? fixture.inputs('CreateTrainingJob') : undefined), {
      message: 'the launch of the new spec',
      timeout: 30_000,
    })) as Array<{ TrainingJobName: string; ResourceConfig: unknown; HyperParameters: unknown; InputDataConfig: unknown }>;
    assert.match(created!.TrainingJobName, /^xgboost-\d{4}(-\d{2}){5}-\d{3}$/);
    assert.deepEqual(created!.ResourceConfig, { InstanceType: 'ml.m5.large', InstanceCount: 1, VolumeSizeInGB: 30 });
    assert.deepEqual(created!.HyperParameters, { objective: 'binary:logistic', eval_metric: 'auc', num_round: '100', max_depth: '5', eta: '0.2' });
    assert.deepEqual(created!.InputDataConfig, [
      { ChannelName: 'train', DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://shared-datasets/fraud/train/', S3DataDistributionType: 'FullyReplicated' } } },
    ]);
  });

  it('tunes to Completed, then deploys the best training job from the Training view to InService', async () => {
    const [path] = await fixture.write({
      'fraud/fraud.tuning.yaml': [
        'HyperParameterTuningJobName: fraud-hpo-${shortTimestamp}',
        'HyperParameterTuningJobConfig:',
        '  Strategy: Random',
        '  HyperParameterTuningJobObjective: { Type: Maximize, MetricName: "validation:auc" }',
        '  ResourceLimits: { MaxNumberOfTrainingJobs: 4, MaxParallelTrainingJobs: 2 }',
        '  ParameterRanges:',
        '    ContinuousParameterRanges: [{ Name: eta, MinValue: 0.1, MaxValue: 0.5 }]',
        '    IntegerParameterRanges: [{ Name: max_depth, MinValue: 3, MaxValue: 8 }]',
        '    CategoricalParameterRanges: [{ Name: tree_method, Values: [hist, approx] }]',
        'TrainingJobDefinition:',
        '  AlgorithmSpecification: { TrainingImage: "${image:xgboost:1.7-1}", TrainingInputMode: File }',
        '  RoleArn: ${role}',
        '  StaticHyperParameters: { objective: "binary:logistic", num_round: 50 }',
        '  InputDataConfig:',
        '    - ChannelName: train',
        '      LocalPath: data/train',
        '      DataSource: { S3DataSource: { S3DataType: S3Prefix, S3Uri: "s3://${defaultBucket}/fraud/train/" } }',
        '    - ChannelName: validation',
        '      LocalPath: data/validation',
        '      DataSource: { S3DataSource: { S3DataType: S3Prefix, S3Uri: "s3://${defaultBucket}/fraud/validation/" } }',
        '  OutputDataConfig: { S3OutputPath: "s3://${defaultBucket}/fraud/output/" }',
        '  ResourceConfig: { InstanceType: ml.m5.xlarge, InstanceCount: 1, VolumeSizeInGB: 10 }',
        '  StoppingCondition: { MaxRuntimeInSeconds: 3600 }',
      ].join('\n'),
      'fraud/data/train/train.csv': '0,1.5,2\n1,9.1,0\n',
      'fraud/data/validation/validation.csv': '0,1.1,3\n',
    });
    const tuning = await vscode.commands.executeCommand<JobResult>('sagemaker.launchSpec', vscode.Uri.file(path!));
    assert.equal(tuning.kind, 'tuning');
    // As a training job's notification offers its logs, a tuning job's offers to show it.
    const [createdTuning] = await ui().notifications({ message: new RegExp(`^Tuning job ${tuning.name} created in `) });
    assert.deepEqual(createdTuning!.buttons, ['Show in Training View', 'Open Dashboard']);
    const request = fixture.inputs('CreateHyperParameterTuningJob')[0] as { HyperParameterTuningJobConfig: { ParameterRanges: unknown } };
    assert.deepEqual(request.HyperParameterTuningJobConfig.ParameterRanges, {
      ContinuousParameterRanges: [{ Name: 'eta', MinValue: '0.1', MaxValue: '0.5' }],
      IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '3', MaxValue: '8' }],
      CategoricalParameterRanges: [{ Name: 'tree_method', Values: ['hist', 'approx'] }],
    });
    fixture.emulator.clock.advance(4 * HOUR);
    const described = fixture.emulator.state.get('hyperParameterTuningJob', fixture.region, tuning.name) as { HyperParameterTuningJobStatus: string; BestTrainingJob: { TrainingJobName: string } };
    assert.equal(described.HyperParameterTuningJobStatus, 'Completed');
    const best = described.BestTrainingJob.TrainingJobName;

    fixture.api.services.refreshAll();
    // Only the tuning jobs in sight (the tree draws the rows that fit), shown Completed.
    await waitFor(
      async () => {
        await ui().collapseTreeItem('Training', 'Training jobs', { timeout: 2000 }).catch(() => undefined);
        await ui().expandTreeItem('Training', 'Hyperparameter tuning jobs', { timeout: 2000 });
        return /Completed/.test((await ui().treeItem('Training', tuning.name, { timeout: 2000 })).description ?? '');
      },
      { message: 'the tuning job shown Completed', timeout: 40_000 },
    );
    // Endpoint creation takes minutes of virtual time: let the clock run while the deployment waits.
    fixture.emulator.clock.setSpeed(600);
    try {
      // The star on the tuning job's row (the same command is in its context menu).
      // Reveals of earlier launches can still open other groups, and a refresh can draw the row
      // again between finding the action and clicking it: bring the row in sight and try again.
      await waitFor(
        async () => {
          await ui().collapseTreeItem('Training', 'Training jobs', { timeout: 2000 }).catch(() => undefined);
          await ui().expandTreeItem('Training', 'Hyperparameter tuning jobs', { timeout: 2000 });
          await ui().clickTreeItemInlineAction('Training', tuning.name, 'Deploy Best Training Job', { timeout: 3000 });
          return true;
        },
        { message: "a click on the row's Deploy Best Training Job action", timeout: 30_000 },
      );
      await ui().quickPick({ title: `Deploy ${tuning.name}` });
      await ui().quickPickSelect(/Real-time endpoint/);
      await ui().quickPick({ title: 'Instance type for the endpoint', ready: true, timeout: 20_000 });
      await ui().quickPickType('ml.m5.large');
      await ui().quickPickSelect('ml.m5.large');
      await ui().quickPick({ title: 'How many instances?' });
      await ui().inputBoxSubmit('1');
      await ui().quickPick({ title: 'Name of the new endpoint' });
      await ui().inputBoxSubmit('fraud-live');
      const [done] = await ui().notifications({ message: /^Endpoint fraud-live is InService \(created, serving fraud-live-/, timeout: 90_000 });
      assert.deepEqual(done!.buttons, ['Invoke…']);
    } finally {
      fixture.emulator.clock.setSpeed(0);
    }
    const [model] = fixture.inputs('CreateModel') as Array<{ PrimaryContainer: { ModelDataUrl: string; Image: string }; ExecutionRoleArn: string }>;
    const bestJob = fixture.emulator.state.get('trainingJob', fixture.region, best) as { ModelArtifacts: { S3ModelArtifacts: string } };
    assert.deepEqual(model!.PrimaryContainer, { ModelDataUrl: bestJob.ModelArtifacts.S3ModelArtifacts, Image: XGBOOST });
    assert.equal(model!.ExecutionRoleArn, ROLE);
    assert.deepEqual(fixture.inputs('CreateEndpointConfig').map((input) => (input as { ProductionVariants: unknown }).ProductionVariants), [
      [{ InstanceType: 'ml.m5.large', InitialInstanceCount: 1, VariantName: 'AllTraffic', ModelName: (model as unknown as { ModelName: string }).ModelName }],
    ]);
    const endpoint = fixture.emulator.state.get('endpoint', fixture.region, 'fraud-live') as { EndpointStatus: string };
    assert.equal(endpoint.EndpointStatus, 'InService');
  });
});
