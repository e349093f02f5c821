import * as vscode from 'vscode';
import { basename } from 'node:path';
import { deploy, type DeployOutcome } from '../../core/launch/deploy';
import { LaunchCancelledError, SpecInvalidError } from '../../core/launch/errors';
import type { SpecProblem } from '../../core/launch/specDocument';
import { launchJob, type JobLaunch } from '../../core/launch/launchJob';
import { specGlob, specKindOf, specNoun } from '../../core/launch/specKind';
import { formatDateTime } from '../../core/util/format';
import type { ExtensionServices } from '../../platform/services';
import { revealEndpoint } from '../../views/inference/inferenceView';
import { revealTrainingJob, revealTuningJob } from '../../views/training/trainingView';
import { defineCommand } from '../command';
import { withCancellableProgress } from '../progress';
import { launchFeature } from './launchContext';
import { confirmUpdateEndpoint } from './endpointConfirmation';
import { refusalMessage } from './refusal';
import { uploadConfirmer } from './uploadConfirmation';

/** What `sagemaker.launchSpec` returns: the job or the deployment it made (undefined if nothing). */
export type LaunchResult = ({ readonly kind: 'training' | 'tuning' } & JobLaunch) | ({ readonly kind: 'deploy' } & DeployOutcome);

function specUriOf(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const maybe = arg as { uri?: unknown; resourceUri?: unknown } | undefined;
  if (maybe?.uri instanceof vscode.Uri) return maybe.uri;
  if (maybe?.resourceUri instanceof vscode.Uri) return maybe.resourceUri;
  return undefined;
}

async function pickSpec(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active && specKindOf(active.fileName)) return active.uri;
  const files = await vscode.workspace.findFiles(specGlob, '**/node_modules/**', 200);
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No spec files (*.training.yaml, *.tuning.yaml, *.deploy.yaml) in this workspace. Create one with "SageMaker: New Training Job".');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Launch which spec?' },
  );
  return picked?.uri;
}

/**
 * Launches a spec file: checks it (an invalid spec sends nothing), takes the spec's launch lock
 * (one launch per spec across windows), packs and uploads, creates the job or deploys, then
 * reveals the result and offers what comes next. The user can cancel until the create is sent.
 */
