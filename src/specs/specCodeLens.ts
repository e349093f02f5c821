import * as vscode from 'vscode';
import type { PriceCatalog } from '../core/cost/priceCatalog';
import { estimateRun } from '../core/launch/estimates';
import { runFacts } from '../core/launch/specFacts';
import { specKindOf, type SpecKind } from '../core/launch/specKind';
import type { LaunchServices } from './launchServices';
import type { SpecDiagnostics } from './specDiagnostics';

const launchTitles: Record<SpecKind, string> = {
  training: '$(rocket) Launch training job',
  tuning: '$(rocket) Launch tuning job',
  deploy: '$(cloud-upload) Deploy',
};

/**
 * Two lenses at the top of every spec: the launch action, and what it costs (instances × count
 * at the hourly price, spot where set, and the worst case from the stopping condition). A spec
 * with errors offers the Problems view instead of a launch.
 */
export class SpecCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: Array<{ dispose(): void }> = [];
  private readonly preparing = new Set<string>();

  constructor(
    private readonly launch: LaunchServices,
    private readonly diagnostics: SpecDiagnostics,
    private readonly prices: PriceCatalog,
  ) {
    this.subscriptions.push(
      this.changed,
      prices.onDidUpdate(() => this.changed.fire()),
      vscode.languages.onDidChangeDiagnostics(() => this.changed.fire()),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const kind = specKindOf(document.fileName);
    if (!kind) return [];
    const spec = await this.diagnostics.parse(document);
    const top = new vscode.Range(0, 0, 0, 0);
    const errors = vscode.languages.getDiagnostics(document.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    if (errors > 0) {
      return [
        new vscode.CodeLens(top, {
          title: `$(error) ${errors} problem${errors === 1 ? '' : 's'} to fix before launching`,
          command: 'workbench.actions.view.problems',
        }),
      ];
    }
    const region = this.launch.region;
    if (!this.preparing.has(region)) {
      this.preparing.add(region);
      void this.prices.prepare(region).catch(() => undefined);
    }
    const estimate = estimateRun(runFacts(kind, spec.value), region, (query) => this.prices.quote(query));
    return [
      new vscode.CodeLens(top, { title: launchTitles[kind], command: 'sagemaker.launchSpec', arguments: [document.uri], tooltip: `Launch this spec in ${region}` }),
      new vscode.CodeLens(top, {
        title: estimate.summary,
        command: '',
        tooltip: estimate.approximate && estimate.basis ? `Approximate: ${estimate.basis}. Worst case = every job runs to MaxRuntimeInSeconds.` : 'Worst case = every job runs to MaxRuntimeInSeconds.',
      }),
    ];
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