export const launchSpec = defineCommand(
  'sagemaker.launchSpec',
  (arg?: unknown) => {
    const uri = specUriOf(arg);
    return uri ? `launch ${basename(uri.fsPath)}` : 'launch the spec';
  },
  async (services, arg?: unknown): Promise<LaunchResult | undefined> => {
    const uri = specUriOf(arg) ?? (await pickSpec());
    if (!uri) return undefined;
    const kind = specKindOf(uri.fsPath);
    if (!kind) throw new Error(`${basename(uri.fsPath)} is not a spec file: name it <name>.training.yaml, <name>.tuning.yaml or <name>.deploy.yaml.`);
    if (!vscode.workspace.isTrusted) {
      // A spec from an untrusted folder could start expensive jobs with code nobody reviewed.
      const manage = 'Manage Workspace Trust';
      const picked = await vscode.window.showWarningMessage(
        `${basename(uri.fsPath)} was not launched: launching spec files needs a trusted workspace (it uploads this folder's code and starts billed instances).`,
        manage,
      );
      if (picked === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      return undefined;
    }
    const feature = launchFeature(services);
    // What is checked and launched is the editor's current text, saved or not. A spec with errors is
    // refused before anything is written: the file on disk stays as the user last saved it.
    const document = await vscode.workspace.openTextDocument(uri);
    const fileName = basename(uri.fsPath);

    const problems = (await feature.diagnostics.validate(document)).filter((problem) => problem.severity === 'error');
    if (problems.length) {
      showProblems(fileName, problems);
      return undefined;
    }

    const acquired = await feature.services.locks.acquire(uri.fsPath, `launch of ${fileName}`);
    if ('heldBy' in acquired) {
      const where = acquired.heldBy.pid === process.pid ? 'in this window' : 'in another window';
      void vscode.window.showWarningMessage(`${fileName} is already being launched ${where} (since ${formatDateTime(new Date(acquired.heldBy.startedAt))}). Wait for it to finish.`);
      return undefined;
    }
    try {
      const spec = await feature.diagnostics.parse(document);
      // Keep the file on disk the same as what is launched: save the checked text, and only it.
      if (document.isDirty && !document.isUntitled && !(await document.save())) {
        void vscode.window.showErrorMessage(`${fileName} was not launched: it could not be saved.`);
        return undefined;
      }
      const base = await feature.services.launchEnvironment(kind, uri);
      const env = { ...base, confirmUpload: uploadConfirmer(feature.services.options.context, base.workspaceRoot), confirmUpdateEndpoint };
      const title = kind === 'deploy' ? `Deploying ${fileName}` : `Launching ${fileName}`;
      const result = await withCancellableProgress(title, async (report, signal) => {
        if (kind === 'deploy') return { kind, ...(await deploy(spec, env, { signal, onProgress: report })) };
        return { ...(await launchJob(spec, env, { signal, onProgress: report })) };
      });
      afterLaunch(services, result);
      return result;
    } catch (error) {
      if (error instanceof SpecInvalidError) {
        feature.diagnostics.report(uri, error.problems);
        showProblems(fileName, error.problems);
        return undefined;
      }
      if (error instanceof LaunchCancelledError) {
        const left = error.leftBehind.map((item) => item.name);
        void vscode.window.showInformationMessage(
          left.length ? `Launch of ${fileName} cancelled. Left behind: ${left.join(', ')}.` : `Launch of ${fileName} cancelled; nothing was created.`,
        );
      }
      throw error;
    } finally {
      await acquired.lock.release();
    }
  },
);

function showProblems(fileName: string, problems: readonly SpecProblem[]): void {
  const show = 'Show Problems';
  void vscode.window.showErrorMessage(refusalMessage(fileName, problems), show).then((picked) => {
    if (picked === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
}

/** Tells the views, reveals what was made, offers the next step, and watches jobs to their end. */
export function afterLaunch(services: ExtensionServices, result: LaunchResult): void {
  const feature = launchFeature(services);
  if (result.kind === 'deploy') {
    services.resourceEvents.changed({ region: result.region, kind: 'endpoint', name: result.endpointName });
    services.resourceEvents.changed({ region: result.region, kind: 'model', name: result.modelName });
    void revealEndpoint(services, result.region, result.endpointName).catch(() => false);
    const invoke = 'Invoke…';
    void vscode.window
      .showInformationMessage(`Endpoint ${result.endpointName} is ${result.status} (${result.updated ? 'updated' : 'created'}, serving ${result.modelName}).`, invoke)
      .then((picked) => {
        if (picked === invoke) void vscode.commands.executeCommand('sagemaker.invokeEndpoint', { region: result.region, name: result.endpointName });
      });
    return;
  }
  const resourceKind = result.kind === 'training' ? 'trainingJob' : 'tuningJob';
  services.resourceEvents.changed({ region: result.region, kind: resourceKind, name: result.name });
  void (result.kind === 'training' ? revealTrainingJob(services, result.region, result.name) : revealTuningJob(services, result.region, result.name)).catch(
    () => false,
  );
  feature.followUps.watch(result.kind, result.region, result.name);
  if (result.recovered) services.log.info(`The create of ${result.name} lost its answer; Describe confirmed the job exists (no second job was created).`);
  const secrets = result.secretsLeftOut.length ? ` Secrets left out of the package: ${result.secretsLeftOut.join(', ')}.` : '';
  // What comes next: a training job's logs; a tuning job's place in the Training view (its rows
  // list the training jobs it runs) and its dashboard (the objective across them).
  const logs = 'Follow Logs';
  const reveal = 'Show in Training View';
  const dashboard = 'Open Dashboard';
  const buttons = result.kind === 'training' ? [logs] : [reveal, dashboard];
  void vscode.window.showInformationMessage(`${specNoun(result.kind)[0]!.toUpperCase()}${specNoun(result.kind).slice(1)} ${result.name} created in ${result.region}.${secrets}`, ...buttons).then((picked) => {
    if (picked === logs) void vscode.commands.executeCommand('sagemaker.openLogs', { region: result.region, kind: 'trainingJob', name: result.name });
    if (picked === reveal) void revealTuningJob(services, result.region, result.name).catch(() => false);
    if (picked === dashboard) void vscode.commands.executeCommand('sagemaker.openJobPanel', { region: result.region, kind: 'tuningJob', name: result.name });
  });
}
